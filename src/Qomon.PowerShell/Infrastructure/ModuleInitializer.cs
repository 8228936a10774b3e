using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using Qomon.Client.Loading;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// Hooks the module's assembly rule (Qomon.Client's <see cref="ModuleAssemblyResolver"/>) into the runtime
    /// on import and unhooks it on removal. Windows PowerShell 5.1 has no System.Text.Json (nor System.Memory and
    /// friends) and gives modules no binding redirects; the build puts those dlls in Dependencies/ and the rule
    /// answers the module's own requests with them. On PowerShell 7 the in-box copies load first, and the rule
    /// matters when another module loaded another Microsoft.Bcl.TimeProvider first. The only other global change
    /// is the TabExpansion2 wrapper for hashtable-key completion (Completion/TabExpansionHook.cs); removing the
    /// module undoes both.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly ModuleAssemblyResolver Resolver =
            new ModuleAssemblyResolver(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "");

        private static readonly object Gate = new object();
        private static bool _registered;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                LoadContextHook.Subscribe(typeof(ModuleInitializer).Assembly, ResolveInLoadContext);
                _registered = true;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (!_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                LoadContextHook.Unsubscribe();
                _registered = false;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args) =>
            Resolver.Resolve(args.Name, args.RequestingAssembly);

        private static Assembly? ResolveInLoadContext(AssemblyName requested, IEnumerable<Assembly> contextAssemblies) =>
            Resolver.ResolveInLoadContext(requested, contextAssemblies);
    }
}

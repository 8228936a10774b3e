using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// Makes the module's private dependencies loadable on Windows PowerShell 5.1, which has no
    /// System.Text.Json (nor System.Memory and friends) and no binding redirects for modules. The build puts
    /// those dlls in Dependencies/; this handler answers a failed load only when the request comes from this
    /// module's own assemblies (or from a dll it loaded from Dependencies/) and the dll is there, so it never
    /// changes which assembly another module gets. On PowerShell 7 the in-box copies load first and the
    /// handler is rarely asked. The only other global change is the TabExpansion2 wrapper for hashtable-key
    /// completion (Completion/TabExpansionHook.cs); removing the module undoes both.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string[] OwnAssemblies = { "Qomon.PowerShell", "Qomon.Client" };

        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";
        private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "Dependencies");
        private static readonly object Gate = new object();
        private static bool _registered;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                _registered = true;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (!_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                _registered = false;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            if (!IsOurs(args.RequestingAssembly)) return null;
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var path = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static bool IsOurs(Assembly? requesting)
        {
            if (requesting == null) return false;
            var name = requesting.GetName().Name;
            foreach (var own in OwnAssemblies)
                if (string.Equals(name, own, StringComparison.OrdinalIgnoreCase)) return true;
            try
            {
                var location = requesting.Location;
                return !string.IsNullOrEmpty(location) &&
                       string.Equals(Path.GetDirectoryName(location), DependencyDirectory, StringComparison.OrdinalIgnoreCase);
            }
            catch (NotSupportedException)
            {
                return false; // a dynamic assembly has no location, and is not ours
            }
        }
    }
}

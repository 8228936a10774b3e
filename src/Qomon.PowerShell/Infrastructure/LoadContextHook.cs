using System;
using System.Collections.Generic;
using System.Reflection;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// Subscribes to the Resolving event of the module's AssemblyLoadContext on .NET Core (PowerShell 7), by
    /// reflection because the module is compiled for netstandard2.0, which has no AssemblyLoadContext. Resolving
    /// is raised before AppDomain.AssemblyResolve, so the module's rule answers before the runtime's LoadFrom
    /// handler, which would otherwise try to load the shipped Microsoft.Bcl.TimeProvider beside a copy another
    /// module already loaded, and throw. On .NET Framework there is no such type and nothing is done.
    /// </summary>
    internal static class LoadContextHook
    {
        private static readonly Type? LoadContextType =
            Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false);

        private static object? _context;
        private static Delegate? _handler;
        private static Func<AssemblyName, IEnumerable<Assembly>, Assembly?>? _resolve;

        public static void Subscribe(Assembly moduleAssembly, Func<AssemblyName, IEnumerable<Assembly>, Assembly?> resolve)
        {
            if (LoadContextType == null || _handler != null) return;
            var context = LoadContextType.GetMethod("GetLoadContext", new[] { typeof(Assembly) })?.Invoke(null, new object[] { moduleAssembly });
            var resolving = LoadContextType.GetEvent("Resolving");
            var method = typeof(LoadContextHook).GetMethod(nameof(OnResolving), BindingFlags.NonPublic | BindingFlags.Static);
            if (context == null || resolving?.EventHandlerType == null || method == null) return;
            _resolve = resolve;
            _context = context;
            _handler = Delegate.CreateDelegate(resolving.EventHandlerType, method);
            resolving.AddEventHandler(context, _handler);
        }

        public static void Unsubscribe()
        {
            if (LoadContextType == null || _handler == null || _context == null) return;
            LoadContextType.GetEvent("Resolving")?.RemoveEventHandler(_context, _handler);
            _handler = null;
            _context = null;
            _resolve = null;
        }

        // Bound to Func<AssemblyLoadContext, AssemblyName, Assembly?>: a parameter of type object accepts the context.
        private static Assembly? OnResolving(object context, AssemblyName requested)
        {
            var resolve = _resolve;
            if (resolve == null) return null;
            var assemblies = LoadContextType!.GetProperty("Assemblies")?.GetValue(context) as IEnumerable<Assembly>;
            return assemblies == null ? null : resolve(requested, assemblies);
        }
    }
}

using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using Qomon.Client.Loading;

namespace Qomon.Desktop.Tests
{
    /// <summary>
    /// Loads the module as Windows PowerShell 5.1 does and registers the module's assembly rule as
    /// ModuleInitializer.OnImport does. PowerShell loads the module's root dll with Assembly.LoadFrom; this host
    /// loads Qomon.Client.dll the same way (Qomon.PowerShell.dll needs System.Management.Automation, which Mono
    /// lacks). A script reaches the module's types (Qomon.Client's, System.Text.Json's JsonObject) through the
    /// loaded module; this host's compiled references to them are answered the same way: with the file the
    /// module's rule gives Qomon.Client. Every other load is left to the runtime and the module's rule.
    /// </summary>
    public static class ModuleLoading
    {
        private static Assembly? _client;

        /// <summary>Every request the module's rule was asked, with its answer, in order.</summary>
        public static readonly System.Collections.Concurrent.ConcurrentQueue<string> RuleLog = new System.Collections.Concurrent.ConcurrentQueue<string>();

        public static void Import(string moduleDirectory)
        {
            _client = Assembly.LoadFrom(Path.Combine(moduleDirectory, "Qomon.Client.dll"));
            AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                new AssemblyName(args.Name).Name == "Qomon.Client" ? _client : null;
            RegisterModuleRule(moduleDirectory);
        }

        // Apart from Import so that Qomon.Client is first needed after the handler above is in place.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterModuleRule(string moduleDirectory)
        {
            var resolver = new ModuleAssemblyResolver(moduleDirectory);
            // What ModuleInitializer.OnImport registers.
            AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
            {
                var answer = resolver.Resolve(args.Name, args.RequestingAssembly);
                RuleLog.Enqueue(args.Name + " for " + (args.RequestingAssembly?.GetName().Name ?? "(no requester)") + " -> " + (answer?.Location ?? "no answer"));
                return answer;
            };
            // The host's own references (the stand-in for a script using the module's types).
            var host = typeof(ModuleLoading).Assembly;
            AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                args.RequestingAssembly == host ? resolver.Resolve(args.Name, _client) : null;
        }
    }
}

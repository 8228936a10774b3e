using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Qomon.Desktop.Tests
{
    /// <summary>
    /// Usage: Qomon.Desktop.Tests.exe --module module/Qomon --emulator src/Qomon.Emulator/bin/Release/net10.0/Qomon.Emulator.dll
    /// Ends with "N passed, N failed"; the exit code is 1 when a check failed.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string? module = null, emulator = null;
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                if (args[i] == "--module") module = Path.GetFullPath(args[i + 1]);
                else if (args[i] == "--emulator") emulator = Path.GetFullPath(args[i + 1]);
            }
            if (module == null || emulator == null)
            {
                Console.Error.WriteLine("Usage: Qomon.Desktop.Tests.exe --module <module/Qomon> --emulator <Qomon.Emulator.dll>");
                return 2;
            }

            Console.WriteLine("Runtime: " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            var checks = new CheckList();
            // Before any Qomon type is touched: the host's part of an Import-Module, then the module's own rule.
            ModuleLoading.Import(module);
            Run(checks, module, emulator);
            Console.WriteLine(checks.Passed + " passed, " + checks.Failed + " failed");
            return checks.Failed == 0 ? 0 : 1;
        }

        // Not inlined: Main must not need Qomon.Client before ModuleLoading.Import registered the rules.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Run(CheckList checks, string module, string emulatorDll)
        {
            using (var emulator = EmulatorProcess.Start(emulatorDll))
            {
                checks.Check("connect and send the first request (before anything named System.Text.Json)", () => FirstRequest.RunAsync(emulator));
                Scenarios.Run(checks, emulator);
            }
            AssemblyReport.Check(checks, module);
        }
    }
}

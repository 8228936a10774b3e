using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Qomon.Desktop.Tests
{
    /// <summary>
    /// Prints where every loaded assembly came from and checks that everything that is neither the framework nor
    /// this host came from the module's root or Dependencies/ folder, and that the dependencies .NET Framework lacks
    /// were in fact loaded from there.
    /// </summary>
    public static class AssemblyReport
    {
        private static readonly (string Name, string Folder)[] ExpectedFromModule =
        {
            ("Qomon.Client", ""),
            ("Microsoft.Bcl.TimeProvider", ""),
            ("System.Text.Json", "Dependencies"),
            ("Microsoft.Bcl.AsyncInterfaces", "Dependencies"),
            ("System.Memory", "Dependencies"),
        };

        public static void Check(CheckList checks, string module)
        {
            // The framework: its own folder and the GAC, and on Mono the folders of MONO_PATH (the .NET Framework
            // facades that Debian's mono-runtime lacks; TestDesktop takes them from Debian's mono-devel package).
            var framework = new[] { RuntimeEnvironment.GetRuntimeDirectory() }
                .Concat((Environment.GetEnvironmentVariable("MONO_PATH") ?? "").Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
                .Select(Path.GetFullPath).ToList();
            var host = Path.GetDirectoryName(Path.GetFullPath(typeof(AssemblyReport).Assembly.Location))!;
            var dependencies = Path.Combine(module, "Dependencies");
            var loaded = AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => (Name: a.GetName(), Location: LocationOf(a), Gac: a.GlobalAssemblyCache))
                .OrderBy(a => a.Name.Name, StringComparer.Ordinal)
                .ToList();

            Console.WriteLine("Asked of the module's rule:");
            foreach (var line in ModuleLoading.RuleLog) Console.WriteLine("  " + line);
            Console.WriteLine("Loaded assemblies:");
            foreach (var a in loaded)
                Console.WriteLine("  " + a.Name.Name + " " + a.Name.Version + " <- " + (a.Gac ? "GAC " : "") + a.Location);

            checks.Check("every assembly outside the framework and this host came from the module's folders", () =>
            {
                var strays = loaded.Where(a => !a.Gac && !framework.Any(f => Under(a.Location, f)) && Folder(a.Location) != host
                                               && Folder(a.Location) != module && Folder(a.Location) != dependencies).ToList();
                CheckList.That(strays.Count == 0, "loaded elsewhere: " + string.Join(", ", strays.Select(a => a.Name.Name + " <- " + a.Location)));
            });

            checks.Check("Qomon.Client, TimeProvider, System.Text.Json, AsyncInterfaces and System.Memory came from the module as shipped", () =>
            {
                foreach (var (name, folder) in ExpectedFromModule)
                {
                    var copies = loaded.Where(a => a.Name.Name == name).ToList();
                    var expected = Path.Combine(folder.Length == 0 ? module : Path.Combine(module, folder), name + ".dll");
                    CheckList.That(copies.Count == 1 && copies[0].Location == expected,
                        name + ": " + (copies.Count == 0 ? "not loaded" : string.Join(", ", copies.Select(c => c.Location))) + ", expected " + expected);
                }
            });
        }

        private static string LocationOf(Assembly assembly)
        {
            try { return string.IsNullOrEmpty(assembly.Location) ? "(no file)" : Path.GetFullPath(assembly.Location); }
            catch (NotSupportedException) { return "(dynamic)"; }
        }

        private static string Folder(string location) => location.StartsWith("(", StringComparison.Ordinal) ? location : Path.GetDirectoryName(location)!;

        private static bool Under(string location, string directory) =>
            location.StartsWith(directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}

using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using Qomon.Client.Loading;
using Xunit;

namespace Qomon.Client.Tests.Loading
{
    /// <summary>
    /// The module's assembly rule on a folder laid out like module/Qomon: Microsoft.Bcl.TimeProvider and
    /// Qomon.Client at the root, Microsoft.Bcl.AsyncInterfaces in Dependencies/ (the real dlls, copied). Requesters
    /// are real assemblies loaded from those folders into a throw-away load context; loading is recorded, not done.
    /// </summary>
    public sealed class ModuleAssemblyResolverTests : IDisposable
    {
        private const string AsyncInterfaces = "Microsoft.Bcl.AsyncInterfaces";
        private const string TimeProvider = "Microsoft.Bcl.TimeProvider";

        private readonly string _module = Path.Combine(Path.GetTempPath(), "qomon-resolver-" + Guid.NewGuid().ToString("N"));
        private readonly AssemblyLoadContext _context = new AssemblyLoadContext("module-copies", isCollectible: true);
        private readonly List<string> _loaded = new List<string>();
        private readonly Assembly _answer = typeof(ModuleAssemblyResolverTests).Assembly;
        private readonly ModuleAssemblyResolver _resolver;

        public ModuleAssemblyResolverTests()
        {
            var dependencies = Directory.CreateDirectory(Path.Combine(_module, ModuleAssemblyResolver.DependencyFolderName)).FullName;
            // The package's own dll from the test output (on .NET 10 the TimeProvider type itself lives in CoreLib).
            File.Copy(Path.Combine(AppContext.BaseDirectory, TimeProvider + ".dll"), Path.Combine(_module, TimeProvider + ".dll"));
            File.Copy(typeof(QomonClient).Assembly.Location, Path.Combine(_module, "Qomon.Client.dll"));
            // The real AsyncInterfaces, as the build puts it in Dependencies/.
            File.Copy(AsyncInterfacesLikeFile(), Path.Combine(dependencies, AsyncInterfaces + ".dll"));
            _resolver = new ModuleAssemblyResolver(_module, path => { _loaded.Add(path); return _answer; });
        }

        public void Dispose()
        {
            _context.Unload();
            try { Directory.Delete(_module, recursive: true); } catch (UnauthorizedAccessException) { /* still mapped on Windows */ }
        }

        [Fact]
        public void AShippedDllAtTheRootAskingForADependencyGetsTheShippedFile()
        {
            // The 5.1 defect: TimeProvider (root, neither our own name nor in Dependencies/) asks for AsyncInterfaces.
            var requester = LoadCopy(TimeProvider + ".dll");

            var answer = _resolver.Resolve(ShippedName(AsyncInterfaces), requester);

            Assert.Same(_answer, answer);
            Assert.Equal(new[] { Path.Combine(_module, "Dependencies", AsyncInterfaces + ".dll") }, _loaded);
        }

        [Fact]
        public void AnotherVersionThanTheShippedOneIsAnsweredWithTheShippedFile()
        {
            var requester = LoadCopy("Qomon.Client.dll");

            var answer = _resolver.Resolve(AsyncInterfaces + ", Version=1.2.3.4, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", requester);

            Assert.Same(_answer, answer);
            Assert.Single(_loaded);
        }

        [Fact]
        public void ADllInDependenciesAskingForOneAtTheRootGetsIt()
        {
            var requester = LoadCopy(Path.Combine("Dependencies", AsyncInterfaces + ".dll"));

            _resolver.Resolve(ShippedName(TimeProvider), requester);

            Assert.Equal(new[] { Path.Combine(_module, TimeProvider + ".dll") }, _loaded);
        }

        [Fact]
        public void AnotherModulesRequestGetsNoAnswer()
        {
            var answer = _resolver.Resolve(ShippedName(AsyncInterfaces), typeof(Assert).Assembly);

            Assert.Null(answer);
            Assert.Empty(_loaded);
        }

        [Fact]
        public void ANameTheModuleDoesNotShipGetsNoAnswer()
        {
            var answer = _resolver.Resolve("No.Such.Assembly, Version=1.0.0.0", LoadCopy("Qomon.Client.dll"));

            Assert.Null(answer);
            Assert.Empty(_loaded);
        }

        [Fact]
        public void ADynamicRequesterIsNotTheModules()
        {
            var dynamic = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Qomon.Client"), AssemblyBuilderAccess.Run);

            Assert.Null(_resolver.Resolve(ShippedName(AsyncInterfaces), dynamic));
            Assert.Empty(_loaded);
        }

        [Fact]
        public void WithoutARequesterTheExactShippedIdentityIsAnswered()
        {
            var answer = _resolver.Resolve(ShippedName(AsyncInterfaces), requestingAssembly: null);

            Assert.Same(_answer, answer);
            Assert.Single(_loaded);
        }

        [Theory]
        [InlineData("Version=1.2.3.4, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
        [InlineData("Version={0}, Culture=neutral, PublicKeyToken=0123456789abcdef")]
        [InlineData("Version={0}, Culture=fr, PublicKeyToken=cc7b13ffcd2ddd51")]
        [InlineData("Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
        public void WithoutARequesterAnyOtherIdentityGetsNoAnswer(string identity)
        {
            var version = AssemblyName.GetAssemblyName(Path.Combine(_module, "Dependencies", AsyncInterfaces + ".dll")).Version;

            var answer = _resolver.Resolve(AsyncInterfaces + ", " + string.Format(identity, version), requestingAssembly: null);

            Assert.Null(answer);
            Assert.Empty(_loaded);
        }

        [Fact]
        public void InALoadContextThatHoldsAnotherCopyThatCopyAnswersTheShippedVersion()
        {
            var otherCopy = LoadCopy(TimeProvider + ".dll");

            var answer = _resolver.ResolveInLoadContext(new AssemblyName(ShippedName(TimeProvider)), new[] { typeof(object).Assembly, otherCopy });

            Assert.Same(otherCopy, answer);
            Assert.Empty(_loaded);
        }

        [Fact]
        public void InALoadContextOnlyTheShippedVersionOfAShippedNameIsAnswered()
        {
            var otherCopy = LoadCopy(TimeProvider + ".dll");
            var context = new[] { otherCopy };

            Assert.Null(_resolver.ResolveInLoadContext(new AssemblyName(TimeProvider + ", Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"), context));
            Assert.Null(_resolver.ResolveInLoadContext(new AssemblyName(ShippedName(AsyncInterfaces)), context));
            Assert.Null(_resolver.ResolveInLoadContext(new AssemblyName("No.Such.Assembly, Version=1.0.0.0"), context));
        }

        private string ShippedName(string name) =>
            AssemblyName.GetAssemblyName(Path.Combine(_module, name + ".dll") is var root && File.Exists(root)
                ? root
                : Path.Combine(_module, "Dependencies", name + ".dll")).FullName;

        private Assembly LoadCopy(string relativePath) => _context.LoadFromAssemblyPath(Path.Combine(_module, relativePath));

        // A strong-named dll with the name Microsoft.Bcl.AsyncInterfaces: the real one when the NuGet cache has it.
        private static string AsyncInterfacesLikeFile()
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ??
                           Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var path = Path.Combine(packages, "microsoft.bcl.asyncinterfaces", "8.0.0", "lib", "netstandard2.0", AsyncInterfaces + ".dll");
            Assert.True(File.Exists(path), $"{path} is restored with System.Text.Json 8 (a dependency of Qomon.Client)");
            return path;
        }
    }
}

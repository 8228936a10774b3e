using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace Qomon.Client.Loading
{
    /// <summary>
    /// The module's rule for the loads the runtime cannot answer alone. It lives here, without
    /// System.Management.Automation, so that the .NET Framework test host (tests/Qomon.Desktop.Tests) and the
    /// xunit tests run the very rule the module registers; ModuleInitializer only hooks it up.
    ///
    /// The module ships its own two dlls and Microsoft.Bcl.TimeProvider at its root and the rest in
    /// Dependencies/. Windows PowerShell 5.1 (.NET Framework) gives modules no binding redirects and does not
    /// unify versions, and a shipped dll asks for its own dependencies (TimeProvider asks for
    /// Microsoft.Bcl.AsyncInterfaces on the first request), so:
    /// <list type="bullet">
    /// <item>any assembly loaded from the module's folders (root or Dependencies/) is the module's own requester;</item>
    /// <item>it gets the shipped file of the requested simple name, whatever version it asked for: the shipped
    /// set was built and tested together, and no other version is ever offered by the module;</item>
    /// <item>a request with no requesting assembly (.NET Framework passes none for loads by name from reflection,
    /// such as Type.GetType with an assembly-qualified name) is answered only when it names the exact identity of
    /// a shipped file (name, version, culture, public key token): whoever asked wanted that very assembly, so
    /// the answer cannot change which version anyone else gets;</item>
    /// <item>every other request (another module's, or a name the module does not ship) gets no answer.</item>
    /// </list>
    /// </summary>
    public sealed class ModuleAssemblyResolver
    {
        /// <summary>The folder, under the module's root, of the dlls only Windows PowerShell 5.1 lacks.</summary>
        public const string DependencyFolderName = "Dependencies";

        private readonly string _root;
        private readonly string _dependencies;
        private readonly Func<string, Assembly> _loadFrom;

        public ModuleAssemblyResolver(string moduleDirectory)
            : this(moduleDirectory, Assembly.LoadFrom)
        {
        }

        internal ModuleAssemblyResolver(string moduleDirectory, Func<string, Assembly> loadFrom)
        {
            _root = Path.GetFullPath(moduleDirectory);
            _dependencies = Path.Combine(_root, DependencyFolderName);
            _loadFrom = loadFrom;
        }

        /// <summary>
        /// The answer to AppDomain.AssemblyResolve: the shipped file, or null to let others answer.
        /// </summary>
        public Assembly? Resolve(string requestedName, Assembly? requestingAssembly)
        {
            var requested = TryParse(requestedName);
            if (requested == null) return null;
            var shipped = ShippedFile(requested.Name);
            if (shipped == null) return null;

            if (requestingAssembly == null)
            {
                if (!IsExactly(requested, ShippedIdentity(shipped))) return null;
            }
            else if (!IsShipped(requestingAssembly))
            {
                return null;
            }
            return _loadFrom(shipped);
        }

        /// <summary>
        /// The answer to a load context's Resolving event (.NET Core: PowerShell 7), which is raised before
        /// AppDomain.AssemblyResolve and names no requester. A load context holds one assembly per simple name,
        /// so when it already holds another version of a dll the module ships (another module loaded it first),
        /// the shipped file can never load there and the one already loaded is the only possible answer.
        /// Without this, the runtime's own LoadFrom handler tries the shipped file beside Qomon.Client and
        /// throws, and the request fails. Only requests for the shipped version are answered: those are the
        /// module's own.
        /// </summary>
        public Assembly? ResolveInLoadContext(AssemblyName requested, IEnumerable<Assembly> contextAssemblies)
        {
            if (requested.Name == null) return null;
            var shipped = ShippedFile(requested.Name);
            if (shipped == null) return null;
            var shippedIdentity = ShippedIdentity(shipped);
            if (!IsExactly(requested, shippedIdentity)) return null;

            foreach (var assembly in contextAssemblies)
            {
                var loaded = assembly.GetName();
                if (string.Equals(loaded.Name, requested.Name, StringComparison.OrdinalIgnoreCase) &&
                    SameToken(loaded.GetPublicKeyToken(), shippedIdentity.GetPublicKeyToken()))
                    return assembly;
            }
            return null;
        }

        /// <summary>True when the assembly was loaded from the module's root or its Dependencies/ folder.</summary>
        public bool IsShipped(Assembly assembly)
        {
            string location;
            try
            {
                location = assembly.Location;
            }
            catch (NotSupportedException)
            {
                return false; // a dynamic assembly has no location, and is not the module's
            }
            if (string.IsNullOrEmpty(location)) return false;
            var directory = Path.GetDirectoryName(Path.GetFullPath(location));
            return SamePath(directory, _root) || SamePath(directory, _dependencies);
        }

        private string? ShippedFile(string? simpleName)
        {
            if (string.IsNullOrEmpty(simpleName) || simpleName!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            foreach (var folder in new[] { _root, _dependencies })
            {
                var path = Path.Combine(folder, simpleName + ".dll");
                if (File.Exists(path)) return path;
            }
            return null;
        }

        private static AssemblyName ShippedIdentity(string path) => AssemblyName.GetAssemblyName(path);

        private static AssemblyName? TryParse(string name)
        {
            try
            {
                return new AssemblyName(name);
            }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException)
            {
                return null;
            }
        }

        private static bool IsExactly(AssemblyName requested, AssemblyName shipped) =>
            string.Equals(requested.Name, shipped.Name, StringComparison.OrdinalIgnoreCase) &&
            requested.Version != null && requested.Version.Equals(shipped.Version) &&
            string.Equals(CultureOf(requested), CultureOf(shipped), StringComparison.OrdinalIgnoreCase) &&
            SameToken(requested.GetPublicKeyToken(), shipped.GetPublicKeyToken());

        private static string CultureOf(AssemblyName name) => name.CultureName ?? "";

        private static bool SameToken(byte[]? left, byte[]? right)
        {
            left ??= Array.Empty<byte>();
            right ??= Array.Empty<byte>();
            if (left.Length != right.Length) return false;
            for (var i = 0; i < left.Length; i++)
                if (left[i] != right[i]) return false;
            return true;
        }

        // Windows paths compare without case; a module folder that differs only in case elsewhere is not a concern.
        private static bool SamePath(string? left, string right) =>
            left != null && string.Equals(left.TrimEnd(Path.DirectorySeparatorChar), right.TrimEnd(Path.DirectorySeparatorChar), StringComparison.OrdinalIgnoreCase);
    }
}

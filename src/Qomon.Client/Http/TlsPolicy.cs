using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security.Authentication;

namespace Qomon.Client.Http
{
    /// <summary>
    /// Qomon's hosts accept TLS 1.2 or later. On .NET Framework (Windows PowerShell 5.1, Azure Automation) an
    /// HttpClientHandler left alone offers what ServicePointManager.SecurityProtocol allows, and on older Windows
    /// Server images (without SchUseStrongCrypto) that excludes TLS 1.2, so the first request fails with "Could not
    /// create SSL/TLS secure channel". Az.Accounts and Microsoft.Graph raise that process-wide setting; this module
    /// sets the protocols on its own handler instead (HttpClientHandler.SslProtocols, .NET Framework 4.7.1+), so
    /// other code in the session keeps what it chose. Only where the runtime refuses the per-handler setting is
    /// TLS 1.2 added to the process-wide one. .NET Core (PowerShell 7) defers to the OS, which offers TLS 1.2+.
    /// </summary>
    internal static class TlsPolicy
    {
        // SslProtocols.Tls13 (12288) is missing from netstandard2.0 and from .NET Framework before 4.8, whose
        // handler refuses it; there the handler gets TLS 1.2 alone.
        private const SslProtocols Tls13 = (SslProtocols)12288;

        public static string CurrentRuntime => RuntimeInformation.FrameworkDescription;

        internal static void Apply(HttpClientHandler handler, string frameworkDescription)
        {
            if (!IsNetFramework(frameworkDescription)) return;
            try
            {
                handler.SslProtocols = SslProtocols.Tls12 | Tls13;
            }
            catch (ArgumentException)
            {
                handler.SslProtocols = SslProtocols.Tls12;
            }
            catch (PlatformNotSupportedException)
            {
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            }
        }

        /// <summary>".NET Framework 4.8.9232.0" on Windows PowerShell 5.1; ".NET 10.0.1" or "Mono 6.8..." elsewhere.</summary>
        internal static bool IsNetFramework(string frameworkDescription) =>
            frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
    }
}

using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Connection;

namespace Qomon.Client.Http
{
    /// <summary>
    /// Innermost handler before the network: adds the bearer key (revealed from the SecureString only here, per
    /// attempt) and an explicit User-Agent (Qomon has blocked generic client user agents).
    /// </summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
        private readonly ApiKey _key;
        private readonly string _userAgent;

        public AuthenticationHandler(ApiKey key, string? userAgentComment)
        {
            _key = key;
            _userAgent = UserAgent(userAgentComment);
        }

        public static string ProductVersion
        {
            get
            {
                var assembly = typeof(AuthenticationHandler).GetTypeInfo().Assembly;
                var version = assembly.GetName().Version ?? new Version(0, 0);
                return version.ToString(3);
            }
        }

        internal static string UserAgent(string? comment) =>
            "Qomon.PowerShell/" + ProductVersion + (string.IsNullOrWhiteSpace(comment) ? "" : " " + comment!.Trim());

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key.Reveal());
            request.Headers.Remove("User-Agent");
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using Qomon.Client.Budget;
using Qomon.Client.Connection;
using Qomon.Client.Retry;

namespace Qomon.Client.Http
{
    /// <summary>
    /// Builds the connection's one HttpClient, outermost first:
    /// diagnostics → retry → budget → authentication → transport.
    /// Retry sits outside budget so every attempt waits for (and pays) its own tokens; authentication sits
    /// innermost so the key exists in a request only while it is on the wire, after diagnostics saw it.
    /// </summary>
    internal static class HttpPipeline
    {
        internal const int MaxConnections = 16;

        public static HttpClient Build(QomonConnectionSettings settings, ApiKey key, TokenBudget budget, QomonCounters counters, RetryPolicy retryPolicy)
        {
            HttpMessageHandler transport = settings.TransportHandler != null
                ? new NonDisposingHandler(settings.TransportHandler)
                : CreateTransport(settings);

            var authentication = new AuthenticationHandler(key, settings.UserAgentComment) { InnerHandler = transport };
            var budgetHandler = new BudgetHandler(budget, counters, settings.TimeProvider) { InnerHandler = authentication };
            var retry = new RetryHandler(settings, retryPolicy, key.Scrub) { InnerHandler = budgetHandler };
            var diagnostics = new DiagnosticsHandler(counters, settings.TimeProvider, key.Scrub) { InnerHandler = retry };

            // Infinite: the per-attempt timeout is the retry handler's; an HttpClient timeout would also cut budget waits and backoff.
            return new HttpClient(diagnostics, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }

        /// <param name="runtime">The runtime's description (tests pass another to see the .NET Framework branch).</param>
        internal static HttpClientHandler CreateTransport(QomonConnectionSettings settings, string? runtime = null)
        {
            var handler = new HttpClientHandler { UseProxy = true };
            TlsPolicy.Apply(handler, runtime ?? TlsPolicy.CurrentRuntime);
            if (handler.SupportsAutomaticDecompression)
                handler.AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate;
            try
            {
                // .NET Framework allows 2 connections per host by default, which would serialise parallel work.
                handler.MaxConnectionsPerServer = MaxConnections;
            }
            catch (PlatformNotSupportedException)
            {
                // Older runtimes: keep their default.
            }

            // No redirects: Qomon does not redirect its API, and an answer fetched from elsewhere must never become a merge base.
            handler.AllowAutoRedirect = false;

            if (settings.Proxy != null)
            {
                var proxy = new WebProxy(settings.Proxy);
                // Not an initializer: WebProxy.UseDefaultCredentials = false would clear Credentials.
                if (settings.ProxyCredential != null) proxy.Credentials = settings.ProxyCredential;
                else if (settings.ProxyUseDefaultCredentials) proxy.UseDefaultCredentials = true;
                handler.Proxy = proxy;
            }
            else if (settings.ProxyCredential != null)
            {
                handler.DefaultProxyCredentials = settings.ProxyCredential;
            }
            else if (settings.ProxyUseDefaultCredentials)
            {
                handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials;
            }
            return handler;
        }

        /// <summary>Lets tests hand in a transport they keep using after the connection is disposed.</summary>
        private sealed class NonDisposingHandler : DelegatingHandler
        {
            public NonDisposingHandler(HttpMessageHandler inner) : base(inner) { }

            protected override void Dispose(bool disposing)
            {
                // Deliberately not disposing the inner handler: the caller owns it.
            }
        }
    }
}

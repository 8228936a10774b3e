using System;
using System.Net;
using System.Net.Http;
using System.Security;
using Qomon.Client.Budget;
using Qomon.Client.Connection;
using Qomon.Client.Http;
using Qomon.Client.Retry;

namespace Qomon.Client
{
    /// <summary>
    /// One authenticated connection: one HttpClient, one token budget and one set of counters shared by every
    /// command that uses it. Nothing on it shows the key; only <see cref="KeyFingerprint"/> identifies it.
    /// </summary>
    public sealed class QomonConnection : IDisposable
    {
        private readonly ApiKey _key;
        private readonly HttpClient _http;
        private int _disposed;

        private QomonConnection(QomonConnectionSettings settings, ApiKey key)
        {
            _key = key;
            Settings = Redacted(settings);
            BaseUri = settings.BaseUri;
            Counters = new QomonCounters();
            Budget = new TokenBudget(settings.TimeProvider);
            RetryPolicy = new RetryPolicy(settings, Counters);
            _http = HttpPipeline.Build(settings, key, Budget, Counters, RetryPolicy);
            Client = new QomonClient(_http, settings.BaseUri, key.Scrub);
            OpenedAt = settings.TimeProvider.GetUtcNow();
        }

        /// <summary>Opens a connection. Makes no network call: validating the key is the caller's choice.</summary>
        public static QomonConnection Open(QomonConnectionSettings settings, SecureString apiKey)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            if (apiKey == null) throw new ArgumentNullException(nameof(apiKey), "No API key was given.");
            var copy = settings.Copy();
            copy.Validate();
            return new QomonConnection(copy, new ApiKey(apiKey));
        }

        public Uri BaseUri { get; }

        /// <summary>First 8 hex characters of the key's SHA-256: tells keys apart without revealing them.</summary>
        public string KeyFingerprint => _key.Fingerprint;

        public QomonClient Client { get; }

        public TokenBudget Budget { get; }

        public QomonCounters Counters { get; }

        /// <summary>Attempt and time limits, delays: shared by the retry handler and the contact writer.</summary>
        internal RetryPolicy RetryPolicy { get; }

        /// <summary>A copy of the settings the connection was opened with (the proxy password is not kept here).
        /// Changing it has no effect on this connection.</summary>
        public QomonConnectionSettings Settings { get; }

        public DateTimeOffset OpenedAt { get; }

        public bool IsDisposed => _disposed != 0;

        public override string ToString() => $"Qomon {BaseUri} (key {KeyFingerprint})";

        public void Dispose()
        {
            if (System.Threading.Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _http.Dispose();
            Budget.Dispose();
            _key.Dispose();
        }

        // Format-List * and ConvertTo-Json walk nested objects: a proxy password must not be one of them.
        private static QomonConnectionSettings Redacted(QomonConnectionSettings settings)
        {
            var copy = settings.Copy();
            if (copy.ProxyCredential != null)
                copy.ProxyCredential = new NetworkCredential(copy.ProxyCredential.UserName, "", copy.ProxyCredential.Domain);
            return copy;
        }
    }
}

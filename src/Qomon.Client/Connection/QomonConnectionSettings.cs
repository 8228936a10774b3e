using System;
using System.Net;
using System.Net.Http;

namespace Qomon.Client.Connection
{
    /// <summary>How a connection talks to Qomon. Values are copied when the connection opens.</summary>
    public sealed class QomonConnectionSettings
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://incoming.qomon.app");

        public Uri BaseUri { get; set; } = DefaultBaseUri;

        /// <summary>Per attempt, not per call: budget waits and retries are not cut by it.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        public int MaxAttempts { get; set; } = 6;

        /// <summary>No retry starts whose wait would end after this much time since the first attempt.</summary>
        public TimeSpan RetryTimeLimit { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>An explicit proxy; null means the system proxy.</summary>
        public Uri? Proxy { get; set; }

        public NetworkCredential? ProxyCredential { get; set; }

        public bool ProxyUseDefaultCredentials { get; set; }

        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>Jitter source returning values in [0,1); injectable so tests are deterministic.</summary>
        public Func<double>? Random { get; set; }

        /// <summary>Appended to the User-Agent product, e.g. "PowerShell/7.4.6".</summary>
        public string? UserAgentComment { get; set; }

        /// <summary>Replaces the network (tests only). Not disposed by the connection.</summary>
        public HttpMessageHandler? TransportHandler { get; set; }

        internal QomonConnectionSettings Copy() => (QomonConnectionSettings)MemberwiseClone();

        internal void Validate()
        {
            if (BaseUri == null || !BaseUri.IsAbsoluteUri)
                throw new ArgumentException("BaseUri must be an absolute URI such as https://incoming.qomon.app.", nameof(BaseUri));
            if (BaseUri.Scheme != Uri.UriSchemeHttps && !(BaseUri.Scheme == Uri.UriSchemeHttp && BaseUri.IsLoopback))
                throw new ArgumentException($"Refusing {BaseUri.Scheme}:// to {BaseUri.Host}: the API key would travel unencrypted. Use https (plain http is allowed only for loopback addresses).", nameof(BaseUri));
            if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive.");
            if (MaxAttempts < 1)
                throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be at least 1.");
            if (RetryTimeLimit < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(RetryTimeLimit), RetryTimeLimit, "RetryTimeLimit cannot be negative.");
            if (TimeProvider == null)
                throw new ArgumentNullException(nameof(TimeProvider));
        }
    }
}

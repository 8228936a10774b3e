using System.Globalization;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;

namespace Qomon.Client.Tests.Fakes
{
    /// <summary>
    /// A server-side token bucket that answers like Qomon (and the emulator): charges on arrival, answers 429
    /// with Retry-After when short, sends x-ratelimit-* with whole remaining tokens, and takes latency to answer.
    /// </summary>
    public sealed class BucketServer
    {
        private readonly FakeTimeProvider _clock;
        private readonly object _gate = new();
        private readonly int _burst;
        private readonly double _rate;
        private readonly TimeSpan _latency;
        private double _tokens;
        private DateTimeOffset _last;

        public BucketServer(FakeTimeProvider clock, int burst, double rate, TimeSpan latency, double startTokens = double.NaN)
        {
            _clock = clock;
            _burst = burst;
            _rate = rate;
            _latency = latency;
            _tokens = double.IsNaN(startTokens) ? burst : startTokens;
            _last = clock.GetUtcNow();
        }

        public int Throttled;
        public int Admitted;
        public int MaxInFlight;
        private int _inFlight;

        public async Task<HttpResponseMessage> Answer(HttpRequestMessage request, CancellationToken ct)
        {
            var cost = request.Method.Method == "PATCH" || (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/contacts") ? 5 : 1;
            bool admitted;
            int remaining;
            double retryAfter = 0;
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                _tokens = Math.Min(_burst, _tokens + (now - _last).TotalSeconds * _rate);
                _last = now;
                admitted = _tokens >= cost;
                if (admitted) _tokens -= cost;
                else retryAfter = Math.Max(1, Math.Ceiling((cost - _tokens) / _rate));
                remaining = (int)Math.Floor(_tokens);
                if (admitted) { Admitted++; _inFlight++; MaxInFlight = Math.Max(MaxInFlight, _inFlight); }
                else Throttled++;
            }

            HttpResponseMessage response;
            if (admitted)
            {
                try { await _clock.Delay(_latency, ct); }
                finally { lock (_gate) _inFlight--; }
                response = MinimalAnswers.Response(request);
                response.Headers.TryAddWithoutValidation("x-ratelimit-cost", cost.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                response = FakeTransport.Json((HttpStatusCode)429, "{\"title\":\"Too Many Requests\",\"status\":429}");
                response.Headers.TryAddWithoutValidation("x-ratelimit-cost", "0");
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter.ToString(CultureInfo.InvariantCulture));
            }
            response.Headers.TryAddWithoutValidation("x-ratelimit-limit", FormattableString.Invariant($"burst:{_burst};rate:{_rate:0.0###}"));
            response.Headers.TryAddWithoutValidation("x-ratelimit-remaining", remaining.ToString(CultureInfo.InvariantCulture));
            return response;
        }
    }
}

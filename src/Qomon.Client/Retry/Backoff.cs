using System;

namespace Qomon.Client.Retry
{
    /// <summary>Exponential backoff with jitter, used when the server gives no Retry-After.</summary>
    internal static class Backoff
    {
        public static readonly TimeSpan Base = TimeSpan.FromSeconds(0.5);
        public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

        /// <summary>retry 1 → 0.25–0.5 s, 2 → 0.5–1 s, … capped at 15–30 s. Half fixed, half random ("equal jitter"),
        /// so parallel callers spread out but none retries immediately.</summary>
        public static TimeSpan Delay(int retry, double random)
        {
            var exponent = Math.Min(Math.Max(retry - 1, 0), 16);
            var ceiling = Math.Min(Cap.TotalSeconds, Base.TotalSeconds * Math.Pow(2, exponent));
            var r = random < 0 ? 0 : random >= 1 ? 0.999999 : random;
            return TimeSpan.FromSeconds(ceiling / 2 + ceiling / 2 * r);
        }
    }
}

using System;
using System.Linq;
using System.Net.Http;

namespace Qomon.Client.Http
{
    /// <summary>Retry-After as delta seconds or as an HTTP date; a date in the past means "now".</summary>
    internal static class RetryAfterHeader
    {
        public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta)
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (header?.Date is DateTimeOffset date)
                return date <= now ? TimeSpan.Zero : date - now;

            // Lenient: fractional seconds ("1.5") do not parse as a typed header.
            if (response.Headers.TryGetValues("Retry-After", out var raw)
                && double.TryParse(raw.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0 && seconds < 86400)
                return TimeSpan.FromSeconds(seconds);
            return null;
        }
    }
}

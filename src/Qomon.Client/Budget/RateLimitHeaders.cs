using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Qomon.Client.Budget
{
    /// <summary>Qomon's x-ratelimit-* headers as observed: limit "burst:100;rate:10.0", remaining "73", cost "5".</summary>
    internal sealed class RateLimitHeaders
    {
        public double? Burst;
        public double? Rate;
        public double? Remaining;
        public double? Cost;

        public bool Any => Burst.HasValue || Rate.HasValue || Remaining.HasValue || Cost.HasValue;

        public static RateLimitHeaders From(HttpResponseMessage response)
        {
            var result = new RateLimitHeaders();
            var limit = First(response.Headers, "x-ratelimit-limit");
            if (limit != null) ParseLimit(limit, result);
            result.Remaining = Number(First(response.Headers, "x-ratelimit-remaining"));
            result.Cost = Number(First(response.Headers, "x-ratelimit-cost"));
            return result;
        }

        internal static void ParseLimit(string value, RateLimitHeaders into)
        {
            foreach (var part in value.Split(';', ','))
            {
                var kv = part.Split(new[] { ':', '=' }, 2);
                if (kv.Length != 2) continue;
                var name = kv[0].Trim().ToLowerInvariant();
                var number = Number(kv[1]);
                if (number == null || number.Value < 0) continue;
                if (name == "burst" || name == "capacity") into.Burst = number;
                else if (name == "rate") into.Rate = number;
            }
        }

        private static string? First(HttpResponseHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        private static double? Number(string? text) =>
            text != null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (double?)null;
    }
}

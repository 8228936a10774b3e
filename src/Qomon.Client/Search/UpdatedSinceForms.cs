using System;
using System.Collections.Generic;

namespace Qomon.Client.Search
{
    /// <summary>
    /// What Get-QomonContact -UpdatedSince accepts, said once for every refusal: a [datetime] or
    /// [DateTimeOffset], an ISO date, or Qomon's date math; plus the date math a common word most likely meant.
    /// </summary>
    public static class UpdatedSinceForms
    {
        public const string Accepted =
            "-UpdatedSince takes a [datetime] or [DateTimeOffset] such as (Get-Date).AddDays(-1); an ISO 8601 date or time such as " +
            "'2026-01-31' or '2026-01-31T08:00:00Z'; or Qomon date math, counted in UTC on the server: 'now-1h' (an hour ago), " +
            "'now-1d' (24 hours ago), 'now-1d/d' (since the start of yesterday), 'now/d' (since the start of today), 'now-7d/d', 'now-1M'.";

        private static readonly Dictionary<string, string> Words = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["yesterday"] = "now-1d/d",
            ["today"] = "now/d",
            ["last week"] = "now-7d/d",
            ["week"] = "now-7d/d",
            ["last month"] = "now-1M/d",
            ["month"] = "now-1M/d",
            ["last hour"] = "now-1h",
            ["hour"] = "now-1h",
        };

        /// <summary>"-UpdatedSince 'yesterday' is not a date or date math; did you mean 'now-1d/d'? -UpdatedSince takes ...".</summary>
        public static string Refusal(string given)
        {
            var trimmed = (given ?? "").Trim();
            var suggestion = Suggest(trimmed);
            return $"-UpdatedSince '{trimmed}' is not a date or date math" + (suggestion == null ? ". " : $"; did you mean '{suggestion}'? ") + Accepted;
        }

        /// <summary>The same for a value of another type (a number, a hashtable).</summary>
        public static string Refusal(Type given) => $"-UpdatedSince got a value of type {given.Name}, not a date. " + Accepted;

        private static string? Suggest(string text)
        {
            if (Words.TryGetValue(text, out var word)) return word;
            var compact = text.Replace(" ", "");
            // '-1d', '1d', 'now -1d': the date math without its 'now', or with spaces.
            foreach (var candidate in new[] { compact, "now" + compact, "now-" + compact })
            {
                if (DateMath.IsValid(candidate)) return candidate;
            }
            return null;
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Qomon.Emulator.Json;

namespace Qomon.Emulator.Search
{
    /// <summary>
    /// Qomon's server-side date math, which follows Elasticsearch: "now", "now-3d", "now+1y", "now-1h",
    /// "now-1d/d" (rounded to the start of the day), or an ISO date. All UTC, relative to the injected clock.
    /// As in Elasticsearch, rounding goes down for a lower bound and up to the unit's last instant for an upper one.
    /// </summary>
    public static partial class DateMath
    {
        [GeneratedRegex(@"^now(?<ops>(?:[+-]\d+[yMwdhHms])*)(?:/(?<round>[yMwdhHms]))?$")]
        private static partial Regex Expression();

        [GeneratedRegex(@"([+-])(\d+)([yMwdhHms])")]
        private static partial Regex Step();

        public static bool TryParse(string? text, DateTime now, bool roundUp, out DateTime value)
        {
            value = default;
            if (string.IsNullOrWhiteSpace(text)) return false;
            var match = Expression().Match(text.Trim());
            if (!match.Success) return QomonDates.TryParse(text, out value);

            value = now;
            foreach (Match step in Step().Matches(match.Groups["ops"].Value))
            {
                var n = int.Parse(step.Groups[2].Value, CultureInfo.InvariantCulture) * (step.Groups[1].Value == "-" ? -1 : 1);
                value = Add(value, step.Groups[3].Value[0], n);
            }
            if (match.Groups["round"].Success)
            {
                var unit = match.Groups["round"].Value[0];
                var start = RoundDown(value, unit);
                value = roundUp ? Add(start, unit, 1).AddTicks(-1) : start;
            }
            return true;
        }

        private static DateTime Add(DateTime d, char unit, int n) => unit switch
        {
            'y' => d.AddYears(n),
            'M' => d.AddMonths(n),
            'w' => d.AddDays(7 * n),
            'd' => d.AddDays(n),
            'h' or 'H' => d.AddHours(n),
            'm' => d.AddMinutes(n),
            _ => d.AddSeconds(n),
        };

        private static DateTime RoundDown(DateTime d, char unit) => unit switch
        {
            'y' => new DateTime(d.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            'M' => new DateTime(d.Year, d.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            'w' => d.Date.AddDays(-(((int)d.DayOfWeek + 6) % 7)),
            'd' => d.Date,
            'h' or 'H' => new DateTime(d.Year, d.Month, d.Day, d.Hour, 0, 0, DateTimeKind.Utc),
            'm' => new DateTime(d.Year, d.Month, d.Day, d.Hour, d.Minute, 0, DateTimeKind.Utc),
            _ => new DateTime(d.Year, d.Month, d.Day, d.Hour, d.Minute, d.Second, DateTimeKind.Utc),
        };
    }
}

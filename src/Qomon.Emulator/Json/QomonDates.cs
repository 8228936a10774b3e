using System.Globalization;

namespace Qomon.Emulator.Json
{
    /// <summary>
    /// The three date shapes the API is documented to return, and a lenient reader for what clients send.
    /// </summary>
    public static class QomonDates
    {
        /// <summary>CreatedAt / UpdatedAt, e.g. 2022-10-13T15:50:34.643724Z.</summary>
        public static string Micro(DateTime d) => d.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

        /// <summary>lastchange and formdata dates, e.g. 2022-10-13T15:50:24.163Z.</summary>
        public static string Milli(DateTime d) => d.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        /// <summary>birthdate, e.g. 1955-07-06T00:00:00Z.</summary>
        public static string Seconds(DateTime d) => d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>Stored times keep microseconds at most, like the real database.</summary>
        public static DateTime TruncateToMicroseconds(DateTime d) => new(d.Ticks - d.Ticks % 10, DateTimeKind.Utc);

        public static DateTime TruncateToMilliseconds(DateTime d) => new(d.Ticks - d.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

        /// <summary>ISO 8601 with 0 to 7 fractional digits, a date alone, or an offset; the result is UTC.</summary>
        public static bool TryParse(string? text, out DateTime utc)
        {
            utc = default;
            if (string.IsNullOrWhiteSpace(text)) return false;
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                return false;
            // Only ISO-like input: refuse e.g. "12/03/2020", which would be read in an arbitrary order.
            if (text.Length < 10 || text[4] != '-' || text[7] != '-') return false;
            utc = parsed.UtcDateTime;
            return true;
        }
    }
}

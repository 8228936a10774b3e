using System;
using System.Globalization;

namespace Qomon.Client.Model
{
    /// <summary>
    /// Qomon's date formats. Responses carry 0 to 6 fractional digits (birthdate none, lastchange 3,
    /// UpdatedAt 6) and writes want exactly milliseconds in UTC, so every date is parsed leniently and
    /// written one way only.
    /// </summary>
    public static class QomonDate
    {
        private const string WriteFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        // 'F' digits are optional (and so is the dot before them), 'K' takes Z, an offset or nothing;
        // a missing zone means UTC because Qomon documents every date as UTC.
        private static readonly string[] ReadFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd'T'HH:mmK",
            "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mmK",
            "yyyy-MM-dd",
        };

        /// <summary>Parses ISO 8601 as Qomon sends it: 0 to 7 fractional digits, Z, an offset or no zone (UTC), or a date alone.</summary>
        public static bool TryParse(string? text, out DateTimeOffset value)
        {
            value = default;
            if (text == null) return false;
            var trimmed = text.Trim();
            if (trimmed.Length < 10 || trimmed.Length > 40) return false;
            return DateTimeOffset.TryParseExact(trimmed, ReadFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out value);
        }

        /// <summary>The one write format: UTC, millisecond precision, e.g. 2024-07-17T11:34:42.195Z.</summary>
        public static string FormatForWrite(DateTimeOffset value) =>
            TruncateToMilliseconds(value).UtcDateTime.ToString(WriteFormat, CultureInfo.InvariantCulture);

        /// <summary>Drops sub-millisecond ticks: the server keeps microseconds but accepts milliseconds.</summary>
        public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
            new DateTimeOffset(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

        /// <summary>
        /// A DateTime from PowerShell ([datetime]'1980-05-17' or Get-Date) becomes an instant. Local and
        /// unspecified values are read as UTC wall-clock time: the dates written to contacts (birthdates,
        /// date answers) are calendar dates, and converting a local midnight would move them to the day
        /// before on machines east of Greenwich; it also keeps results independent of the machine's zone.
        /// </summary>
        public static DateTimeOffset FromDateTime(DateTime value) =>
            new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc));

        /// <summary>True when both are the same instant at millisecond precision (how Qomon round-trips dates).</summary>
        public static bool SameInstant(DateTimeOffset a, DateTimeOffset b) =>
            a.UtcTicks / TimeSpan.TicksPerMillisecond == b.UtcTicks / TimeSpan.TicksPerMillisecond;

        /// <summary>
        /// True for a full timestamp as the server writes one (yyyy-MM-ddTHH:mm...). Used to recognise
        /// date values in data whose type is not known (date answers, unknown fields) without touching
        /// ordinary text that merely starts with digits.
        /// </summary>
        public static bool LooksLikeTimestamp(string text)
        {
            if (text.Length < 16 || text.Length > 40) return false;
            return IsDigits(text, 0, 4) && text[4] == '-' && IsDigits(text, 5, 2) && text[7] == '-' && IsDigits(text, 8, 2)
                && text[10] == 'T' && IsDigits(text, 11, 2) && text[13] == ':' && IsDigits(text, 14, 2);
        }

        /// <summary>Parses a timestamp-looking string and rewrites it at ms precision; other text is returned as is.</summary>
        public static string NormalizeIfTimestamp(string text) =>
            LooksLikeTimestamp(text) && TryParse(text, out var parsed) ? FormatForWrite(parsed) : text;

        private static bool IsDigits(string text, int start, int count)
        {
            for (var i = start; i < start + count; i++)
            {
                if (text[i] < '0' || text[i] > '9') return false;
            }
            return true;
        }
    }
}

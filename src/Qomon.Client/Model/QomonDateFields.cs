using System;
using System.Collections.Generic;

namespace Qomon.Client.Model
{
    /// <summary>What a date of Qomon's stands for, which decides the .NET type it is read as.</summary>
    public enum QomonDateKind
    {
        /// <summary>
        /// A moment (CreatedAt, UpdatedAt, lastchange, the stamps of answers and notes): a DateTimeOffset at offset
        /// +00:00, so that comparing it with Get-Date, a local time, compares the moments in every time zone.
        /// </summary>
        Instant,

        /// <summary>
        /// A day of the calendar stored at midnight UTC (birthdate, the answer of a date form): a DateTime of Kind
        /// Utc, so that comparing it with [datetime]'1980-05-17' compares the days, whatever the machine's zone.
        /// </summary>
        CalendarDate,
    }

    /// <summary>
    /// The one list of the dates a contact carries and what each means. Output types them by it; every other
    /// value stays the text Qomon sent. The writable dates are ContactFields' Date fields; the rest are stamps
    /// that Qomon sets.
    /// </summary>
    public static class QomonDateFields
    {
        private static readonly string[] ContactStamps = { "CreatedAt", ContactFields.UpdatedAtKey, "lastchange" };

        /// <summary>The stamps of a formdata or custom-field entry and of a note (the data of a date form is typed by its form).</summary>
        private static readonly string[] RowStamps = { "date", "created_at", "updated_at", "deleted_at", "donedate" };

        private static readonly Dictionary<string, QomonDateKind> ContactKeys = BuildContactKeys();

        /// <summary>A top-level key of a contact that holds a date: CreatedAt, UpdatedAt, lastchange, birthdate.</summary>
        public static bool TryGetContactKey(string key, out QomonDateKind kind) => ContactKeys.TryGetValue(key, out kind);

        /// <summary>A key of a formdata, custom-field or note row that holds a date: date, created_at, updated_at...</summary>
        public static bool TryGetRowKey(string key, out QomonDateKind kind)
        {
            kind = QomonDateKind.Instant;
            return Array.IndexOf(RowStamps, key) >= 0;
        }

        /// <summary>The answer of a date form: a day.</summary>
        public static bool IsDateAnswer(QomonForm? form, out QomonDateKind kind)
        {
            kind = QomonDateKind.CalendarDate;
            return form != null && form.Type == "date";
        }

        /// <summary>
        /// The text as a typed date: a DateTimeOffset at +00:00 for an instant, a DateTime of Kind Utc for a calendar
        /// date; false for text that is not one of Qomon's date forms (kept as text by the caller).
        /// </summary>
        public static bool TryRead(string? text, QomonDateKind kind, out object value)
        {
            value = null!;
            if (!QomonDate.TryParse(text, out var parsed)) return false;
            value = kind == QomonDateKind.CalendarDate ? (object)parsed.UtcDateTime : parsed.ToUniversalTime();
            return true;
        }

        private static Dictionary<string, QomonDateKind> BuildContactKeys()
        {
            var keys = new Dictionary<string, QomonDateKind>(StringComparer.Ordinal);
            foreach (var stamp in ContactStamps) keys[stamp] = QomonDateKind.Instant;
            foreach (var field in ContactFields.All)
            {
                if (field.Type != ContactFieldType.Date || field.IsAddressPart) continue;
                keys[field.Path] = QomonDateKind.CalendarDate;
                if (field.OtherSpelling != null) keys[field.OtherSpelling] = QomonDateKind.CalendarDate;
            }
            return keys;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// UpdatedAt is an instant. A [datetime] from PowerShell (Get-Date, [datetime]'2026-11-20 10:00') is local
    /// time unless it says UTC, so it is turned into the instant it means here; read as UTC, it would move the
    /// conflict check by the machine's offset. Only UpdatedAt: a date field such as birthdate is a calendar date,
    /// not an instant.
    /// </summary>
    internal static class UpdatedAtInput
    {
        internal static List<KeyValuePair<string, object?>> AsInstant(List<KeyValuePair<string, object?>> entries)
        {
            if (!entries.Any(IsLocalUpdatedAt)) return entries;
            return entries.Select(entry => IsLocalUpdatedAt(entry)
                ? new KeyValuePair<string, object?>(entry.Key, new DateTimeOffset(DateTime.SpecifyKind((DateTime)entry.Value!, DateTimeKind.Local)))
                : entry).ToList();
        }

        private static bool IsLocalUpdatedAt(KeyValuePair<string, object?> entry) =>
            entry.Value is DateTime date && date.Kind != DateTimeKind.Utc
            && string.Equals(entry.Key, ContactFields.UpdatedAtKey, StringComparison.OrdinalIgnoreCase);
    }
}

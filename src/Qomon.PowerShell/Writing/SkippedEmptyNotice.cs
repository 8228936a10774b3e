using System;
using System.Collections.Generic;
using System.Globalization;
using Qomon.Client.Text;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Blank cells (what Import-Csv gives for an empty column) change nothing unless -ClearEmpty. That is the safe
    /// default, but a silent one: so the run says it once, at the end, naming every field it happened to. A merge
    /// adds a record's blanks from the task that read the contact (only those where the contact holds a value), so
    /// Add locks; Message is asked at the end, once every read is over.
    /// </summary>
    internal sealed class SkippedEmptyNotice
    {
        private readonly List<string> _fields = new List<string>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private int _records;

        internal void Add(IReadOnlyList<string> fields)
        {
            if (fields.Count == 0) return;
            lock (_fields)
            {
                _records++;
                foreach (var field in fields)
                {
                    if (_seen.Add(field)) _fields.Add(field);
                }
            }
        }

        /// <summary>The warning, or null when no blank value was skipped.</summary>
        internal string? Message() =>
            _records == 0 ? null
                : string.Format(CultureInfo.InvariantCulture,
                    "Blank values changed nothing in {0}, for: {1}. Use -ClearEmpty to clear fields whose value is blank.",
                    Counted.Of(_records, "record"), string.Join(", ", _fields));
    }
}

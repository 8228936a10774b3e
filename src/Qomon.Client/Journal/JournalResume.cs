using System;
using System.Collections.Generic;
using System.Linq;

namespace Qomon.Client.Journal
{
    /// <summary>
    /// What a journal says about each intended change, for -Resume: done already (skip it, no request), or sent
    /// by a run that stopped before its answer (read the contact to tell), or neither (write it).
    /// </summary>
    public sealed class JournalResume
    {
        private readonly HashSet<string> _complete = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, JournalRecord> _pending = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);

        private JournalResume() { }

        public static JournalResume Empty { get; } = new JournalResume();

        public static JournalResume Of(JournalContents contents)
        {
            var resume = new JournalResume();
            foreach (var record in JournalRecord.Of(contents))
            {
                if (record.Intent == null) continue;
                if (JournalOutcomes.IsComplete(record.Outcome)) resume._complete.Add(record.Intent);
                else if (record.Outcome == JournalRecord.PendingOutcome) resume._pending[record.Intent] = record;
            }
            foreach (var done in resume._complete) resume._pending.Remove(done);
            return resume;
        }

        /// <summary>True when a run completed this change (updated or unchanged, created, removed).</summary>
        public bool IsComplete(string intent) => _complete.Contains(intent);

        /// <summary>The record of a run that sent this change and stopped before its outcome; null when none did.</summary>
        public JournalRecord? SentWithoutOutcome(string intent) => _pending.TryGetValue(intent, out var record) ? record : null;

        public int CompleteCount => _complete.Count;
    }
}

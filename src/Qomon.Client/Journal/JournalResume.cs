using System;
using System.Collections.Generic;
using System.Linq;
using Qomon.Client.Upsert;

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
            foreach (var sent in resume._pending.Values)
            {
                if (sent.Pending == null || sent.Pending.Method != JournalMethods.Upsert) continue;
                resume.UpsertsSentWithoutOutcome++;
                var settled = sent.Pending.At + UpsertWaitPolicy.Default.GiveUpAfter;
                if (resume.UpsertsSettledBy == null || settled > resume.UpsertsSettledBy) resume.UpsertsSettledBy = settled;
            }
            return resume;
        }

        /// <summary>True when a run completed this change (updated or unchanged, created, removed).</summary>
        public bool IsComplete(string intent) => _complete.Contains(intent);

        /// <summary>The record of a run that sent this change and stopped before its outcome; null when none did.</summary>
        public JournalRecord? SentWithoutOutcome(string intent) => _pending.TryGetValue(intent, out var record) ? record : null;

        public int CompleteCount => _complete.Count;

        /// <summary>
        /// Upserts a stopped run sent and never saw applied. Qomon applies an upsert seconds after its 202, so one sent
        /// just before the stop may still land after this run has read its contact: written again then, it would be
        /// applied twice, and a note or free-text answer added twice.
        /// </summary>
        public int UpsertsSentWithoutOutcome { get; private set; }

        /// <summary>
        /// When every such upsert has been applied or will never be: the last one's send time plus the bounded wait a
        /// running writer gives an upsert before it writes the record by PATCH. Null when there is none.
        /// </summary>
        public DateTimeOffset? UpsertsSettledBy { get; private set; }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Qomon.Client.Journal
{
    /// <summary>
    /// One input record of one run, as its lines tell it: the last pending line (what was sent, the contact before)
    /// and the done line. Outcome "pending" means a request went out and no done line followed (the process stopped).
    /// </summary>
    public sealed class JournalRecord
    {
        public const string PendingOutcome = "pending";

        public string Run { get; internal set; } = "";
        public int Seq { get; internal set; }
        public DateTimeOffset At { get; internal set; }
        public string? Command { get; internal set; }
        public string? Op { get; internal set; }
        public long? Id { get; internal set; }
        public string? Method { get; internal set; }
        public string? Intent { get; internal set; }
        public string Outcome { get; internal set; } = PendingOutcome;
        public string? Error { get; internal set; }
        public string? Message { get; internal set; }
        public long? NewId { get; internal set; }
        public JsonObject? Before { get; internal set; }
        public IReadOnlyList<JournalField> Fields { get; internal set; } = new JournalField[0];

        /// <summary>The last pending line, when a request was sent; null for a record settled without one.</summary>
        public JournalEntry? Pending { get; internal set; }

        public JournalEntry? Done { get; internal set; }

        /// <summary>Groups a journal's lines by record, in the order each record first appears.</summary>
        public static IReadOnlyList<JournalRecord> Of(JournalContents contents)
        {
            if (contents == null) throw new ArgumentNullException(nameof(contents));
            var commands = contents.Entries.Where(e => e.Kind == JournalEntry.RunKind)
                .GroupBy(e => e.Run).ToDictionary(g => g.Key, g => g.First().Command);
            var records = new List<JournalRecord>();
            var byKey = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
            foreach (var entry in contents.Entries)
            {
                if (entry.Kind == JournalEntry.RunKind || !entry.Seq.HasValue) continue;
                var key = entry.Run + "#" + entry.Seq.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!byKey.TryGetValue(key, out var record))
                {
                    record = new JournalRecord { Run = entry.Run, Seq = entry.Seq.Value, Command = commands.TryGetValue(entry.Run, out var c) ? c : null };
                    byKey.Add(key, record);
                    records.Add(record);
                }
                record.Take(entry);
            }
            return records;
        }

        private void Take(JournalEntry entry)
        {
            At = entry.At;
            Id = entry.Id ?? Id;
            Op = entry.Op ?? Op;
            Intent = entry.Intent ?? Intent;
            Method = entry.Method ?? Method;
            if (entry.Before != null) Before = entry.Before;
            if (entry.Fields != null) Fields = entry.Fields;
            if (entry.Kind == JournalEntry.PendingKind)
            {
                Pending = entry;
                return;
            }
            Done = entry;
            Outcome = entry.Outcome ?? PendingOutcome;
            Error = entry.Error;
            Message = entry.Message;
            NewId = entry.NewId;
        }
    }
}

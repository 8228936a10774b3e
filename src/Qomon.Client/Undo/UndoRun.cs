using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Qomon.Client.Journal;

namespace Qomon.Client.Undo
{
    /// <summary>
    /// The run of a journal that an undo takes back, and what each of its records needs. By default the latest run
    /// that is not itself an undo (so running the undo again finishes it instead of taking it back); an undo run is
    /// undone only when named. Its records are undone in the reverse of the order the run wrote them. Records the run did not change (unchanged, conflict, failed) need nothing; records
    /// whose outcome cannot be known from the journal are listed apart, each with the reason.
    /// </summary>
    public sealed class UndoRun
    {
        public const string UndoCommand = "Undo-QomonChange";

        private UndoRun(JournalEntry runLine, IReadOnlyList<UndoItem> items, IReadOnlyList<string> cannotUndo)
        {
            RunLine = runLine;
            Items = items;
            CannotUndo = cannotUndo;
        }

        public JournalEntry RunLine { get; }

        public IReadOnlyList<UndoItem> Items { get; }

        /// <summary>"contact 123: ..." for each record the journal cannot say how to undo.</summary>
        public IReadOnlyList<string> CannotUndo { get; }

        /// <param name="run">The run id to undo; null for the latest run that is not an undo.</param>
        /// <param name="ids">Only these contacts (the contact updated or removed, or the one created); null for all.</param>
        /// <exception cref="ArgumentException">The journal holds no such run.</exception>
        public static UndoRun Select(JournalContents contents, string? run, ICollection<long>? ids)
        {
            if (contents == null) throw new ArgumentNullException(nameof(contents));
            var runs = contents.Entries.Where(e => e.Kind == JournalEntry.RunKind).ToList();
            var runLine = run != null
                ? runs.LastOrDefault(e => string.Equals(e.Run, run, StringComparison.OrdinalIgnoreCase))
                : runs.LastOrDefault(e => e.Command != UndoCommand);
            if (runLine == null)
                throw new ArgumentException(run != null
                    ? "The journal " + contents.Path + " holds no run " + run + (runs.Count == 0 ? " (it holds no run at all)." : "; its runs: " + string.Join(", ", runs.Select(Describe)) + ".")
                    : "The journal " + contents.Path + " holds no run to undo" + (runs.Count == 0 ? "." : " (only undo runs: name one with -Run to undo it)."));

            var records = JournalRecord.Of(contents).Where(r => r.Run == runLine.Run).ToList();
            var items = new List<UndoItem>();
            var cannot = new List<string>();
            foreach (var record in records)
            {
                var contactId = record.Op == JournalIntent.Create ? record.NewId : record.Id;
                if (ids != null && (!contactId.HasValue || !ids.Contains(contactId.Value))) continue;
                var item = ItemFor(record, contactId, out var reason);
                if (item != null) items.Add(item);
                else if (reason != null) cannot.Add(reason);
            }
            // Latest first, as undoing goes: a contact the run wrote twice is put back to what the later write found,
            // then the earlier write's values are seen as written, and go back too.
            items.Reverse();
            return new UndoRun(runLine, items, cannot);
        }

        private static UndoItem? ItemFor(JournalRecord record, long? contactId, out string? reason)
        {
            reason = null;
            var unsure = record.Outcome == JournalOutcomes.Unknown || record.Outcome == JournalRecord.PendingOutcome;
            switch (record.Op)
            {
                case JournalIntent.Update when (record.Outcome == JournalOutcomes.Updated || unsure) && record.Id.HasValue && record.Before != null:
                    // An unsure write is read like any other: a field that holds what the run would have written goes back.
                    return new UndoItem(record, UndoAction.PutBack, record.Id.Value);
                case JournalIntent.Create when record.Outcome == JournalOutcomes.Created && contactId.HasValue:
                    return new UndoItem(record, UndoAction.Remove, contactId.Value);
                case JournalIntent.Create when unsure:
                    reason = "record " + Seq(record) + ": the run's create may or may not have happened and its id is unknown; look for the contact and remove it with Remove-QomonContact.";
                    return null;
                case JournalIntent.Remove when record.Outcome == JournalOutcomes.Removed && record.Before != null:
                    return new UndoItem(record, UndoAction.Recreate, record.Id ?? 0);
                case JournalIntent.Remove when unsure || (record.Outcome == JournalOutcomes.Removed && record.Before == null):
                    reason = "contact " + Id(record) + ": " + (unsure ? "the run's delete may or may not have happened; check it with Get-QomonContact" : "the journal does not hold the contact as it was") + ", so it is not created again.";
                    return null;
                default:
                    return null;
            }
        }

        private static string Describe(JournalEntry run) =>
            run.Run + " (" + (run.Command ?? "?") + ", " + run.At.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) + ")";

        private static string Seq(JournalRecord record) => record.Seq.ToString(CultureInfo.InvariantCulture);

        private static string Id(JournalRecord record) => record.Id?.ToString(CultureInfo.InvariantCulture) ?? "?";
    }
}

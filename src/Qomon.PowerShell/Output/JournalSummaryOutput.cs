using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Qomon.Client.Journal;

namespace Qomon.PowerShell.Output
{
    /// <summary>Get-QomonJournal -Summary (type name Qomon.JournalSummary): a journal's records counted by outcome, its runs and the fields changed.</summary>
    public sealed class JournalSummaryOutput
    {
        public const string TypeName = "Qomon.JournalSummary";

        private JournalSummaryOutput(JournalContents contents, IReadOnlyList<JournalRecord> records)
        {
            Path = contents.Path;
            Runs = contents.Entries.Count(e => e.Kind == JournalEntry.RunKind);
            Records = records.Count;
            int Count(string outcome) => records.Count(r => r.Outcome == outcome);
            Updated = Count(JournalOutcomes.Updated);
            Unchanged = Count(JournalOutcomes.Unchanged);
            Conflicts = Count(JournalOutcomes.Conflict);
            Failed = Count(JournalOutcomes.Failed);
            Unknown = Count(JournalOutcomes.Unknown);
            Created = Count(JournalOutcomes.Created);
            Removed = Count(JournalOutcomes.Removed);
            Pending = Count(JournalRecord.PendingOutcome);
            FieldsChanged = records.Where(r => r.Outcome == JournalOutcomes.Updated || r.Outcome == JournalOutcomes.Created).Sum(r => r.Fields.Count);
            DamagedLines = contents.Problems.Select(p => p.LineNumber).ToArray();
        }

        public string Path { get; }
        public int Runs { get; }
        public int Records { get; }
        public int Updated { get; }
        public int Unchanged { get; }
        public int Conflicts { get; }
        public int Failed { get; }

        /// <summary>Sent, with the answer lost and not settled by reading back: check these contacts.</summary>
        public int Unknown { get; }

        public int Created { get; }
        public int Removed { get; }

        /// <summary>Sent by a run that stopped before the answer: -Resume reads them to tell.</summary>
        public int Pending { get; }

        /// <summary>Field changes of the records updated or created (one per field per record).</summary>
        public int FieldsChanged { get; }

        /// <summary>The numbers of the lines that could not be read (each named in a warning).</summary>
        public int[] DamagedLines { get; }

        internal static PSObject Create(JournalContents contents, IReadOnlyList<JournalRecord> records)
        {
            var output = PSObject.AsPSObject(new JournalSummaryOutput(contents, records));
            output.TypeNames.Insert(0, TypeName);
            return output;
        }
    }
}

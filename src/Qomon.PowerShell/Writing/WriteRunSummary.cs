using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Qomon.Client.Text;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// How one run of a write command ended, counted per input record. Written once at the end: as the
    /// MessageData of an Information record (tag Qomon.Summary, type name Qomon.RunSummary), so scripts can decide
    /// on the numbers with -InformationVariable, and as one line, a warning when anything failed, verbose otherwise.
    /// </summary>
    public sealed class WriteRunSummary
    {
        internal WriteRunSummary(string command, Uri baseUri, string keyFingerprint, bool whatIf)
        {
            Command = command;
            BaseUri = baseUri;
            KeyFingerprint = keyFingerprint;
            WhatIf = whatIf;
        }

        public string Command { get; }

        /// <summary>The space the run wrote to, as Get-QomonConnection names it: the host and the key's fingerprint.</summary>
        public Uri BaseUri { get; }

        public string KeyFingerprint { get; }

        /// <summary>True for a -WhatIf run: Skipped then counts the records that would have been written.</summary>
        public bool WhatIf { get; }

        public int Updated { get; internal set; }
        public int Created { get; internal set; }
        public int Removed { get; internal set; }
        public int Unchanged { get; internal set; }
        public int Conflicts { get; internal set; }

        /// <summary>Records refused or answered with an error: nothing was written for them.</summary>
        public int Failed { get; internal set; }

        /// <summary>Records whose write was sent but whose answer was lost and could not be checked: look at them.</summary>
        public int OutcomeUnknown { get; internal set; }

        /// <summary>Records not written because of -WhatIf or a "No" at the confirmation.</summary>
        public int Skipped { get; internal set; }

        /// <summary>Set-QomonContact -WriteMethod Upsert or Auto: records updated by a verified upsert.</summary>
        public int UpdatedByUpsert { get; internal set; }

        /// <summary>Set-QomonContact -WriteMethod Upsert or Auto: records updated by PATCH (a change upsert cannot say, PATCH cheaper, or a fallback).</summary>
        public int UpdatedByPatch { get; internal set; }

        /// <summary>Records whose upsert was not seen applied in time, then written by PATCH (updated, or failed with Qomon's reason).</summary>
        public int UpsertFallbacks { get; internal set; }

        /// <summary>-Resume: records the journal showed done already, settled without a request (counted in Unchanged too).</summary>
        public int SkippedByResume { get; internal set; }

        /// <summary>From the command's start to its summary.</summary>
        public TimeSpan Elapsed { get; internal set; }

        /// <summary>Tokens the connection spent while this command ran (other commands on it included).</summary>
        public long TokensSpent { get; internal set; }

        /// <summary>
        /// Time requests of the connection spent waiting for budget while this command ran, summed over the requests
        /// (with several in flight it can exceed the time the command took).
        /// </summary>
        public TimeSpan BudgetWait { get; internal set; }

        /// <summary>429 answers the connection got while this command ran (each one retried after its wait).</summary>
        public long Throttled { get; internal set; }

        /// <summary>Time spent waiting before retries (backoff and Retry-After) while this command ran.</summary>
        public TimeSpan RetryWait { get; internal set; }

        public int Total => Updated + Created + Removed + Unchanged + Conflicts + Failed + OutcomeUnknown + Skipped;

        /// <summary>Records written: updated, created or removed.</summary>
        public int Written => Updated + Created + Removed;

        /// <summary>True when any record was not written as asked (failed, in conflict, or with an unknown outcome): what a scheduled job should fail on.</summary>
        public bool AnyFailed => Failed > 0 || Conflicts > 0 || OutcomeUnknown > 0;

        internal void Count(WriteRecord record)
        {
            CountMethod(record);
            if (record.SkippedByResume) SkippedByResume++;
            switch (record.Outcome)
            {
                case RecordOutcome.Updated: Updated++; break;
                case RecordOutcome.Created: Created++; break;
                case RecordOutcome.Removed: Removed++; break;
                case RecordOutcome.Unchanged: Unchanged++; break;
                case RecordOutcome.Conflict: Conflicts++; break;
                case RecordOutcome.Skipped: Skipped++; break;
                default:
                    if (record.Errors.Any(e => e.FullyQualifiedErrorId.StartsWith(ErrorIds.WriteOutcomeUnknown, StringComparison.Ordinal))) OutcomeUnknown++;
                    else Failed++;
                    break;
            }
        }

        private void CountMethod(WriteRecord record)
        {
            if (record.FellBack) UpsertFallbacks++;
            if (record.Outcome != RecordOutcome.Updated || record.Method == null) return;
            if (record.Method == Qomon.Client.Upsert.WriteMethod.Upsert) UpdatedByUpsert++;
            else UpdatedByPatch++;
        }

        /// <summary>"updated", "created" or "removed": what a written record is, for this command.</summary>
        internal string WrittenWord => Command switch
        {
            "New-QomonContact" => "created",
            "Remove-QomonContact" => "removed",
            _ => "updated",
        };

        /// <summary>"Set-QomonContact: 298 updated (290 by upsert, 8 by PATCH), 2 unchanged, 0 conflicts, 0 failed (1790 tokens, 3.2 s waiting for budget)."</summary>
        public override string ToString()
        {
            var text = new StringBuilder(Command).Append(": ");
            AppendCounts(text);
            text.Append(" (").Append(Counted.Of(TokensSpent, "token")).Append(", ")
                .Append(DurationText.Of(BudgetWait)).Append(" waiting for budget");
            if (Throttled > 0) text.Append(", ").Append(Counted.Of(Throttled, "throttled (429) answer"));
            if (RetryWait > TimeSpan.Zero) text.Append(", ").Append(DurationText.Of(RetryWait)).Append(" waiting to retry");
            text.Append(").");
            return text.ToString();
        }

        /// <summary>The -WhatIf total: "What if: Set-QomonContact would update 3 contacts; 2 unchanged, 1 failed."</summary>
        internal string WhatIfTotal()
        {
            var text = new StringBuilder("What if: ").Append(Command).Append(" would ")
                .Append(WrittenWord.Substring(0, WrittenWord.Length - 1)).Append(' ')
                .Append(Counted.Of(Skipped, "contact"));
            var rest = new StringBuilder();
            if (Command == "Set-QomonContact" || Unchanged > 0) Append(rest, Unchanged, "unchanged");
            if (Conflicts > 0) Append(rest, Conflicts, Conflicts == 1 ? "conflict" : "conflicts");
            if (Failed > 0) Append(rest, Failed, "failed");
            if (rest.Length > 0) text.Append("; ").Append(rest);
            return text.Append('.').ToString();
        }

        private void AppendCounts(StringBuilder text)
        {
            var counts = new StringBuilder();
            Append(counts, Written, WrittenWord);
            if (UpdatedByUpsert + UpdatedByPatch > 0)
                counts.Append(" (").Append(UpdatedByUpsert.ToString(CultureInfo.InvariantCulture)).Append(" by upsert, ")
                    .Append(UpdatedByPatch.ToString(CultureInfo.InvariantCulture)).Append(" by PATCH)");
            if (Command == "Set-QomonContact")
            {
                Append(counts, Unchanged, "unchanged");
                Append(counts, Conflicts, Conflicts == 1 ? "conflict" : "conflicts");
            }
            Append(counts, Failed, "failed");
            if (SkippedByResume > 0) Append(counts, SkippedByResume, "skipped by resume");
            if (OutcomeUnknown > 0) Append(counts, OutcomeUnknown, "with an unknown outcome");
            if (UpsertFallbacks > 0) Append(counts, UpsertFallbacks, UpsertFallbacks == 1 ? "upsert not applied in time, sent by PATCH" : "upserts not applied in time, sent by PATCH");
            if (Skipped > 0) Append(counts, Skipped, WhatIf ? "not written (-WhatIf)" : "not written (declined)");
            text.Append(counts);
        }

        private static void Append(StringBuilder text, int count, string what)
        {
            if (text.Length > 0) text.Append(", ");
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(what);
        }
    }
}

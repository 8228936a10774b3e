using System;
using System.Globalization;
using System.Text;
using Qomon.Client.Text;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// How one run of a write command ended, counted per input record. Written once at the end: as the
    /// MessageData of an Information record (tag Qomon.Summary), so scripts can read the numbers with
    /// -InformationVariable, and as one line, a warning when anything failed, verbose otherwise.
    /// </summary>
    public sealed class WriteRunSummary
    {
        internal WriteRunSummary(string command) => Command = command;

        public string Command { get; }
        public int Updated { get; internal set; }
        public int Created { get; internal set; }
        public int Removed { get; internal set; }
        public int Unchanged { get; internal set; }
        public int Conflicts { get; internal set; }
        public int Failed { get; internal set; }

        /// <summary>Records not written because of -WhatIf or a "No" at the confirmation.</summary>
        public int Skipped { get; internal set; }

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

        public int Total => Updated + Created + Removed + Unchanged + Conflicts + Failed + Skipped;

        /// <summary>Conflicts count as failures here: nothing was written for them.</summary>
        public bool AnyFailed => Failed > 0 || Conflicts > 0;

        internal void Count(RecordOutcome outcome)
        {
            switch (outcome)
            {
                case RecordOutcome.Updated: Updated++; break;
                case RecordOutcome.Created: Created++; break;
                case RecordOutcome.Removed: Removed++; break;
                case RecordOutcome.Unchanged: Unchanged++; break;
                case RecordOutcome.Conflict: Conflicts++; break;
                case RecordOutcome.Skipped: Skipped++; break;
                default: Failed++; break;
            }
        }

        /// <summary>"Set-QomonContact: 298 updated, 2 unchanged, 0 conflicts, 0 failed (1790 tokens, 3.2 s waiting for budget)."</summary>
        public override string ToString()
        {
            var text = new StringBuilder(Command).Append(": ");
            switch (Command)
            {
                case "New-QomonContact": Append(text, Created, "created"); break;
                case "Remove-QomonContact": Append(text, Removed, "removed"); break;
                default:
                    Append(text, Updated, "updated");
                    Append(text, Unchanged, "unchanged");
                    Append(text, Conflicts, Conflicts == 1 ? "conflict" : "conflicts");
                    break;
            }
            Append(text, Failed, "failed");
            if (Skipped > 0) Append(text, Skipped, "not written (-WhatIf or declined)");
            text.Append(" (").Append(Counted.Of(TokensSpent, "token")).Append(", ")
                .Append(DurationText.Of(BudgetWait)).Append(" waiting for budget");
            if (Throttled > 0) text.Append(", ").Append(Counted.Of(Throttled, "throttled (429) answer"));
            if (RetryWait > TimeSpan.Zero) text.Append(", ").Append(DurationText.Of(RetryWait)).Append(" waiting to retry");
            text.Append(").");
            return text.ToString();
        }

        private static void Append(StringBuilder text, int count, string what)
        {
            if (!text.ToString().EndsWith(": ", StringComparison.Ordinal)) text.Append(", ");
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(what);
        }
    }
}

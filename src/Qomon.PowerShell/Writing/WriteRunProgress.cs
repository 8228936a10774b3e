using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using Qomon.Client;
using Qomon.Client.Budget;
using Qomon.Client.Text;
using Qomon.PowerShell.Search;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Write-Progress for a bulk write, and the token, wait and time figures of the run summary. The connection's
    /// counters are shared by every command on it, so the run's figures are the difference since the start.
    /// "N of M" and the time left only when the number of records is known: given as a parameter, or handed down
    /// by Get-QomonContact -All (then "of about M": Qomon's count when the search began). Records arriving one by
    /// one from elsewhere (Import-Csv, an array piped in) cannot be counted ahead, so only N is shown.
    /// Updates at most four times a second: progress records are cheap to write but not free to draw.
    /// Pipeline thread only.
    /// </summary>
    internal sealed class WriteRunProgress
    {
        private const int ActivityId = 0x514D; // "QM": apart from the ids scripts usually pick
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Cmdlet _cmdlet;
        private readonly QomonConnection _connection;
        private readonly WriteRunSummary _summary;
        private readonly long _tokensAtStart;
        private readonly TimeSpan _waitAtStart;
        private readonly long _throttledAtStart;
        private readonly TimeSpan _retryWaitAtStart;
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
        private bool _shown;
        private long _submitted;
        private long? _expected;
        private bool _expectedIsEstimate;

        internal WriteRunProgress(Cmdlet cmdlet, QomonConnection connection, WriteRunSummary summary)
        {
            _cmdlet = cmdlet;
            _connection = connection;
            _summary = summary;
            _tokensAtStart = connection.Counters.TokensSpent;
            _waitAtStart = connection.Budget.TotalWait;
            _throttledAtStart = connection.Counters.Throttled;
            _retryWaitAtStart = connection.Counters.RetryWait;
        }

        /// <summary>The run's records are all known from its parameters.</summary>
        internal void Expect(long records)
        {
            _expected = records;
            _expectedIsEstimate = false;
        }

        /// <summary>
        /// One more record came in. When a search is handing it down, the run will see about as many records as the
        /// search has left: a filter in between makes the estimate fall as the run goes, never stay too low.
        /// </summary>
        internal void Observe(WriteRecord record, bool fromPipeline)
        {
            _submitted++;
            if (!fromPipeline || !record.Id.HasValue || !SearchProgress.TryGetPlace(record.Id.Value, out var place, out var total)) return;
            _expected = Math.Max(_submitted, _submitted - place + total);
            _expectedIsEstimate = true;
        }

        /// <summary>Brings the summary's token, wait and time figures up to date.</summary>
        internal void Measure()
        {
            _summary.TokensSpent = _connection.Counters.TokensSpent - _tokensAtStart;
            _summary.BudgetWait = _connection.Budget.TotalWait - _waitAtStart;
            _summary.Throttled = _connection.Counters.Throttled - _throttledAtStart;
            _summary.RetryWait = _connection.Counters.RetryWait - _retryWaitAtStart;
            _summary.Elapsed = _elapsed.Elapsed;
        }

        /// <summary>Shows where the run is; skipped when the last update was less than a quarter second ago.</summary>
        internal void Update(string operation)
        {
            if (_shown && _sinceLast.Elapsed < Interval) return;
            _sinceLast.Restart();
            Measure();
            var done = _summary.Total;
            var expected = _expected is long known ? Math.Max(known, Math.Max(done, _submitted)) : (long?)null;
            var record = new ProgressRecord(ActivityId, _summary.Command, Status(done, expected)) { CurrentOperation = operation };
            if (expected is long all && all > 0)
            {
                record.PercentComplete = (int)Math.Min(100, done * 100 / all);
                var budget = _connection.Budget;
                if (RunForecast.TimeLeft(done, all, _summary.TokensSpent, budget.Available, budget.RatePerSecond, _summary.Elapsed) is TimeSpan left)
                    record.SecondsRemaining = (int)Math.Min(int.MaxValue, Math.Ceiling(left.TotalSeconds));
            }
            _cmdlet.WriteProgress(record);
            _shown = true;
        }

        internal void Complete()
        {
            Measure();
            if (!_shown) return;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _summary.Command, "Done") { RecordType = ProgressRecordType.Completed });
        }

        // "40 of about 300 done: 38 written, 1 unchanged, 1 failed or in conflict; 240 tokens, 3.1 s waiting for budget"
        private string Status(long done, long? expected)
        {
            var of = expected is long all
                ? string.Format(CultureInfo.InvariantCulture, " of {0}{1}", _expectedIsEstimate ? "about " : "", all)
                : "";
            return string.Format(CultureInfo.InvariantCulture,
                "{0}{1} done: {2} written, {3} unchanged, {4} failed or in conflict; {5}, {6} waiting for budget",
                done, of, _summary.Written, _summary.Unchanged, _summary.Failed + _summary.Conflicts + _summary.OutcomeUnknown,
                Counted.Of(_summary.TokensSpent, "token"), DurationText.Of(_summary.BudgetWait));
        }
    }
}

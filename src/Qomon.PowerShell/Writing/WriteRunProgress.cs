using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using Qomon.Client;
using Qomon.Client.Text;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Write-Progress for a bulk write, and the token and wait figures of the run summary. The connection's
    /// counters are shared by every command on it, so the run's figures are the difference since the start.
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
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
        private bool _shown;

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

        /// <summary>Brings the summary's token and wait figures up to date.</summary>
        internal void Measure()
        {
            _summary.TokensSpent = _connection.Counters.TokensSpent - _tokensAtStart;
            _summary.BudgetWait = _connection.Budget.TotalWait - _waitAtStart;
            _summary.Throttled = _connection.Counters.Throttled - _throttledAtStart;
            _summary.RetryWait = _connection.Counters.RetryWait - _retryWaitAtStart;
        }

        /// <summary>Shows where the run is; skipped when the last update was less than a quarter second ago.</summary>
        internal void Update(string operation)
        {
            if (_shown && _sinceLast.Elapsed < Interval) return;
            _sinceLast.Restart();
            Measure();
            var status = string.Format(CultureInfo.InvariantCulture,
                "{0} done: {1} written, {2} unchanged, {3} failed or in conflict; {4}, {5} waiting for budget",
                _summary.Total, _summary.Updated + _summary.Created + _summary.Removed, _summary.Unchanged,
                _summary.Failed + _summary.Conflicts, Counted.Of(_summary.TokensSpent, "token"), DurationText.Of(_summary.BudgetWait));
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _summary.Command, status) { CurrentOperation = operation });
            _shown = true;
        }

        internal void Complete()
        {
            Measure();
            if (!_shown) return;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _summary.Command, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}

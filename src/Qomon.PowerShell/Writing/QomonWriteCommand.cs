using System;
using System.Management.Automation;
using Qomon.Client;
using Qomon.Client.Model;
using Qomon.PowerShell.Connections;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// What Set-, New- and Remove-QomonContact share: batches of -BatchSize records with -ThrottleLimit requests
    /// in flight under the connection's budget, -ErrorAction Stop honoured record by record, Write-Progress, and
    /// one summary at the end (a warning when anything failed). Derived commands turn each input into a
    /// WriteRecord and choose the WriteOperation.
    /// </summary>
    public abstract class QomonWriteCommand : QomonCmdlet
    {
        private BatchWriter? _writer;
        private WriteRunSummary? _summary;
        private WriteRunProgress? _progress;
        private FormCatalog? _forms;
        private RunJournal? _journal;
        private bool _ended;

        /// <summary>
        /// How many records are read, confirmed and written together (1 to 1000, default 20). The time between a
        /// contact's read and its write does not depend on it: ContactWriter takes each record's read and write tokens
        /// together and reads again a read older than a second. The budget, not the batch, sets the speed.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = DefaultBatchSize;

        internal const int DefaultBatchSize = 20;

        /// <summary>How many requests are in flight at once (1 to 64, default 8); the connection's token budget paces them all.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>
        /// A file (JSON Lines) that records each record's write: the contact as read before it, the fields written with
        /// their old and new values, and the outcome; each request's line reaches the disk before the request is sent.
        /// Appended to; one run at a time. Read it with Get-QomonJournal. Not written under -WhatIf.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        /// <summary>The journal's op word for this command's records: update, create or remove.</summary>
        private protected abstract string JournalOp { get; }

        /// <summary>The parameters the run line records as the run's options (never the key or the input).</summary>
        private protected abstract string[] JournalOptionNames { get; }

        /// <summary>-Journal as a file system path; null without -Journal.</summary>
        private protected string? JournalPath => Journal == null ? null : GetUnresolvedProviderPathFromPSPath(Journal);

        /// <summary>The space's forms, for answers named by label and for output (loaded once per connection).</summary>
        private protected FormCatalog Forms
        {
            get
            {
                if (_forms != null) return _forms;
                try { return _forms = Pipeline.Run(ct => FormCache.For(QomonConnection).GetAllAsync(Client, ct)); }
                catch (QomonApiException e) when (e.StatusCode != 401)
                {
                    WriteWarning("Could not read the space's forms (" + QomonErrors.Describe(e) + "); answers cannot be named by label in this run.");
                    return _forms = FormCatalog.Empty;
                }
            }
        }

        /// <summary>Sets up the batch writer; call from Begin once parameters are checked.</summary>
        /// <param name="readResume">-Resume: reads the journal once this run holds it.</param>
        private protected void StartRun(WriteOperation operation, bool passThru, Func<Qomon.Client.Journal.JournalResume>? readResume = null)
        {
            _summary = new WriteRunSummary(MyInvocation.MyCommand.Name, QomonConnection.BaseUri, QomonConnection.KeyFingerprint,
                SwitchOrPreference("WhatIf", "WhatIfPreference"));
            _progress = new WriteRunProgress(this, QomonConnection, _summary);
            if (CountGivenAsParameter() is int count) _progress.Expect(count);
            var options = new BatchOptions { BatchSize = BatchSize, ThrottleLimit = ThrottleLimit, StopAtFirstError = StopsAtFirstError() };
            _writer = new BatchWriter(this, Pipeline, operation, _summary, _progress, options,
                passThru ? record => ContactOutput.Create(record.Stored!, Forms) : (Func<WriteRecord, object?>?)null);
            if (JournalPath != null && !_summary.WhatIf)
            {
                _journal = RunJournal.Open(this, JournalPath, QomonConnection, JournalOp, JournalRunOptions.Of(this, JournalOptionNames), readResume);
                _writer.Reported = _journal.Settled;
            }
        }

        private protected void Submit(WriteRecord record)
        {
            _progress!.Observe(record, MyInvocation.ExpectingInput);
            _journal?.Attach(record);
            _writer!.Add(record);
        }

        /// <summary>Writes what is left, then the summary; derived commands add their own notices after it.</summary>
        protected override void End()
        {
            if (_writer == null) return;
            _writer.Finish();
            _ended = true;
            _journal?.Dispose();
            _progress!.Complete();
            var summary = _summary!;
            if (summary.Total == 0) return;
            WriteInformation(new InformationRecord(RunSummaryOutput.Create(summary), "Qomon") { Tags = { RunSummaryOutput.Tag } });
            if (summary.WhatIf) WriteHostLine(summary.WhatIfTotal());
            if (summary.AnyFailed) WriteWarning(summary.ToString());
            else WriteVerbose(summary.ToString());
        }

        // Stopped while the commands before it were working (Import-Csv reading, Get-QomonContact waiting for a page):
        // no write of this command was under way, but the caller still needs to hear what was written before the stop.
        protected override void Dispose(bool disposing)
        {
            if (disposing && _writer != null && !_ended && StopRequested) _writer.ReportStopBetweenBatches();
            if (disposing) _writer?.Dispose();
            if (disposing) _journal?.Dispose();
        }

        // As Write-Host does it: shown where -WhatIf's own lines are, and still capturable with 6>&1.
        private void WriteHostLine(string line) =>
            WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });

        // -Id 1,2,3 or -InputObject $rows on the command line (not from the pipeline) says how many records the run has.
        private int? CountGivenAsParameter()
        {
            if (MyInvocation.ExpectingInput) return null;
            foreach (var name in new[] { "InputObject", "Id" })
            {
                if (!MyInvocation.BoundParameters.TryGetValue(name, out var value)) continue;
                if (value is PSObject wrapped) value = wrapped.BaseObject;
                if (value is System.Collections.ICollection collection) return collection.Count;
            }
            return null;
        }

        /// <summary>True when -ErrorAction (or $ErrorActionPreference) is Stop: the first error ends the command.</summary>
        private protected bool StopsAtFirstError()
        {
            object? preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) ? bound : GetVariableValue("ErrorActionPreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            return preference is ActionPreference action ? action == ActionPreference.Stop
                : string.Equals(preference?.ToString(), nameof(ActionPreference.Stop), StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>True for an explicit switch given as $true, or the preference variable set to $true (WhatIf).</summary>
        private protected bool SwitchOrPreference(string parameter, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out var bound)) return IsTrue(bound);
            return IsTrue(GetVariableValue(preferenceVariable));
        }

        private static bool IsTrue(object? value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            return value is SwitchParameter s ? s.IsPresent : value is bool b && b;
        }
    }
}

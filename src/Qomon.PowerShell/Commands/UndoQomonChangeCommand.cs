using System;
using System.Management.Automation;
using Qomon.Client.Journal;
using Qomon.Client.Undo;
using Qomon.Client.Writing;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;
using Qomon.PowerShell.Writing;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Undo-QomonChange: takes back a run of Set-, New- or Remove-QomonContact from its journal (-Journal). Each
    /// field the run changed goes back to its value before the run where it still holds what the run wrote; a field
    /// changed since by someone else is left alone and reported (Qomon.Conflict), unless -Force. Contacts the run
    /// created are removed (asked like Remove-QomonContact), contacts it removed are created again from the
    /// journal's before image (with a new id). Paced, batched and concurrent like the other write commands; the
    /// undo's own run is appended to the same journal, so it can be undone in turn (-Run).
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "QomonChange", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Commands + "Undo-QomonChange.md")]
    [OutputType(ContactOutput.TypeName)]
    public sealed class UndoQomonChangeCommand : QomonWriteCommand
    {
        private UndoRun? _run;
        private UndoOperation? _operation;

        /// <summary>Undo only these contacts (the ids the run updated or removed, or the ids of the contacts it created).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public long[]? Id { get; set; }

        /// <summary>The run to undo, by its id (the Run property of Get-QomonJournal); by default the journal's latest run that is not itself an undo.</summary>
        [Parameter]
        public Guid Run { get; set; }

        /// <summary>Put back fields changed since the run by someone else too, and remove the contacts the run created without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write each contact as stored after the undo (put back, created again, or unchanged).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override string JournalOp => JournalIntent.Update;

        private protected override string[] JournalOptionNames => new[] { nameof(Force), nameof(BatchSize), nameof(ThrottleLimit) };

        protected override void Begin()
        {
            if (JournalPath == null)
                ThrowInvalidArgument("Undo-QomonChange needs -Journal: the journal of the run to undo, as -Journal on Set-, New- or Remove-QomonContact wrote it.", null, ErrorIds.ConflictingParameters);
            var contents = JournalFile.Read(this, JournalPath!);
            try { _run = UndoRun.Select(contents, ParameterSpecified(nameof(Run)) ? Run.ToString() : null, Id); }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, ErrorIds.JournalRunNotFound, ErrorCategory.ObjectNotFound, Journal) { ErrorDetails = new ErrorDetails(e.Message) });
            }
            var whyNot = Pipeline.Run(ct => JournalOrigin.WhyNotThisSpaceAsync(QomonConnection, contents, ct));
            if (whyNot != null)
            {
                var message = "Cannot undo from the journal " + contents.Path + ": " + whyNot + ". Nothing was sent.";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.JournalOtherSpace, ErrorCategory.InvalidOperation, Journal)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Connect with the key of the space the run wrote to (Connect-Qomon), then undo again." }
                });
            }
            foreach (var reason in _run!.CannotUndo) WriteWarning(reason);
            WriteVerbose("Undoing run " + _run.RunLine.Run + " (" + _run.RunLine.Command + "): " + _run.Items.Count + " records to undo.");

            var whatIf = SwitchOrPreference("WhatIf", "WhatIfPreference");
            var merge = new MergeOperation(this, new ContactWriter(QomonConnection, Forms), force: false, new SkippedEmptyNotice(), Forms);
            var remove = new RemoveOperation(this, Client, ConfirmSettings.Read(this, ConfirmImpact.High, Force, whatIf));
            _operation = new UndoOperation(this, merge, remove, new CreateOperation(this, Client), Forms, Force);
            StartRun(_operation, PassThru);
        }

        protected override void Process()
        {
            var position = 0;
            foreach (var item in _run!.Items) Submit(_operation!.NewRecord(++position, item));
        }
    }
}

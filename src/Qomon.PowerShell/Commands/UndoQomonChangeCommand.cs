using System;
using System.IO;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client;
using Qomon.Client.Journal;
using Qomon.Client.Json;
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
    /// journal's before image (with a new id). Paced, batched and concurrent like the other write commands.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "QomonChange", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Commands + "Undo-QomonChange.md")]
    [OutputType(ContactOutput.TypeName)]
    public sealed class UndoQomonChangeCommand : QomonWriteCommand
    {
        private UndoRun? _run;
        private UndoOperation? _operation;

        /// <summary>The journal of the run to undo (written by -Journal on Set-, New- or Remove-QomonContact).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Journal { get; set; } = "";

        /// <summary>Undo only these contacts (the ids the run updated or removed, or the ids of the contacts it created).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public long[]? Id { get; set; }

        /// <summary>The run to undo, by its id (the run property of Get-QomonJournal); by default the journal's latest run that is not itself an undo.</summary>
        [Parameter]
        public Guid Run { get; set; }

        /// <summary>Put back fields changed since the run by someone else too, and remove the contacts the run created without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write each contact as stored after the undo (put back, created again, or unchanged).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Begin()
        {
            var contents = ReadJournal();
            foreach (var problem in contents.Problems) WriteWarning(problem.Message);
            try { _run = UndoRun.Select(contents, ParameterSpecified(nameof(Run)) ? Run.ToString() : null, Id); }
            catch (ArgumentException e) { ThrowNotFound(e.Message, ErrorIds.JournalRunNotFound); }
            if (_run!.WhyElsewhere(QomonConnection.BaseUri, ConnectionSpace()) is string elsewhere)
            {
                var message = "The journal " + contents.Path + " is from another space: " + elsewhere + " Nothing was sent.";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.JournalOtherSpace, ErrorCategory.InvalidOperation, Journal)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Connect with the key of the space the run wrote to (Connect-Qomon), then undo again." }
                });
            }
            foreach (var reason in _run.CannotUndo) WriteWarning(reason);
            WriteVerbose("Undoing run " + _run.RunLine.Run + " (" + _run.RunLine.Command + ", " + _run.Items.Count + " records to undo).");

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

        private JournalContents ReadJournal()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Journal);
            try { return JournalReader.Read(path); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowNotFound("Cannot read the journal " + path + ": " + e.Message, ErrorIds.JournalNotFound);
                throw;
            }
        }

        // The space this connection's key reaches, from the group_id of any one contact (a one-contact search page).
        private long? ConnectionSpace()
        {
            System.Collections.Generic.IReadOnlyList<JsonObject> contacts = Array.Empty<JsonObject>();
            try { contacts = Pipeline.Run(ct => Client.SearchPageAsync(new JsonObject { ["$all"] = new JsonArray() }, 0, 1, null, true, ct)); }
            catch (QomonApiException e) { ThrowApiError(e, Journal); }
            return contacts.Count > 0 && contacts[0].TryGetPropertyValue("group_id", out var group) && JsonRead.TryGetLong(group, out var space) ? space : (long?)null;
        }

        private void ThrowNotFound(string message, string errorId) =>
            ThrowTerminatingError(new ErrorRecord(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, Journal)
            {
                ErrorDetails = new ErrorDetails(message)
            });
    }
}

using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.Client.Journal;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Remove-QomonContact: DELETE each id once confirmed (ConfirmImpact High, so it asks unless -Force or
    /// -Confirm:$false; the question is a <see cref="DestructivePrompt"/>, where Enter answers No). The question and -WhatIf name the person as Set-QomonContact does; a contact given by id
    /// alone is read first for that (1 token), but only when someone will see the question or the What if line:
    /// a run with -Force or -Confirm:$false reads nothing. A missing contact is an ObjectNotFound error for that
    /// id. (The client already takes a 404 after a lost answer as the delete having happened.)
    /// </summary>
    internal sealed class RemoveOperation : WriteOperation
    {
        private readonly PSCmdlet _cmdlet;
        private readonly QomonClient _client;
        private readonly ConfirmSettings _settings;
        private bool _yesToAll;
        private bool _noToAll;

        internal RemoveOperation(PSCmdlet cmdlet, QomonClient client, ConfirmSettings settings)
        {
            _cmdlet = cmdlet;
            _client = client;
            _settings = settings;
        }

        // ShouldProcess asks on an explicit -Confirm, or by $ConfirmPreference unless -Force; in a session that cannot
        // ask it throws instead (see Confirm), so no read is spent there either.
        private bool ShouldProcessAsks => _settings.ConfirmOn || (!_settings.Force && _settings.PreferenceAsks);

        // A journaled delete reads the contact too: its before image is what an undo re-creates.
        internal override bool NeedsRead(WriteRecord record) =>
            record.AsRead == null && (_settings.WhatIf || (ShouldProcessAsks && _settings.CanPrompt) || record.Journal != null);

        internal override Task ReadAsync(WriteRecord record, CancellationToken cancellationToken) => PreviewRead.ReadCurrentAsync(_client, record, cancellationToken);

        internal override bool Confirm(WriteRecord record)
        {
            var target = ContactTarget.Describe(record.Id, record.Current ?? record.AsRead);
            if (_settings.Force && !_settings.ConfirmOn && !_settings.WhatIf)
            {
                _cmdlet.WriteVerbose("Performing the operation \"Remove\" on target \"" + target + "\" (-Force).");
                return true;
            }
            // -WhatIf and -Confirm:$false go through ShouldProcess as usual (What if line, or verbose and on). The
            // question itself is ours: ShouldProcess's takes Enter as Yes, and Qomon has no undo for a delete.
            if (_settings.WhatIf || !ShouldProcessAsks)
            {
                if (_cmdlet.ShouldProcess(target, "Remove")) return true;
                record.Outcome = RecordOutcome.Skipped;
                return false;
            }
            var whyNot = PromptAvailability.WhyNot(_cmdlet.Host);
            if (whyNot != null) StopCannotAsk(record, whyNot, null);
            try
            {
                if (DestructivePrompt.Ask(_cmdlet.Host.UI, "Remove the contact", target + ": delete it from Qomon? Qomon has no undo.", ref _yesToAll, ref _noToAll)) return true;
            }
            catch (Exception e) when (PromptAvailability.IsCannotAsk(e))
            {
                StopCannotAsk(record, e.Message, e);
            }
            record.Outcome = RecordOutcome.Skipped;
            return false;
        }

        // Every record would fail the same way: one terminating error that says what to do is kinder than 10,000.
        private void StopCannotAsk(WriteRecord record, string why, Exception? inner)
        {
            var message = _cmdlet.MyInvocation.MyCommand.Name + " asks before deleting each contact, and this session cannot ask (" + why + "). Nothing was deleted.";
            _cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message, inner), ErrorIds.RemoveNeedsConfirmation, ErrorCategory.InvalidOperation, record.Target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Add -Force (or -Confirm:$false) to delete without asking (in scripts and runbooks), or -WhatIf to see what would be deleted." }
            });
        }

        internal override async Task WriteAsync(WriteRecord record, CancellationToken cancellationToken)
        {
            record.Journal?.Sending(JournalMethods.Delete, record.Current ?? record.AsRead, null);
            try
            {
                await _client.DeleteContactAsync(record.Id!.Value, cancellationToken).ConfigureAwait(false);
                record.Outcome = RecordOutcome.Removed;
            }
            catch (QomonApiException e)
            {
                record.Fail(e.OutcomeUnknown && e.StatusCode == 0 ? WriteErrors.OutcomeUnknown(record, e, null) : WriteErrors.FromApi(record, e));
            }
        }
    }
}

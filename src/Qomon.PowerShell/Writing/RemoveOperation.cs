using System;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Remove-QomonContact: DELETE each id after ShouldProcess (ConfirmImpact High, so PowerShell asks unless
    /// -Confirm:$false). A missing contact is an ObjectNotFound error for that id. (The client already takes a
    /// 404 after a lost answer as the delete having happened.)
    /// </summary>
    internal sealed class RemoveOperation : WriteOperation
    {
        private readonly Cmdlet _cmdlet;
        private readonly QomonClient _client;

        internal RemoveOperation(Cmdlet cmdlet, QomonClient client)
        {
            _cmdlet = cmdlet;
            _client = client;
        }

        internal override bool Confirm(WriteRecord record)
        {
            var target = "Contact " + record.Id!.Value.ToString(CultureInfo.InvariantCulture);
            bool confirmed;
            try { confirmed = _cmdlet.ShouldProcess(target, "Remove"); }
            catch (Exception e) when (e is PSInvalidOperationException || e is HostException || e is NotImplementedException || e is PSNotImplementedException)
            {
                // Every record would fail the same way: one terminating error that says what to do is kinder than 10,000.
                var message = "Remove-QomonContact asks before deleting each contact, and this session cannot ask (" + e.Message + "). Nothing was deleted.";
                _cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message, e), ErrorIds.RemoveNeedsConfirmation, ErrorCategory.InvalidOperation, record.Target)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Add -Confirm:$false to delete without asking (in scripts and runbooks), or -WhatIf to see what would be deleted." }
                });
                throw;
            }
            if (confirmed) return true;
            record.Outcome = RecordOutcome.Skipped;
            return false;
        }

        internal override async Task WriteAsync(WriteRecord record, CancellationToken cancellationToken)
        {
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

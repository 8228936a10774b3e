using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.Client.Journal;
using Qomon.Client.Json;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// New-QomonContact: POST the record as a new contact. A create is never sent twice: when its answer is lost
    /// the contact may exist without the caller knowing its id, so the record fails with an error that says so,
    /// rather than risking a duplicate person.
    /// </summary>
    internal sealed class CreateOperation : WriteOperation
    {
        private readonly Cmdlet _cmdlet;
        private readonly QomonClient _client;

        internal CreateOperation(Cmdlet cmdlet, QomonClient client)
        {
            _cmdlet = cmdlet;
            _client = client;
        }

        internal override bool Confirm(WriteRecord record)
        {
            var contact = record.FullContact!;
            var fields = string.Join(", ", contact.Where(p => p.Value != null).Select(p => p.Key));
            if (ChangePreview.ShouldProcess(_cmdlet, "Create with fields: " + fields, ContactTarget.Describe(null, contact), null)) return true;
            record.Outcome = RecordOutcome.Skipped;
            return false;
        }

        internal override async Task WriteAsync(WriteRecord record, CancellationToken cancellationToken)
        {
            record.Journal?.Sending(JournalMethods.Post, null, record.FullContact);
            try
            {
                var created = await _client.CreateContactAsync(record.FullContact!, cancellationToken).ConfigureAwait(false);
                record.Stored = created;
                if (created.TryGetPropertyValue("id", out var id) && JsonRead.TryGetLong(id, out var newId)) record.Id = newId;
                record.Outcome = RecordOutcome.Created;
            }
            catch (QomonApiException e)
            {
                record.Fail(e.OutcomeUnknown ? WriteErrors.OutcomeUnknown(record, e, null) : WriteErrors.FromApi(record, e));
            }
        }
    }
}

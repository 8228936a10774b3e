using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.Client.Merge;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Set-QomonContact's default: read the contact, refuse a conflict, merge the record's changes into what the
    /// server holds, and PATCH the complete result only when it differs (an unchanged record costs one read).
    /// A write whose answer was lost is read back before anything else (VerifiedReplace), and merged again into
    /// what the server then holds.
    /// </summary>
    internal sealed class MergeOperation : WriteOperation
    {
        private readonly Cmdlet _cmdlet;
        private readonly QomonClient _client;
        private readonly FormCatalog _forms;
        private readonly bool _force;

        internal MergeOperation(Cmdlet cmdlet, QomonClient client, FormCatalog forms, bool force)
        {
            _cmdlet = cmdlet;
            _client = client;
            _forms = forms;
            _force = force;
        }

        internal override bool NeedsRead(WriteRecord record) => true;

        internal override async Task ReadAsync(WriteRecord record, CancellationToken cancellationToken)
        {
            JsonObject current;
            try { current = await _client.GetContactAsync(record.Id!.Value, cancellationToken).ConfigureAwait(false); }
            catch (QomonApiException e)
            {
                record.Fail(WriteErrors.FromApi(record, e));
                return;
            }
            record.Current = current;
            var conflict = _force ? null : FindConflict(record, current);
            if (conflict != null)
            {
                record.Fail(WriteErrors.Conflict(record, conflict), RecordOutcome.Conflict);
                return;
            }
            var merge = ContactMerger.Merge(current, record.Changes!, _forms);
            record.Merge = merge;
            if (merge.HasChanges) record.Outcome = RecordOutcome.NeedsWrite;
            else
            {
                record.Stored = current;
                record.Outcome = RecordOutcome.Unchanged;
            }
        }

        internal override bool Confirm(WriteRecord record)
        {
            var differences = record.Merge!.Differences;
            var target = ContactTarget.Describe(record.Id, record.Current);
            if (ChangePreview.ShouldProcess(_cmdlet, "Update fields: " + ChangePreview.FieldNames(differences), target, differences)) return true;
            record.Outcome = RecordOutcome.Skipped;
            return false;
        }

        internal override Task WriteAsync(WriteRecord record, CancellationToken cancellationToken) =>
            VerifiedReplace.RunAsync(_client, record, record.Merge!.Body, now =>
            {
                var again = ContactMerger.Merge(now, record.Changes!, _forms);
                if (!again.HasChanges) return null;
                // Not applied, and someone may have edited the contact since our first read: check again before resending.
                var conflict = _force ? null : FindConflict(record, now);
                if (conflict == null) return again.Body;
                record.Fail(WriteErrors.Conflict(record, conflict), RecordOutcome.Conflict);
                return null;
            }, cancellationToken);

        // A Qomon.Contact edited in place: conflict when the server changed a field this record also changes.
        // Other input that carries UpdatedAt: conflict when the server's copy is newer than what the caller saw.
        private string? FindConflict(WriteRecord record, JsonObject current)
        {
            if (record.AsRead != null)
            {
                var both = ConflictDetector.Find(record.AsRead, current, record.Changes!);
                return both.Count == 0 ? null
                    : "since the contact was read, the server changed " + ContactTarget.Labels(both, _forms) + ", which this record changes too.";
            }
            if (!record.SeenUpdatedAt.HasValue) return null;
            var seen = record.SeenUpdatedAt.Value;
            if (!current.TryGetPropertyValue(ContactFields.UpdatedAtKey, out var node)
                || !QomonDate.TryParse(JsonRead.GetText(node), out var server)
                || QomonDate.TruncateToMilliseconds(server) <= QomonDate.TruncateToMilliseconds(seen)) return null;
            return "the contact was changed on the server at " + QomonDate.FormatForWrite(server) +
                   ", after the UpdatedAt this record carries (" + QomonDate.FormatForWrite(seen) + ").";
        }
    }
}

using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Model;
using Qomon.Client.Writing;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Set-QomonContact's default: the client's ContactWriter plans each record's merge from a fresh read (its read
    /// and write tokens taken together), the record is confirmed on the pipeline thread, and the writer commits it
    /// (reading again first if the read has grown old). This class only carries records between those steps and
    /// turns the writer's outcome into the record's.
    /// </summary>
    internal sealed class MergeOperation : WriteOperation
    {
        private readonly Cmdlet _cmdlet;
        private readonly ContactWriter _writer;
        private readonly bool _force;
        private readonly SkippedEmptyNotice _blanks;
        private readonly FormCatalog _forms;

        internal MergeOperation(Cmdlet cmdlet, ContactWriter writer, bool force, SkippedEmptyNotice blanks, FormCatalog forms)
        {
            _cmdlet = cmdlet;
            _writer = writer;
            _force = force;
            _blanks = blanks;
            _forms = forms;
        }

        internal override bool NeedsRead(WriteRecord record) => true;

        internal override async Task ReadAsync(WriteRecord record, CancellationToken cancellationToken)
        {
            var request = new ContactMergeRequest(record.Id!.Value, record.Changes!)
            {
                AsRead = record.AsRead,
                SeenUpdatedAt = record.SeenUpdatedAt,
                Force = _force,
                ChangesFromRead = record.ChangesFromRead,
                Journal = record.Journal,
            };
            var plan = await _writer.PlanMergeAsync(request, cancellationToken).ConfigureAwait(false);
            record.Plan = plan;
            record.Current = plan.Current;
            if (record.Blanks != null && plan.Current != null) _blanks.Add(record.Blanks.ThatWouldClear(plan.Current, _forms));
            if (plan.Settled != null) WriteOutcomes.Apply(record, plan.Settled);
            else record.Outcome = RecordOutcome.NeedsWrite;
        }

        internal override bool Confirm(WriteRecord record)
        {
            var differences = record.Plan!.Differences;
            var target = ContactTarget.Describe(record.Id, record.Current);
            if (ChangePreview.ShouldProcess(_cmdlet, "Update fields: " + ChangePreview.FieldNames(differences), target, differences)) return true;
            record.Outcome = RecordOutcome.Skipped;
            return false;
        }

        internal override async Task WriteAsync(WriteRecord record, CancellationToken cancellationToken) =>
            WriteOutcomes.Apply(record, await _writer.CommitAsync(record.Plan!, cancellationToken).ConfigureAwait(false));
    }
}

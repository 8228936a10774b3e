using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.Client.Diagnostics;
using Qomon.Client.Model;
using Qomon.Client.Upsert;
using Qomon.Client.Writing;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Set-QomonContact -WriteMethod Upsert or Auto: each record goes through the client's UpsertWriter, which reads
    /// (unless the input is a contact just read: then one shared search page tells which changed since, and only
    /// those are read again), upserts only the changed fields and reports the record updated only
    /// once a read shows it applied, or writes it by PATCH (a change upsert cannot say, PATCH cheaper, or an upsert not
    /// applied in time). The record's base is read before the write only when someone will look at the preview
    /// (-WhatIf, a confirmation); otherwise the writer's own read serves, so no record is read twice.
    /// </summary>
    internal sealed class UpsertOperation : WriteOperation
    {
        private readonly Cmdlet _cmdlet;
        private readonly QomonClient _client;
        private readonly WriteMethod _method;
        private readonly UpsertWriter _writer;
        private readonly ConfirmSettings _confirm;
        private readonly bool _force;
        private readonly SkippedEmptyNotice _blanks;
        private readonly FormCatalog _forms;

        internal UpsertOperation(Cmdlet cmdlet, QomonConnection connection, ContactWriter patchWriter, WriteMethod method,
            ConfirmSettings confirm, bool force, SkippedEmptyNotice blanks, FormCatalog forms, int throttleLimit)
        {
            _cmdlet = cmdlet;
            _client = connection.Client;
            _method = method;
            _confirm = confirm;
            _force = force;
            _blanks = blanks;
            _forms = forms;
            // One search page verifies the upserts of many records at once (1 token for up to 1,000), whether the
            // input was read by Get-QomonContact or given as ids; -ThrottleLimit counts requests, not records, so the
            // records waiting for Qomon to apply their upsert do not stop the next ones from being sent.
            _writer = new UpsertWriter(connection, forms, new WriteMethodMeter(), patchWriter: patchWriter, reads: UpsertReads.SearchPage,
                slots: new Qomon.Client.Http.RequestSlots(throttleLimit));
        }

        /// <summary>
        /// Records in flight across batches: an upsert is applied seconds after it is sent (20 s for one Qomon drops),
        /// and finishing each batch before the next would idle the budget for that long every batch. Enough for the
        /// longest wait at a fast budget.
        /// </summary>
        internal override int? RecordsInFlight => 2000;

        private bool PreviewShown => _confirm.WhatIf || ((_confirm.ConfirmOn || _confirm.PreferenceAsks) && _confirm.CanPrompt);

        /// <summary>A contact given as read costs nothing to plan; otherwise the base is read only for a preview.</summary>
        internal override bool NeedsRead(WriteRecord record) => record.AsRead != null || PreviewShown;

        internal override async Task ReadAsync(WriteRecord record, CancellationToken cancellationToken)
        {
            if (record.AsRead == null)
            {
                await PreviewRead.ReadCurrentAsync(_client, record, cancellationToken).ConfigureAwait(false);
                if (record.Current == null) return;
            }
            else record.Current = record.AsRead;
            var plan = UpsertPlanner.Plan(record.Id!.Value, record.Current, record.Changes!, _forms);
            record.UpsertPlan = plan;
            if (plan.HasChanges) record.Outcome = RecordOutcome.NeedsWrite;
            else
            {
                record.Stored = record.Current;
                record.Outcome = RecordOutcome.Unchanged;
            }
        }

        internal override bool Confirm(WriteRecord record)
        {
            var target = ContactTarget.Describe(record.Id, record.Current);
            var plan = record.UpsertPlan;
            var action = plan == null ? "Update fields"
                : "Update fields: " + ChangePreview.FieldNames(plan.Merge.Differences) + " " + Way(plan);
            if (ChangePreview.ShouldProcess(_cmdlet, action, target, plan?.Merge.Differences)) return true;
            record.Outcome = RecordOutcome.Skipped;
            return false;
        }

        internal override async Task WriteAsync(WriteRecord record, CancellationToken cancellationToken)
        {
            var request = new ContactMergeRequest(record.Id!.Value, record.Changes!)
            {
                AsRead = record.AsRead,
                ReadAt = record.AsReadAt,
                SeenUpdatedAt = record.SeenUpdatedAt,
                Force = _force,
                Journal = new SendWatch(record),
            };
            record.WriteSent = false;
            var written = await _writer.WriteAsync(request, _method, cancellationToken).ConfigureAwait(false);
            record.Method = written.Method;
            record.FellBack = written.FellBack;
            WriteOutcomes.Apply(record, written.Result);
            if (record.Blanks != null && written.Result.Stored != null) _blanks.Add(record.Blanks.ThatWouldClear(written.Result.Stored, _forms));
            QomonLog.Current.Verbose(Report(record, written));
        }

        // -WhatIf: which way the record would go. Auto's choice is made at write time, by the tokens measured so far.
        private string Way(UpsertPlan plan) =>
            !plan.CanUpsert ? "(by PATCH: " + plan.PatchReason + ")"
            : _method == WriteMethod.Auto ? "(by upsert while it costs fewer tokens than PATCH, else by PATCH)"
            : "(by upsert, verified by a read)";

        /// <summary>"record 3 (contact 12): by upsert, seen applied." or "... by PATCH (clears 'mobile')."</summary>
        private static string Report(WriteRecord record, UpsertWriteResult written)
        {
            var what = record.Outcome == RecordOutcome.Updated ? "updated" : record.Outcome.ToString().ToLowerInvariant();
            var way = written.Method == WriteMethod.Upsert ? "by upsert, seen applied"
                : written.FellBack ? "by PATCH after an upsert not applied (" + written.PatchReason + ")"
                : written.PatchReason != null ? "by PATCH (" + written.PatchReason + ")"
                : "by PATCH";
            return string.Format(CultureInfo.InvariantCulture, "{0}: {1} {2}; {3:0.#} tokens.", record.Describe(), what, way, written.Tokens);
        }
    }
}

using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Journal;
using Qomon.Client.Model;
using Qomon.Client.Undo;
using Qomon.Client.WriteShape;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Undo-QomonChange: each record of the run goes the way its journal line says. An update is merged back by
    /// the same path as Set-QomonContact (MergeOperation, ContactWriter: one read, then the PATCH of the contact as it
    /// is now with the run's fields put back, worked out by UndoPlanner from that read); a field changed since the
    /// run is a Qomon.Conflict error of its own, and the record's other fields still go back. A contact the run
    /// created is removed as Remove-QomonContact removes it (ConfirmImpact High: RemoveOperation asks), and one it
    /// removed is created again from its before image (CreateOperation), with a new id.
    /// </summary>
    internal sealed class UndoOperation : WriteOperation
    {
        private readonly Cmdlet _cmdlet;
        private readonly MergeOperation _merge;
        private readonly RemoveOperation _remove;
        private readonly CreateOperation _create;
        private readonly FormCatalog _forms;
        private readonly bool _force;
        private readonly ConcurrentDictionary<WriteRecord, UndoState> _states = new ConcurrentDictionary<WriteRecord, UndoState>();

        internal UndoOperation(Cmdlet cmdlet, MergeOperation merge, RemoveOperation remove, CreateOperation create, FormCatalog forms, bool force)
        {
            _cmdlet = cmdlet;
            _merge = merge;
            _remove = remove;
            _create = create;
            _forms = forms;
            _force = force;
        }

        /// <summary>The record that undoes one journaled record (pipeline thread, before it is submitted).</summary>
        internal WriteRecord NewRecord(int position, UndoItem item)
        {
            var record = new WriteRecord(position, item.ContactId) { Id = item.Action == UndoAction.Recreate ? (long?)null : item.ContactId };
            var state = new UndoState(item);
            _states[record] = state;
            switch (item.Action)
            {
                case UndoAction.PutBack:
                    // The undo as intended (the journal's intent and the fields its lines list); the write is planned from the read.
                    record.Changes = UndoPlanner.Intended(item.Record.Before!, item.Record.Fields);
                    record.JournalOp = JournalIntent.Update;
                    record.ChangesFromRead = current =>
                    {
                        state.Plan = UndoPlanner.Plan(item.Record.Before!, item.Record.Fields, current, _forms, _force);
                        return state.Plan.Changes;
                    };
                    break;
                case UndoAction.Recreate:
                    record.FullContact = ContactWriteShape.From(item.Record.Before!);
                    record.JournalOp = JournalIntent.Create;
                    break;
                default:
                    record.JournalOp = JournalIntent.Remove;
                    break;
            }
            return record;
        }

        internal override bool NeedsRead(WriteRecord record) =>
            Action(record) == UndoAction.PutBack || (Action(record) == UndoAction.Remove && _remove.NeedsRead(record));

        internal override async Task ReadAsync(WriteRecord record, CancellationToken cancellationToken)
        {
            if (Action(record) == UndoAction.Remove)
            {
                await _remove.ReadAsync(record, cancellationToken).ConfigureAwait(false);
                return;
            }
            await _merge.ReadAsync(record, cancellationToken).ConfigureAwait(false);
            var plan = _states[record].Plan;
            if (plan == null || plan.Conflicts.Count == 0) return;
            foreach (var conflict in plan.Conflicts) record.Errors.Add(WriteErrors.UndoConflict(record, conflict));
            // Every field the run changed was changed again since: nothing to write, and the record is a conflict.
            if (record.Outcome == RecordOutcome.Unchanged) record.Outcome = RecordOutcome.Conflict;
        }

        internal override bool Confirm(WriteRecord record)
        {
            switch (Action(record))
            {
                case UndoAction.Remove:
                    return _remove.Confirm(record);
                case UndoAction.Recreate:
                    return _create.Confirm(record);
            }
            foreach (var overwritten in _states[record].Plan?.Overwritten ?? Enumerable.Empty<UndoConflict>())
                _cmdlet.WriteVerbose(record.Describe() + ": " + overwritten + "; put back all the same (-Force).");
            var differences = record.Plan!.Differences;
            var target = ContactTarget.Describe(record.Id, record.Current);
            if (ChangePreview.ShouldProcess(_cmdlet, "Undo: put back " + ChangePreview.FieldNames(differences), target, differences)) return true;
            record.Outcome = RecordOutcome.Skipped;
            return false;
        }

        internal override Task WriteAsync(WriteRecord record, CancellationToken cancellationToken)
        {
            switch (Action(record))
            {
                case UndoAction.Remove:
                    return _remove.WriteAsync(record, cancellationToken);
                case UndoAction.Recreate:
                    return _create.WriteAsync(record, cancellationToken);
                default:
                    return _merge.WriteAsync(record, cancellationToken);
            }
        }

        private UndoAction Action(WriteRecord record) => _states[record].Item.Action;

        private sealed class UndoState
        {
            internal UndoState(UndoItem item) => Item = item;

            internal UndoItem Item { get; }

            /// <summary>Set from the read (a worker thread), read by the phases after it.</summary>
            internal volatile UndoPlan? Plan;
        }
    }
}

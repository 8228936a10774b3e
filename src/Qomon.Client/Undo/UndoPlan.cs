using System.Collections.Generic;
using Qomon.Client.Changes;

namespace Qomon.Client.Undo
{
    /// <summary>What undoing one record's write means for the contact as it is now (see UndoPlanner).</summary>
    public sealed class UndoPlan
    {
        internal UndoPlan(ContactChanges changes, IReadOnlyList<UndoConflict> conflicts, IReadOnlyList<UndoConflict> overwritten)
        {
            Changes = changes;
            Conflicts = conflicts;
            Overwritten = overwritten;
        }

        /// <summary>The fields to put back, to merge into the contact as it is now (ContactMerger): nothing else changes.</summary>
        public ContactChanges Changes { get; }

        /// <summary>Fields changed by someone else since the run: left as they are.</summary>
        public IReadOnlyList<UndoConflict> Conflicts { get; }

        /// <summary>With force: fields changed by someone else since the run that are put back all the same.</summary>
        public IReadOnlyList<UndoConflict> Overwritten { get; }
    }
}

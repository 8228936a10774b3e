using System;
using System.Collections.Generic;
using Qomon.Client.Changes;

namespace Qomon.Client.Undo
{
    /// <summary>
    /// The one rule every field of an undo follows, whatever its kind: a field that holds its value from before
    /// the run needs nothing; one that still holds what the run wrote is put back; one that holds anything else was
    /// changed by someone after the run and is left alone as a conflict, unless forced.
    /// </summary>
    internal sealed class UndoDecision
    {
        private readonly bool _force;
        private readonly List<UndoConflict> _conflicts = new List<UndoConflict>();
        private readonly List<UndoConflict> _overwritten = new List<UndoConflict>();

        internal UndoDecision(bool force) => _force = force;

        internal ContactChanges Changes { get; } = new ContactChanges();

        internal void Decide(bool holdsBefore, bool holdsWritten, Func<UndoConflict> describe, Action<ContactChanges> putBack)
        {
            if (holdsBefore) return;
            if (!holdsWritten)
            {
                var conflict = describe();
                if (!_force)
                {
                    _conflicts.Add(conflict);
                    return;
                }
                _overwritten.Add(conflict);
            }
            putBack(Changes);
        }

        internal UndoPlan ToPlan() => new UndoPlan(Changes, _conflicts, _overwritten);
    }
}

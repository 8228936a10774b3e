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
        private readonly bool _everything;
        private readonly List<UndoConflict> _conflicts = new List<UndoConflict>();
        private readonly List<UndoConflict> _overwritten = new List<UndoConflict>();

        /// <param name="everything">Put back every field whatever it holds: the undo as intended, before any read (see UndoPlanner.Intended).</param>
        internal UndoDecision(bool force, bool everything = false)
        {
            _force = force;
            _everything = everything;
        }

        internal ContactChanges Changes { get; } = new ContactChanges();

        internal void Decide(bool holdsBefore, bool holdsWritten, Func<UndoConflict> describe, Action<ContactChanges> putBack)
        {
            if (_everything)
            {
                putBack(Changes);
                return;
            }
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

        /// <summary>A tag is there or not: it holds its value from before the run, or what the run wrote; never a conflict.</summary>
        internal void DecideTag(string name, bool hadBefore, bool hasNow)
        {
            if (hasNow == hadBefore && !_everything) return;
            if (hadBefore) Changes.AddTag(name);
            else Changes.RemoveTag(name);
        }

        internal UndoPlan ToPlan() => new UndoPlan(Changes, _conflicts, _overwritten);
    }
}

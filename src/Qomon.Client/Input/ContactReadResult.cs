using System;
using System.Collections.Generic;
using Qomon.Client.Changes;

namespace Qomon.Client.Input
{
    /// <summary>What ContactChangesReader found in one record. When Problems is not empty, nothing may be written for it.</summary>
    public sealed class ContactReadResult
    {
        internal ContactReadResult(ContactChanges changes, long? id, DateTimeOffset? updatedAt, IReadOnlyList<InputProblem> problems, BlankCells blanks)
        {
            Changes = changes;
            Id = id;
            UpdatedAt = updatedAt;
            Problems = problems;
            Blanks = blanks;
        }

        public ContactChanges Changes { get; }

        /// <summary>The contact id from Id, id or ContactId.</summary>
        public long? Id { get; }

        /// <summary>The UpdatedAt the input carried (a piped contact): the state the caller saw, for the conflict check.</summary>
        public DateTimeOffset? UpdatedAt { get; }

        public IReadOnlyList<InputProblem> Problems { get; }

        /// <summary>Fields (as the caller named them) whose empty value was taken as "no change".</summary>
        public IReadOnlyList<string> SkippedEmpty => Blanks.Names;

        /// <summary>The same, with what -ClearEmpty would have done with each.</summary>
        public BlankCells Blanks { get; }

        public bool IsValid => Problems.Count == 0;
    }
}

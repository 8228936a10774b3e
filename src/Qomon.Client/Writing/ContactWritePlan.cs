using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Budget;
using Qomon.Client.Changes;
using Qomon.Client.Merge;

namespace Qomon.Client.Writing
{
    /// <summary>
    /// A merge worked out from a fresh read, waiting to be committed (after a confirmation, say). It holds the
    /// record's write tokens, set aside with its read: dispose a plan that will not be committed, so that they go
    /// back to the budget.
    /// </summary>
    public sealed class ContactWritePlan : IDisposable
    {
        private TokenReservation? _reservation;

        internal ContactWritePlan(ContactMergeRequest request, JsonObject? current, long readAt, MergeResult? merge,
            ContactWriteResult? settled, TokenReservation? reservation)
        {
            Request = request;
            Current = current;
            ReadAt = readAt;
            Merge = merge;
            Settled = settled;
            _reservation = settled == null ? reservation : null;
            if (settled != null) reservation?.Dispose();
        }

        public ContactMergeRequest Request { get; }

        /// <summary>The contact as read for this plan; null when the read failed.</summary>
        public JsonObject? Current { get; }

        /// <summary>The outcome already known from the read (unchanged, conflict, failed); null when a write is due.</summary>
        public ContactWriteResult? Settled { get; }

        public bool NeedsWrite => Settled == null;

        /// <summary>What the write would change, field by field (empty unless a write is due).</summary>
        public IReadOnlyList<FieldChange> Differences => Merge?.Differences ?? (IReadOnlyList<FieldChange>)Array.Empty<FieldChange>();

        internal MergeResult? Merge { get; }

        /// <summary>TimeProvider timestamp of the read, to tell when it is too old to write from.</summary>
        internal long ReadAt { get; }

        /// <summary>Hands the reservation to the commit (once).</summary>
        internal TokenReservation? TakeReservation()
        {
            var reservation = _reservation;
            _reservation = null;
            return reservation;
        }

        public void Dispose() => TakeReservation()?.Dispose();
    }
}

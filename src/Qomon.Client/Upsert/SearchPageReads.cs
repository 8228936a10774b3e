using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Json;
using Qomon.Client.Search;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// Reads upserted contacts back in batches: the records that ask within a short gathering window share one search
    /// page of the contacts whose UpdatedAt is at or after the earliest of their upserts (an applied upsert moves
    /// UpdatedAt). One page costs one token however many contacts it carries, against one token per GET. A contact the
    /// page does not hold reads as null (not yet: the index has not caught up, or Qomon dropped it), but only when the
    /// page was not full; a full page may have left it out, and the contact is read by GET instead. A record still
    /// unseen after <see cref="PageReadsFor"/> is read by GET too: its page would span every contact written since.
    /// </summary>
    internal sealed class SearchPageReads
    {
        public const int PageSize = 1000;
        private const string SearchRoute = "POST /search";

        // Long enough for records sent together to meet in one page, short against the seconds an upsert takes to show.
        private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

        // The server stamps UpdatedAt by its own clock: a margin keeps a small skew from hiding an applied upsert.
        private static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(5);

        /// <summary>
        /// How long after its upsert a record is still read by page. A page spans every contact written since the
        /// oldest upsert it reads for, so one late record (most are dropped ones) would make every page it joins
        /// cover far more than 1,000 contacts; past this age a GET (1 token) reads it alone.
        /// </summary>
        public static readonly TimeSpan PageReadsFor = TimeSpan.FromSeconds(8);

        private readonly QomonClient _client;
        private readonly Budget.CostTable _costs;
        private readonly TimeProvider _time;
        private readonly Func<long, CancellationToken, Task<ReadBack>> _readOne;
        private readonly Http.RequestSlots? _slots;
        private readonly object _gate = new object();
        private List<Waiter> _waiting = new List<Waiter>();
        private bool _flushScheduled;

        /// <param name="readOne">Reads one contact by GET, for a record the page cannot vouch for.</param>
        /// <param name="slots">The run's request slots, if any: the page request takes one.</param>
        public SearchPageReads(QomonClient client, Budget.CostTable costs, TimeProvider time, Func<long, CancellationToken, Task<ReadBack>> readOne, Http.RequestSlots? slots)
        {
            _client = client;
            _costs = costs;
            _time = time;
            _readOne = readOne;
            _slots = slots;
        }

        public Task<ReadBack> ReadAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            if (_time.GetUtcNow() - sentAt > PageReadsFor) return _readOne(id, cancellationToken);
            var waiter = new Waiter(id, sentAt);
            bool schedule;
            lock (_gate)
            {
                _waiting.Add(waiter);
                schedule = !_flushScheduled;
                _flushScheduled = true;
            }
            if (schedule) _ = FlushSoonAsync();
            if (cancellationToken.CanBeCanceled) cancellationToken.Register(() => waiter.Answer.TrySetCanceled());
            return waiter.Answer.Task;
        }

        private async Task FlushSoonAsync()
        {
            await _time.Delay(Gather).ConfigureAwait(false);
            List<Waiter> batch;
            lock (_gate)
            {
                batch = _waiting;
                _waiting = new List<Waiter>();
                _flushScheduled = false;
            }
            var since = batch[0].SentAt;
            foreach (var waiter in batch) if (waiter.SentAt < since) since = waiter.SentAt;

            var byId = new Dictionary<long, JsonObject>();
            var full = false;
            try
            {
                var query = ContactQuery.WithUpdatedSince(null, ContactQuery.UpdatedSince(since - ClockMargin));
                var rows = _slots == null
                    ? await SearchAsync(query).ConfigureAwait(false)
                    : await _slots.RunAsync(() => SearchAsync(query), CancellationToken.None).ConfigureAwait(false);
                full = rows.Count >= PageSize;
                foreach (var row in rows)
                {
                    if (JsonRead.TryGetLong(row["id"], out var id)) byId[id] = row;
                }
            }
            catch (QomonApiException e)
            {
                Diagnostics.QomonLog.Current.Verbose("Reading upserted contacts back by search failed (" + e.Message + "); they are read again later.");
            }
            catch (Exception e)
            {
                foreach (var waiter in batch) waiter.Answer.TrySetException(e);
                return;
            }
            var share = _costs.Estimate(SearchRoute) / batch.Count;
            foreach (var waiter in batch)
            {
                if (byId.TryGetValue(waiter.Id, out var contact)) waiter.Answer.TrySetResult(new ReadBack(contact, share));
                else if (full) _ = ReadAloneAsync(waiter, share);
                else waiter.Answer.TrySetResult(new ReadBack(null, share));
            }
        }

        private Task<IReadOnlyList<JsonObject>> SearchAsync(JsonObject query) =>
            _client.SearchPageAsync(query, 0, PageSize, null, false, CancellationToken.None);

        // A full page may have left the contact out: absent from it says nothing, so it is read alone.
        private async Task ReadAloneAsync(Waiter waiter, double share)
        {
            try
            {
                var read = await _readOne(waiter.Id, CancellationToken.None).ConfigureAwait(false);
                waiter.Answer.TrySetResult(new ReadBack(read.Contact, read.Tokens + share));
            }
            catch (Exception e) { waiter.Answer.TrySetException(e); }
        }

        private sealed class Waiter
        {
            public Waiter(long id, DateTimeOffset sentAt)
            {
                Id = id;
                SentAt = sentAt;
            }

            public long Id { get; }
            public DateTimeOffset SentAt { get; }
            public TaskCompletionSource<ReadBack> Answer { get; } = new TaskCompletionSource<ReadBack>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

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
    /// page does not hold (the index has not caught up, or more than a page changed meanwhile) reads as null: not yet.
    /// </summary>
    internal sealed class SearchPageReads
    {
        public const int PageSize = 1000;
        private const string SearchRoute = "POST /search";

        // Long enough for records sent together to meet in one page, short against the seconds an upsert takes to show.
        private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

        // The server stamps UpdatedAt by its own clock: a margin keeps a small skew from hiding an applied upsert.
        private static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(10);

        private readonly QomonClient _client;
        private readonly Budget.CostTable _costs;
        private readonly TimeProvider _time;
        private readonly object _gate = new object();
        private List<Waiter> _waiting = new List<Waiter>();
        private bool _flushScheduled;

        public SearchPageReads(QomonClient client, Budget.CostTable costs, TimeProvider time)
        {
            _client = client;
            _costs = costs;
            _time = time;
        }

        public Task<ReadBack> ReadAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
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
            try
            {
                var query = ContactQuery.WithUpdatedSince(null, ContactQuery.UpdatedSince(since - ClockMargin));
                var rows = await _client.SearchPageAsync(query, 0, PageSize, null, false, CancellationToken.None).ConfigureAwait(false);
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
                waiter.Answer.TrySetResult(new ReadBack(byId.TryGetValue(waiter.Id, out var contact) ? contact : null, share));
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

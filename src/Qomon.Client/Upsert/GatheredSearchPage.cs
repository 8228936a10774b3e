using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Search;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// One POST /search page shared by every record that asks within a gathering window (from the first ask): the
    /// contacts whose UpdatedAt is at or after the earliest moment asked. One page costs one token however many
    /// contacts it carries (up to 1,000), against one token per GET, so records sent together learn about their
    /// contacts for a share of a token each. The window is the caller's: how long its records can wait, against how
    /// many records a page should serve at Qomon's pace. A failed search answers every record with a page that holds
    /// nothing (Answered false).
    /// </summary>
    internal sealed class GatheredSearchPage
    {
        public const int PageSize = 1000;
        private const string SearchRoute = "POST /search";

        // The server stamps UpdatedAt by its own clock: a margin keeps a small skew from hiding a change.
        private static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(5);

        private readonly QomonClient _client;
        private readonly Budget.CostTable _costs;
        private readonly TimeProvider _time;
        private readonly Action<QomonApiException> _onFailure;
        private readonly Http.RequestSlots _slots;
        private readonly TimeSpan _gather;
        private readonly object _gate = new object();
        private List<Asker> _waiting = new List<Asker>();
        private bool _flushScheduled;

        /// <param name="onFailure">Says (in -Verbose) what a failed search means for the records that asked.</param>
        /// <param name="gather">How long after the first ask the page is requested, for the askers gathered by then.</param>
        /// <param name="slots">The run's request slots, if any: the page request takes one.</param>
        public GatheredSearchPage(QomonClient client, Budget.CostTable costs, TimeProvider time, TimeSpan gather, Action<QomonApiException> onFailure, Http.RequestSlots? slots = null)
        {
            if (gather < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(gather));
            _gather = gather;
            _slots = slots ?? Http.RequestSlots.Unlimited;
            _client = client;
            _costs = costs;
            _time = time;
            _onFailure = onFailure;
        }

        /// <summary>The contacts changed at or after since (less a margin for clock skew), as one page shared with the other askers.</summary>
        public Task<ChangedContacts> AskAsync(DateTimeOffset since, CancellationToken cancellationToken)
        {
            var asker = new Asker(since);
            bool schedule;
            lock (_gate)
            {
                _waiting.Add(asker);
                schedule = !_flushScheduled;
                _flushScheduled = true;
            }
            if (schedule) _ = FlushSoonAsync();
            if (cancellationToken.CanBeCanceled) cancellationToken.Register(() => asker.Answer.TrySetCanceled());
            return asker.Answer.Task;
        }

        private async Task FlushSoonAsync()
        {
            await _time.Delay(_gather).ConfigureAwait(false);
            List<Asker> batch;
            lock (_gate)
            {
                batch = _waiting;
                _waiting = new List<Asker>();
                _flushScheduled = false;
            }
            var since = batch[0].Since;
            foreach (var asker in batch) if (asker.Since < since) since = asker.Since;

            var share = _costs.Estimate(SearchRoute) / batch.Count;
            ChangedContacts page;
            try
            {
                var query = ContactQuery.WithUpdatedSince(null, ContactQuery.UpdatedSince(since - ClockMargin));
                var rows = await _slots.RunAsync(() => SearchAsync(query), CancellationToken.None).ConfigureAwait(false);
                page = ChangedContacts.From(rows, PageSize, share);
            }
            catch (QomonApiException e)
            {
                _onFailure(e);
                page = ChangedContacts.Failed(share);
            }
            catch (Exception e)
            {
                foreach (var asker in batch) asker.Answer.TrySetException(e);
                return;
            }
            foreach (var asker in batch) asker.Answer.TrySetResult(page);
        }

        private Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> SearchAsync(System.Text.Json.Nodes.JsonObject query) =>
            _client.SearchPageAsync(query, 0, PageSize, null, false, CancellationToken.None);

        private sealed class Asker
        {
            public Asker(DateTimeOffset since) => Since = since;

            public DateTimeOffset Since { get; }
            public TaskCompletionSource<ChangedContacts> Answer { get; } = new TaskCompletionSource<ChangedContacts>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

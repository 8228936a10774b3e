using System;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Http;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// Reads upserted contacts back in batches: the records that ask together share one search page of the contacts
    /// whose UpdatedAt is at or after the earliest of their upserts (an applied upsert moves UpdatedAt). A contact the
    /// page does not hold reads as null (not yet: the index has not caught up, or Qomon dropped it), but only when the
    /// page was not full; a full page may have left it out, and the contact is read by GET instead. A record still
    /// unseen after <see cref="PageReadsFor"/> is read by GET too: its page would span every contact written since.
    /// </summary>
    internal sealed class SearchPageReads
    {
        /// <summary>
        /// How long after its upsert a record is still read by page. A page spans every contact written since the
        /// oldest upsert it reads for, so one late record (most are dropped ones) would make every page it joins
        /// cover far more than 1,000 contacts; past this age a GET (1 token) reads it alone.
        /// </summary>
        public static readonly TimeSpan PageReadsFor = TimeSpan.FromSeconds(8);

        /// <summary>
        /// How long a verification page gathers readers. A record's first read comes 4.5 s after its upsert anyway, so
        /// waiting is cheap; at Qomon's refill records are sent about 5 a second, and a 250 ms window gathered about 3
        /// per page (0.34 tokens per record, bench/results/2026-12-03-0615-upsert-real-budget.md). Short enough that a
        /// record's second read, 2 s after its first ask, still comes by page before PageReadsFor.
        /// </summary>
        public static readonly TimeSpan Gather = TimeSpan.FromSeconds(1.5);

        private readonly GatheredSearchPage _page;
        private readonly TimeProvider _time;
        private readonly Func<long, CancellationToken, Task<ReadBack>> _readOne;

        /// <param name="readOne">Reads one contact by GET, for a record the page cannot vouch for.</param>
        /// <param name="slots">The run's request slots, if any: the page request takes one.</param>
        public SearchPageReads(QomonClient client, Budget.CostTable costs, TimeProvider time, Func<long, CancellationToken, Task<ReadBack>> readOne, RequestSlots? slots)
        {
            _time = time;
            _readOne = readOne;
            _page = new GatheredSearchPage(client, costs, time, Gather, e =>
                Diagnostics.QomonLog.Current.Verbose("Reading upserted contacts back by search failed (" + e.Message + "); they are read again later."), slots);
        }

        public async Task<ReadBack> ReadAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            if (_time.GetUtcNow() - sentAt > PageReadsFor) return await _readOne(id, cancellationToken).ConfigureAwait(false);
            var page = await _page.AskAsync(sentAt, cancellationToken).ConfigureAwait(false);
            if (page.Find(id) is System.Text.Json.Nodes.JsonObject contact) return new ReadBack(contact, page.TokenShare);
            if (!page.IsFull) return new ReadBack(null, page.TokenShare);
            // A full page may have left the contact out: absent from it says nothing, so it is read alone.
            var alone = await _readOne(id, cancellationToken).ConfigureAwait(false);
            return new ReadBack(alone.Contact, alone.Tokens + page.TokenShare);
        }
    }
}

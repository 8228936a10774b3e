using System;
using System.Threading;
using System.Threading.Tasks;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// Reads upserted contacts back in batches: the records that ask together share one search page of the contacts
    /// whose UpdatedAt is at or after the earliest of their upserts (an applied upsert moves UpdatedAt). A contact the
    /// page does not hold (the index has not caught up, or more than a page changed meanwhile) reads as null: not yet.
    /// </summary>
    internal sealed class SearchPageReads
    {
        private readonly GatheredSearchPage _page;

        public SearchPageReads(QomonClient client, Budget.CostTable costs, TimeProvider time)
        {
            _page = new GatheredSearchPage(client, costs, time, e =>
                Diagnostics.QomonLog.Current.Verbose("Reading upserted contacts back by search failed (" + e.Message + "); they are read again later."));
        }

        public async Task<ReadBack> ReadAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            var page = await _page.AskAsync(sentAt, cancellationToken).ConfigureAwait(false);
            return new ReadBack(page.Find(id), page.TokenShare);
        }
    }
}

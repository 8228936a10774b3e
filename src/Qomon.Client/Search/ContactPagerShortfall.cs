using System;

namespace Qomon.Client.Search
{
    /// <summary>
    /// A whole read against Qomon's counts. A contact is missing when it matched the search when the read began and
    /// still matches when it ended, yet no page returned it. Counts cannot name it, but they bound how many: at most
    /// min(start, end) contacts matched throughout, so fewer returned than that means some were missed (a contact
    /// changed without a new lastchange, such as by an upsert, can slip by while it does not match). Fewer than the
    /// start count alone means contacts were deleted or stopped matching during the read, which loses nothing.
    /// Counts are of the server's search, before any exact filter, and so is <see cref="Returned"/>.
    /// </summary>
    public sealed class ContactPagerShortfall
    {
        public ContactPagerShortfall(long returned, long countedAtStart, long? countedAtEnd)
        {
            Returned = returned;
            CountedAtStart = countedAtStart;
            CountedAtEnd = countedAtEnd;
        }

        /// <summary>Distinct contacts the server returned.</summary>
        public long Returned { get; }

        /// <summary>Qomon's count (POST /kpi) beside the first page.</summary>
        public long CountedAtStart { get; }

        /// <summary>Qomon's count after the last page; null when it was not needed (nothing short) or could not be had.</summary>
        public long? CountedAtEnd { get; }

        /// <summary>At most this many contacts matched from start to end (the start count when the end one is unknown).</summary>
        public long MatchedThroughout => CountedAtEnd is long end ? Math.Min(CountedAtStart, end) : CountedAtStart;

        /// <summary>How many contacts that matched throughout were not returned, at least; 0 when the counts account for all.</summary>
        public long Missed => Math.Max(0, MatchedThroughout - Returned);

        /// <summary>Fewer returned than counted at the start, all accounted for by contacts that stopped matching or were deleted.</summary>
        public long Left => Math.Max(0, CountedAtStart - Returned - Missed);
    }
}

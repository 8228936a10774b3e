using System;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// When to read an upserted contact back, and how long to wait for it. Qomon applies an upsert about 2 s after
    /// its 202 and the search index lags behind that, so the first read waits; the wait is bounded because a dropped
    /// record never shows, and the record then goes by PATCH, which answers Qomon's real reason if a value is wrong.
    /// </summary>
    public sealed class UpsertWaitPolicy
    {
        public UpsertWaitPolicy(TimeSpan firstReadAfter, TimeSpan readEvery, TimeSpan giveUpAfter)
        {
            if (firstReadAfter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(firstReadAfter));
            if (readEvery <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(readEvery));
            if (giveUpAfter < firstReadAfter) throw new ArgumentOutOfRangeException(nameof(giveUpAfter), "The wait must leave room for the first read.");
            FirstReadAfter = firstReadAfter;
            ReadEvery = readEvery;
            GiveUpAfter = giveUpAfter;
        }

        /// <summary>
        /// 2.5 s after sending, then every 2 s, for at most 20 s: Qomon's observed 2 s apply delay plus a margin, and
        /// well within the 30 s after which Trellis calls an upsert lost, so that a late upsert rarely lands after
        /// its PATCH fallback (where it would add a note or free-text answer a second time).
        /// </summary>
        public static UpsertWaitPolicy Default { get; } = new UpsertWaitPolicy(TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));

        /// <summary>
        /// For reads by search page: the first read 4.5 s after sending, as the index lags about 2 s behind the write
        /// (observed), then every 2 s, for at most 20 s.
        /// </summary>
        public static UpsertWaitPolicy ForSearch { get; } = new UpsertWaitPolicy(TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));

        public TimeSpan FirstReadAfter { get; }
        public TimeSpan ReadEvery { get; }
        public TimeSpan GiveUpAfter { get; }

        /// <summary>When to read next: the first read after FirstReadAfter, then every ReadEvery, never past the give-up time.</summary>
        public DateTimeOffset NextReadAt(DateTimeOffset sentAt, DateTimeOffset? lastReadAt)
        {
            var next = lastReadAt.HasValue ? lastReadAt.Value + ReadEvery : sentAt + FirstReadAfter;
            if (next < sentAt + FirstReadAfter) next = sentAt + FirstReadAfter;
            var last = sentAt + GiveUpAfter;
            return next > last ? last : next;
        }

        /// <summary>
        /// The verification rule. read is the contact as a GET or a search page row shows it (null when it is not
        /// there: a search index that has not caught up, or a page that does not hold it); readAt is when that read
        /// was sent, so a read sent in time counts even if its answer comes late.
        /// </summary>
        public UpsertVerdict Judge(UpsertExpectation expectation, System.Text.Json.Nodes.JsonObject? read, DateTimeOffset sentAt, DateTimeOffset readAt)
        {
            if (expectation == null) throw new ArgumentNullException(nameof(expectation));
            if (read != null && expectation.IsMetBy(read)) return UpsertVerdict.Applied;
            return readAt - sentAt >= GiveUpAfter ? UpsertVerdict.FallBackToPatch : UpsertVerdict.NotYetApplied;
        }
    }
}

using System;
using System.Text.Json.Nodes;

namespace Qomon.Client.Search
{
    /// <summary>What a <see cref="ContactPager"/> reads: the search, how much of it, and in which pages.</summary>
    public sealed class ContactPagerOptions
    {
        public const int MaxPageSize = 1000;

        // -All holds the page being written and the next one in memory; pages of 200 keep a 50,000-contact read
        // within 1.3 times the memory of a 5,000-contact one (pages of 1000 need several hundred MB more), for
        // 1 token per 200 contacts instead of per 1000: a full read still costs a few seconds of budget.
        public const int StreamingPageSize = 200;

        /// <summary>The two-level query tree ({"$all":[]} for every contact).</summary>
        public JsonObject Query { get; set; } = QueryTree.MatchAll();

        /// <summary>The exact client-side check of -Filter; null when every contact the server returns matches.</summary>
        public Func<JsonObject, bool>? ExactMatch { get; set; }

        /// <summary>Every page (-All); otherwise one page, or as many as -First needs.</summary>
        public bool All { get; set; }

        /// <summary>Contacts per request, 1 to 1000; null for the default (see <see cref="EffectivePageSize"/>).</summary>
        public int? PageSize { get; set; }

        /// <summary>-Skip: matching contacts to pass over.</summary>
        public ulong Skip { get; set; }

        /// <summary>-First: matching contacts to return at most; ulong.MaxValue for no limit.</summary>
        public ulong First { get; set; } = ulong.MaxValue;

        /// <summary>
        /// Ask Qomon's count (POST /kpi, 1 token) beside the first page: for progress, and, when the whole result is
        /// read, to check at the end that no contact that matched throughout was missed.
        /// </summary>
        public bool CountAtStart { get; set; }

        /// <summary>More than one page may be read: -All, or -First.</summary>
        public bool ReadsSeveralPages => All || First != ulong.MaxValue;

        /// <summary>The whole result, nothing skipped or cut: the reads that can be checked against the count.</summary>
        public bool ReadsWholeResult => All && Skip == 0 && First == ulong.MaxValue;

        /// <summary>
        /// -PageSize when given; else 200 with -All (memory stays flat), else just enough for -First and -Skip when
        /// every contact returned counts (no -Filter), else the API's maximum of 1000.
        /// </summary>
        public int EffectivePageSize
        {
            get
            {
                if (PageSize is int given)
                {
                    if (given < 1 || given > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(PageSize), given, "A page holds 1 to 1000 contacts.");
                    return given;
                }
                if (All) return StreamingPageSize;
                if (First != ulong.MaxValue && ExactMatch == null)
                    return First >= MaxPageSize || Skip >= MaxPageSize ? MaxPageSize : (int)Math.Min(MaxPageSize, Math.Max(1, First + Skip));
                return MaxPageSize;
            }
        }
    }
}

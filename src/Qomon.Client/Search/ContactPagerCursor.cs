using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.Client.Search
{
    /// <summary>
    /// Where the pager's next request starts. Qomon's pages are offsets into a live result sorted by lastchange, and
    /// every write moves a contact to its end, so offsets shift under a long read. The cursor pages by key instead:
    /// each request is the query AND lastchange ≥ the last lastchange seen, page 0. A contact written meanwhile
    /// moves past the cursor and is seen again (the pager emits it once); one not yet read keeps its place or moves
    /// ahead, so nothing that matches throughout is passed over.
    /// <para>
    /// A page that holds one lastchange only (a bulk import: a tie group longer than a page) cannot move the cursor,
    /// so the group is read by offset (query AND lastchange ≥ v, pages 0, 1, …) until a page reaches past it. Offsets
    /// shift inside the group too when its contacts are written (they leave it; none join, since a write takes the
    /// present time), so the group is read again, pass after pass, until a pass finds nothing new and sees again
    /// every member the pass before saw: a member missed in both passes would need a member seen in the first to
    /// leave during it, and that member would then be missing from the second. Then the cursor moves to v + 1 ms.
    /// </para>
    /// </summary>
    internal sealed class ContactPagerCursor
    {
        // Passes over one tie group before the pager gives up on it settling (a server whose order inside a tie
        // changes from request to request): the read goes on, and the count at the end says whether it lost any.
        internal const int MaxTiePasses = 50;

        private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
        private TieGroup? _tie;

        public ContactPagerCursor(int firstPage) => Page = firstPage;

        /// <summary>The lower bound on lastchange of the next request; null for the query alone.</summary>
        public DateTimeOffset? From { get; private set; }

        /// <summary>The 0-based page of the next request.</summary>
        public int Page { get; private set; }

        /// <summary>True once a page came back short outside a tie group: the result is read to its end.</summary>
        public bool Finished { get; private set; }

        /// <summary>Tie groups given up on after <see cref="MaxTiePasses"/> passes.</summary>
        public int UnsettledTieGroups { get; private set; }

        /// <summary>The query of the next request: the caller's, AND lastchange ≥ From.</summary>
        public JsonObject QueryFor(JsonObject query) =>
            From is DateTimeOffset from
                ? QueryTree.And(query, QueryTree.Condition(ContactPagerKeys.LastChangeKey, SearchOperators.Gte, JsonValue.Create(QomonDate.FormatForWrite(from))))
                : query;

        /// <summary>Moves on after a page: its contacts' keys in page order, whether each was new to the read, and whether the page was full.</summary>
        public void Advance(IReadOnlyList<ContactPagerKeys> keys, IReadOnlyList<bool> isNew, bool full)
        {
            if (_tie != null)
            {
                AdvanceInTie(keys, isNew, full);
                return;
            }
            if (!full || keys.Count == 0)
            {
                Finished = true;
                return;
            }
            Range(keys, out var lowest, out var highest);
            if (lowest != highest)
            {
                From = highest;
                Page = 0;
                return;
            }
            _tie = new TieGroup(lowest);
            if (Page == 0)
            {
                // Page 0 of "≥ From" that starts at v is page 0 of "≥ v": it is the first page of the first pass.
                From = lowest;
                AdvanceInTie(keys, isNew, full);
                return;
            }
            From = lowest; // reached by an offset (-Skip): read the group from its start
            Page = 0;
        }

        private void AdvanceInTie(IReadOnlyList<ContactPagerKeys> keys, IReadOnlyList<bool> isNew, bool full)
        {
            var tie = _tie!;
            var reachesPast = false;
            for (var i = 0; i < keys.Count; i++)
            {
                if (keys[i].LastChange == tie.Value) tie.Saw(keys[i].Id, isNew[i]);
                else if (keys[i].LastChange > tie.Value) reachesPast = true;
            }
            if (full && !reachesPast)
            {
                Page++;
                return;
            }
            if (tie.PassSettles() || tie.Passes >= MaxTiePasses)
            {
                if (!tie.PassSettles()) UnsettledTieGroups++;
                _tie = null;
                From = tie.Value + Millisecond;
                Page = 0;
                return;
            }
            tie.StartPass();
            Page = 0;
        }

        private static void Range(IReadOnlyList<ContactPagerKeys> keys, out DateTimeOffset lowest, out DateTimeOffset highest)
        {
            lowest = highest = keys[0].LastChange;
            foreach (var key in keys)
            {
                if (key.LastChange < lowest) lowest = key.LastChange;
                if (key.LastChange > highest) highest = key.LastChange;
            }
        }

        /// <summary>The members of one lastchange seen by the current pass and by the pass before.</summary>
        private sealed class TieGroup
        {
            private HashSet<long> _previous = new HashSet<long>();
            private HashSet<long> _current = new HashSet<long>();
            private bool _foundNew;

            public TieGroup(DateTimeOffset value) => Value = value;

            public DateTimeOffset Value { get; }
            public int Passes { get; private set; } = 1;

            public void Saw(long id, bool isNew)
            {
                _current.Add(id);
                _foundNew |= isNew;
            }

            /// <summary>Nothing new, and every member the pass before saw was seen again: no member can have been passed over.</summary>
            public bool PassSettles() => Passes >= 2 && !_foundNew && _previous.IsSubsetOf(_current);

            public void StartPass()
            {
                _previous = _current;
                _current = new HashSet<long>();
                _foundNew = false;
                Passes++;
            }
        }
    }
}

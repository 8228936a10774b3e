using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Qomon.Client.Search
{
    /// <summary>
    /// Reads a contact search page by page (POST /search, sorted by lastchange, oldest first) and hands back the
    /// contacts to write: each contact once, only exact matches of the filter, within -Skip and -First. Pages are
    /// asked by key (<see cref="ContactPagerCursor"/>), so a read that writes to the contacts it reads (Get | Set),
    /// or runs beside another client that does, returns every contact that matched at its start and still matches
    /// at its end exactly once. Memory holds the ids seen (8 bytes each), never the pages.
    /// <para>
    /// A pull API: the caller asks for the next page when it wants it, typically right after receiving one, so that
    /// the next request is on its way while the caller writes this page's contacts. One call at a time.
    /// </para>
    /// </summary>
    public sealed class ContactPager
    {
        public const string SortAttribute = "lastchange";

        private readonly QomonClient _client;
        private readonly ContactPagerOptions _options;
        private readonly PagingWindow _window;
        private readonly ContactPagerCursor _cursor;
        private readonly HashSet<long> _seen = new HashSet<long>();
        private Task<long>? _countAtStart;
        private int _busy;

        public ContactPager(QomonClient client, ContactPagerOptions options)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.Query == null) throw new ArgumentException("The options need a query.", nameof(options));
            PageSize = options.EffectivePageSize;
            _window = new PagingWindow(options.Skip, options.First);
            var firstPage = 0;
            if (options.ExactMatch == null && options.Skip >= (ulong)PageSize)
            {
                // Without a client-side filter every contact counts toward -Skip, so whole pages need not be fetched.
                firstPage = (int)Math.Min(int.MaxValue, options.Skip / (ulong)PageSize);
                _window.Skipped((ulong)firstPage * (ulong)PageSize);
            }
            _cursor = new ContactPagerCursor(firstPage);
            Finished = _window.Full; // -First 0: nothing is wanted, so nothing will be fetched
        }

        /// <summary>Contacts per request.</summary>
        public int PageSize { get; }

        /// <summary>True once no further page will be read (the end of the result, -First reached, or the one page read).</summary>
        public bool Finished { get; private set; }

        /// <summary>A single-page read (no -All, no -First) whose page was full: more contacts may match.</summary>
        public bool MoreMayMatch { get; private set; }

        /// <summary>Distinct contacts the server returned so far, before the exact filter.</summary>
        public long Returned { get; private set; }

        /// <summary>Requests sent so far.</summary>
        public int Requests { get; private set; }

        /// <summary>Qomon's count when the read began (with CountAtStart), once it has arrived.</summary>
        public long? CountedAtStart =>
            _countAtStart != null && _countAtStart.Status == TaskStatus.RanToCompletion ? _countAtStart.Result : (long?)null;

        /// <summary>After a whole read (with CountAtStart): what it returned against Qomon's counts; null before the end.</summary>
        public ContactPagerShortfall? Check { get; private set; }

        /// <summary>
        /// The next page's contacts to write (possibly none, when a page held only contacts already returned or not
        /// matching), or null when the read is over. A failed request throws its QomonApiException, and so does a
        /// page with a contact that has no id or lastchange: the read cannot go on without losing contacts.
        /// </summary>
        public async Task<IReadOnlyList<JsonObject>?> NextPageAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _busy, 1) == 1) throw new InvalidOperationException("A page is already being read; await it before asking for the next.");
            try
            {
                if (Finished) return null;
                if (_options.CountAtStart && _countAtStart == null) _countAtStart = StartCount(cancellationToken);
                var contacts = await _client.SearchPageAsync(_cursor.QueryFor(_options.Query), _cursor.Page, PageSize, SortAttribute, true, cancellationToken)
                    .ConfigureAwait(false);
                Requests++;
                var full = contacts.Count >= PageSize;
                var page = Take(contacts, out var keys, out var isNew);
                _cursor.Advance(keys, isNew, full);
                if (!_options.ReadsSeveralPages)
                {
                    MoreMayMatch = full;
                    Finished = true;
                }
                if (_window.Full || _cursor.Finished) Finished = true;
                if (_cursor.Finished && _options.ReadsWholeResult && _options.CountAtStart)
                    Check = await CheckAsync(cancellationToken).ConfigureAwait(false);
                return page;
            }
            finally
            {
                Interlocked.Exchange(ref _busy, 0);
            }
        }

        /// <summary>Tie groups (one lastchange over more than a page) whose order never settled: see ContactPagerCursor.</summary>
        public int UnsettledTieGroups => _cursor.UnsettledTieGroups;

        private List<JsonObject> Take(IReadOnlyList<JsonObject> contacts, out ContactPagerKeys[] keys, out bool[] isNew)
        {
            // Every key is read before any contact is taken: a page that fails, fails whole.
            keys = new ContactPagerKeys[contacts.Count];
            for (var i = 0; i < contacts.Count; i++) keys[i] = ContactPagerKeys.Of(contacts[i], i + 1);
            isNew = new bool[contacts.Count];
            var page = new List<JsonObject>(contacts.Count);
            for (var i = 0; i < contacts.Count; i++)
            {
                isNew[i] = _seen.Add(keys[i].Id);
                if (!isNew[i]) continue; // seen before: it was written meanwhile and moved ahead
                Returned++;
                if (_options.ExactMatch != null && !_options.ExactMatch(contacts[i])) continue;
                if (_window.Take()) page.Add(contacts[i]);
            }
            return page;
        }

        private Task<long> StartCount(CancellationToken cancellationToken)
        {
            var count = _client.CountAsync(_options.Query, cancellationToken);
            // Progress and the check use it when it succeeds; a failure only costs them, so it is observed here.
            count.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return count;
        }

        // The end of a whole read: fewer returned than counted at the start is expected when contacts were deleted or
        // stopped matching meanwhile, so Qomon is asked again (1 token, only then) for how many match now.
        private async Task<ContactPagerShortfall?> CheckAsync(CancellationToken cancellationToken)
        {
            long atStart;
            try
            {
                atStart = await _countAtStart!.ConfigureAwait(false);
            }
            catch (QomonApiException)
            {
                return null; // no count to check against
            }
            if (Returned >= atStart) return new ContactPagerShortfall(Returned, atStart, null);
            long? atEnd;
            try
            {
                atEnd = await _client.CountAsync(_options.Query, cancellationToken).ConfigureAwait(false);
            }
            catch (QomonApiException)
            {
                atEnd = null;
            }
            return new ContactPagerShortfall(Returned, atStart, atEnd);
        }
    }
}

using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Json;
using Qomon.Client.Model;
using Qomon.Client.Writing;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// Whether a contact the caller read (a Get-QomonContact row) changed on the server since, without a GET per
    /// record. The upsert path sends only the changed fields, so a stale base reverts nobody's other edits, but a
    /// field the user changed that someone else also changed since the read must be reported as a conflict (as the
    /// PATCH path's fresh GET does), not silently overwritten. So the records about to be upserted share one search
    /// page of the contacts changed since the earliest of their reads (GatheredSearchPage): a contact on it with
    /// another UpdatedAt than its base is read again by GET and goes through the usual conflict check; a contact
    /// not on it was not changed since it was read. If the page is full or the search fails, each record is read
    /// by GET.
    /// <para>
    /// The limit: Qomon indexes changes about 2 s after they are made, so an edit made in the last seconds before
    /// this look is not on the page yet, and is overwritten if it touched the same field. -WriteMethod Patch reads
    /// each contact by GET just before its write and has no such window.
    /// </para>
    /// </summary>
    internal sealed class ChangedSinceRead
    {
        private const string ReadRoute = "GET /contacts/{id}";

        // How long the check gathers records before its page. Each record's upsert waits for it, but a budget-bound
        // run keeps hundreds of records in flight, so the wait costs no throughput; what it buys is more records per
        // page at Qomon's pace (about 5 a second). It does not widen the check's blind spot: the page is requested
        // at the end of the window and the upserts follow its answer.
        internal static readonly TimeSpan Gather = TimeSpan.FromSeconds(2);

        private readonly QomonClient _client;
        private readonly Budget.CostTable _costs;
        private readonly GatheredSearchPage _page;
        private readonly Http.RequestSlots _slots;

        /// <param name="slots">The run's request slots, if any: the page and each GET take one.</param>
        public ChangedSinceRead(QomonClient client, Budget.CostTable costs, TimeProvider time, Http.RequestSlots? slots = null)
        {
            _client = client;
            _costs = costs;
            _slots = slots ?? Http.RequestSlots.Unlimited;
            _page = new GatheredSearchPage(client, costs, time, Gather, e =>
                Diagnostics.QomonLog.Current.Verbose("Looking by search for contacts changed since they were read failed (" + e.Message + "); each is read again by GET."), slots);
        }

        /// <summary>The base to plan request's upsert on: request.AsRead if it did not change since, else a fresh read.</summary>
        public async Task<CheckedBase> BaseAsync(ContactMergeRequest request, CancellationToken cancellationToken)
        {
            var asRead = request.AsRead ?? throw new ArgumentException("The request carries no contact as read.", nameof(request));
            double tokens = 0;
            var state = SinceRead.NotKnown;
            if (ChangesAfter(asRead, request.ReadAt) is DateTimeOffset since)
            {
                var page = await _page.AskAsync(since, cancellationToken).ConfigureAwait(false);
                tokens += page.TokenShare;
                state = Judge(request.Id, asRead, page);
            }
            if (state == SinceRead.Unchanged) return new CheckedBase(asRead, tokens, null);

            Diagnostics.QomonLog.Current.Verbose("contact " + request.Id.ToString(CultureInfo.InvariantCulture) + ": " +
                (state == SinceRead.Changed ? "changed on the server since it was read" : "a search page could not tell whether it changed since it was read") +
                "; reading it again for the conflict check.");
            tokens += _costs.Estimate(ReadRoute);
            try
            {
                var read = await _slots.RunAsync(() => _client.GetContactAsync(request.Id, cancellationToken), cancellationToken).ConfigureAwait(false);
                return new CheckedBase(read, tokens, null);
            }
            catch (QomonApiException e) { return new CheckedBase(null, tokens, e); }
        }

        /// <summary>
        /// From when a change to the contact is news to the caller: when it was read, or failing that the UpdatedAt it
        /// was read with (a change comes after both). Null when neither is known: only a GET can tell.
        /// </summary>
        internal static DateTimeOffset? ChangesAfter(JsonObject asRead, DateTimeOffset? readAt) =>
            readAt ?? UpdatedAtOf(asRead);

        /// <summary>The rule: on the page with another UpdatedAt, changed; not on a page that is not full, unchanged; otherwise not known.</summary>
        internal static SinceRead Judge(long id, JsonObject asRead, ChangedContacts page)
        {
            if (!page.Answered) return SinceRead.NotKnown;
            var row = page.Find(id);
            if (row == null) return page.IsFull ? SinceRead.NotKnown : SinceRead.Unchanged;
            var before = UpdatedAtOf(asRead);
            var now = UpdatedAtOf(row);
            if (!before.HasValue || !now.HasValue) return SinceRead.NotKnown;
            return QomonDate.SameInstant(before.Value, now.Value) ? SinceRead.Unchanged : SinceRead.Changed;
        }

        private static DateTimeOffset? UpdatedAtOf(JsonObject contact) =>
            contact.TryGetPropertyValue(ContactFields.UpdatedAtKey, out var node) && QomonDate.TryParse(JsonRead.GetText(node), out var date) ? date : (DateTimeOffset?)null;
    }
}

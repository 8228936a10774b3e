using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Budget;
using Qomon.Client.Diagnostics;
using Qomon.Client.Http;
using Qomon.Client.Journal;
using Qomon.Client.Model;
using Qomon.Client.Writing;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// Writes one contact's changes by upsert where upsert can say them and it pays, by PATCH otherwise:
    /// <list type="bullet">
    /// <item>The base is the contact the caller read (a Get-QomonContact row carries the whole contact) or one GET.
    /// It serves the no-op skip, the conflict check and the planner; upsert sends only the changed fields, so its age
    /// cannot revert anyone's other edits. A caller's read is checked against one shared search page of recent
    /// changes (ChangedSinceRead) before it is upserted, and read again if it changed, for the conflict check.</item>
    /// <item>UpsertPlanner decides whether upsert can express the change; Auto asks WriteMethodMeter whether it is cheaper.</item>
    /// <item>After the 202 the contact is read (UpsertWaitPolicy) until it shows what was sent: only then is the
    /// record Updated. Not applied within the wait (a silent drop, a lost 202), it is merged and PATCHed by
    /// ContactWriter, whose fresh read is a last check and whose 422 carries Qomon's reason for a wrong value.</item>
    /// <item>Every call goes through the connection, so upserts, reads and fallbacks share its one budget.</item>
    /// </list>
    /// Each call reports one outcome and throws only for cancellation.
    /// </summary>
    public sealed class UpsertWriter
    {
        private const string ReadRoute = "GET /contacts/{id}";
        private const string UpsertRoute = "POST /contacts/upsert";
        private const string PatchRoute = "PATCH /contacts/{id}";

        private readonly QomonClient _client;
        private readonly CostTable _costs;
        private readonly FormCatalog _forms;
        private readonly TimeProvider _time;
        private readonly ContactWriter _patch;
        private readonly SearchPageReads? _pages;
        private readonly RequestSlots _slots;
        private readonly ChangedSinceRead _sinceRead;

        /// <param name="slots">The run's request slots: each request (or a fallback's GET and PATCH) takes one, and a
        /// record waiting for its upsert to apply holds none. Null: no limit besides the budget.</param>
        /// <param name="reads">How upserted contacts are read back. Set-QomonContact reads by SearchPage; PerContact
        /// is the GET every record falls back to after a while, alone. With SearchPage, the default policy's first read
        /// allows for the index lag (UpsertWaitPolicy.ForSearch).</param>
        public UpsertWriter(QomonConnection connection, FormCatalog forms, WriteMethodMeter meter, UpsertReads reads, UpsertWaitPolicy? policy = null,
            ContactWriter? patchWriter = null, RequestSlots? slots = null)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            _client = connection.Client;
            _costs = connection.Budget.Costs;
            _forms = forms ?? FormCatalog.Empty;
            _time = connection.Settings.TimeProvider;
            Meter = meter ?? throw new ArgumentNullException(nameof(meter));
            Policy = policy ?? (reads == UpsertReads.SearchPage ? UpsertWaitPolicy.ForSearch : UpsertWaitPolicy.Default);
            _patch = patchWriter ?? new ContactWriter(connection, _forms);
            _slots = slots ?? RequestSlots.Unlimited;
            if (reads == UpsertReads.SearchPage) _pages = new SearchPageReads(_client, _costs, _time, ReadOneAsync, slots);
            _sinceRead = new ChangedSinceRead(_client, _costs, _time, slots);
        }

        public WriteMethodMeter Meter { get; }
        public UpsertWaitPolicy Policy { get; }

        /// <summary>
        /// Writes request by <paramref name="method"/>: Upsert whenever the planner allows, Auto as the meter says,
        /// Patch always by ContactWriter. request.AsRead, when set, is the base (no read); otherwise the contact is read.
        /// </summary>
        public async Task<UpsertWriteResult> WriteAsync(ContactMergeRequest request, WriteMethod method, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            // Auto chooses as the record starts; the run's first upsert goes alone (WriteMethodMeter.ChooseAsync), so
            // every other record chooses knowing what an upsert costs.
            var choice = method == WriteMethod.Auto ? await Meter.ChooseAsync(cancellationToken).ConfigureAwait(false) : new MethodChoice(method, false);
            try
            {
                // A record PATCH will write needs no read of its own besides the merge's.
                if (choice.Method == WriteMethod.Patch)
                    return await _slots.RunAsync(() => PatchAsync(request, method == WriteMethod.Auto ? CheaperByPatch() : null, 0, cancellationToken), cancellationToken).ConfigureAwait(false);
                return await UpsertAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (choice.IsProbe) Meter.ProbeEnded();
            }
        }

        private async Task<UpsertWriteResult> UpsertAsync(ContactMergeRequest request, CancellationToken cancellationToken)
        {
            double tokens = 0;
            var current = request.AsRead;
            if (current == null)
            {
                try { current = await _slots.RunAsync(() => _client.GetContactAsync(request.Id, cancellationToken), cancellationToken).ConfigureAwait(false); }
                catch (QomonApiException e) { return new UpsertWriteResult(ContactWriteResult.Failed(e), WriteMethod.Upsert, false, null, Cost(ReadRoute)); }
                tokens += Cost(ReadRoute);
            }
            var plan = UpsertPlanner.Plan(request.Id, current, request.Changes, _forms);
            // The caller's read may be stale: a contact changed since is read again, so the conflict check below sees the change.
            if (ReferenceEquals(current, request.AsRead) && plan.CanUpsert && !request.Force)
            {
                var checkedBase = await _sinceRead.BaseAsync(request, cancellationToken).ConfigureAwait(false);
                tokens += checkedBase.Tokens;
                if (checkedBase.Failure != null) return new UpsertWriteResult(ContactWriteResult.Failed(checkedBase.Failure), WriteMethod.Upsert, false, null, tokens);
                if (!ReferenceEquals(checkedBase.Contact, current)) plan = UpsertPlanner.Plan(request.Id, current = checkedBase.Contact!, request.Changes, _forms);
            }
            if (!plan.HasChanges) return new UpsertWriteResult(ContactWriteResult.Unchanged(current), WriteMethod.Upsert, false, null, tokens);
            // Read by this writer: a field changed on the server since the caller read it is a conflict, as for PATCH.
            if (!ReferenceEquals(current, request.AsRead) && WriteConflicts.Find(request, null, current, _forms) is ContactWriteResult conflict)
                return new UpsertWriteResult(conflict, WriteMethod.Upsert, false, null, tokens);
            if (!plan.CanUpsert) return await _slots.RunAsync(() => PatchAsync(request, plan.PatchReason, tokens, cancellationToken), cancellationToken).ConfigureAwait(false);

            var sentAt = _time.GetUtcNow();
            try
            {
                await _slots.RunAsync(async () =>
                {
                    request.Journal?.Sending(JournalMethods.Upsert, current, plan.Merge.Body);
                    sentAt = _time.GetUtcNow();
                    await _client.UpsertContactAsync(plan.Envelope(), cancellationToken).ConfigureAwait(false);
                    return true;
                }, cancellationToken).ConfigureAwait(false);
                tokens += Cost(UpsertRoute);
            }
            catch (QomonApiException e) when (!e.OutcomeUnknown)
            {
                // Refused (400, or out of retries): not applied, so PATCH says it, with Qomon's reason if the value is wrong.
                return await FallBackAsync(request, "the upsert was refused: " + e.Message, tokens, null, cancellationToken).ConfigureAwait(false);
            }
            catch (QomonApiException)
            {
                // The 202 was lost: it may have been accepted; the reads tell.
                tokens += Cost(UpsertRoute);
                Log(request.Id, "the upsert's answer was lost; reading the contact to see whether it applied.");
            }
            // Counted now, not once verified: the seconds until then would let every record in flight choose blind.
            Meter.UpsertSent(tokens);
            var charged = tokens;

            DateTimeOffset? lastReadAt = null;
            while (true)
            {
                var readAt = Policy.NextReadAt(sentAt, lastReadAt);
                var wait = readAt - _time.GetUtcNow();
                if (wait > TimeSpan.Zero) await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
                lastReadAt = _time.GetUtcNow();
                var readBack = await ReadBackAsync(request.Id, sentAt, cancellationToken).ConfigureAwait(false);
                var read = readBack.Contact;
                tokens += readBack.Tokens;
                var verdict = Policy.Judge(plan.Expectation!, read, sentAt, lastReadAt.Value);
                if (verdict == UpsertVerdict.Applied)
                {
                    Meter.UpsertCostMore(tokens - charged);
                    return new UpsertWriteResult(ContactWriteResult.Updated(read!), WriteMethod.Upsert, false, null, tokens);
                }
                if (verdict == UpsertVerdict.FallBackToPatch)
                {
                    var missing = read == null ? "the contact could not be read" : plan.Expectation!.FirstUnmet(read);
                    return await FallBackAsync(request, "not applied within " + Policy.GiveUpAfter.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) +
                        " s (" + missing + " not as sent)", tokens, charged, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task<ReadBack> ReadBackAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            if (_pages != null) return await _pages.ReadAsync(id, sentAt, cancellationToken).ConfigureAwait(false);
            return await ReadOneAsync(id, cancellationToken).ConfigureAwait(false);
        }

        private async Task<ReadBack> ReadOneAsync(long id, CancellationToken cancellationToken)
        {
            try { return new ReadBack(await _slots.RunAsync(() => _client.GetContactAsync(id, cancellationToken), cancellationToken).ConfigureAwait(false), Cost(ReadRoute)); }
            catch (QomonApiException e)
            {
                Log(id, "reading it back failed (" + e.Message + "); trying again.");
                return new ReadBack(null, Cost(ReadRoute));
            }
        }

        /// <param name="charged">Tokens of this record the meter has counted at its send; null when the upsert was never sent.</param>
        private async Task<UpsertWriteResult> FallBackAsync(ContactMergeRequest request, string why, double tokens, double? charged, CancellationToken cancellationToken)
        {
            Log(request.Id, "writing it by PATCH: " + why + ".");
            // The fallback reads afresh and may find the upsert landed after all: then it is Unchanged, which here means applied.
            var result = await _slots.RunAsync(() => _patch.MergeAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            tokens += Cost(ReadRoute) + (result.Outcome == ContactWriteOutcome.Unchanged ? 0 : Cost(PatchRoute));
            if (charged is double counted) Meter.UpsertCostMore(tokens - counted);
            else Meter.UpsertSent(tokens);
            if (result.Outcome == ContactWriteOutcome.Unchanged)
                return new UpsertWriteResult(ContactWriteResult.Updated(result.Stored!), WriteMethod.Upsert, false, null, tokens);
            return new UpsertWriteResult(result, WriteMethod.Patch, true, why, tokens);
        }

        /// <summary>The record by PATCH (merged by ContactWriter: its GET and PATCH); the caller holds the slot.</summary>
        /// <param name="spent">Tokens this record took before (a read the planner needed); not charged to the PATCH path's meter.</param>
        private async Task<UpsertWriteResult> PatchAsync(ContactMergeRequest request, string? why, double spent, CancellationToken cancellationToken)
        {
            if (why != null) Log(request.Id, "writing it by PATCH: " + why + ".");
            var result = await _patch.MergeAsync(request, cancellationToken).ConfigureAwait(false);
            var tokens = Cost(ReadRoute) + (result.Outcome == ContactWriteOutcome.Updated || result.Outcome == ContactWriteOutcome.NotAsSent ? Cost(PatchRoute) : 0);
            if (result.Outcome == ContactWriteOutcome.Updated) Meter.PatchDone(tokens);
            return new UpsertWriteResult(result, WriteMethod.Patch, false, why, spent + tokens);
        }

        private string CheaperByPatch() => "PATCH costs fewer tokens per record (" + Meter + ")";

        private double Cost(string route) => _costs.Estimate(route);

        private static void Log(long id, string text) =>
            QomonLog.Current.Verbose("contact " + id.ToString(CultureInfo.InvariantCulture) + ": " + text);
    }
}

using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Budget;
using Qomon.Client.Diagnostics;
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
    /// cannot revert anyone's other edits.</item>
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

        /// <param name="reads">How upserted contacts are read back; with SearchPage, give a policy whose first read allows for the index lag (UpsertWaitPolicy.ForSearch, the default then).</param>
        public UpsertWriter(QomonConnection connection, FormCatalog forms, WriteMethodMeter meter, UpsertWaitPolicy? policy = null, ContactWriter? patchWriter = null,
            UpsertReads reads = UpsertReads.PerContact)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            _client = connection.Client;
            _costs = connection.Budget.Costs;
            _forms = forms ?? FormCatalog.Empty;
            _time = connection.Settings.TimeProvider;
            Meter = meter ?? throw new ArgumentNullException(nameof(meter));
            Policy = policy ?? (reads == UpsertReads.SearchPage ? UpsertWaitPolicy.ForSearch : UpsertWaitPolicy.Default);
            _patch = patchWriter ?? new ContactWriter(connection, _forms);
            if (reads == UpsertReads.SearchPage) _pages = new SearchPageReads(_client, _costs, _time);
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
            if (method == WriteMethod.Patch) return await PatchAsync(request, null, 0, cancellationToken).ConfigureAwait(false);
            // Asked before reading: a record PATCH will write anyway needs no read of its own besides the merge's.
            var auto = method == WriteMethod.Auto ? Meter.Next() : WriteMethod.Upsert;
            if (auto == WriteMethod.Patch && request.AsRead == null)
                return await PatchAsync(request, CheaperByPatch(), 0, cancellationToken).ConfigureAwait(false);

            double tokens = 0;
            var current = request.AsRead;
            if (current == null)
            {
                try { current = await _client.GetContactAsync(request.Id, cancellationToken).ConfigureAwait(false); }
                catch (QomonApiException e) { return new UpsertWriteResult(ContactWriteResult.Failed(e), WriteMethod.Upsert, false, null, Cost(ReadRoute)); }
                tokens += Cost(ReadRoute);
            }
            var plan = UpsertPlanner.Plan(request.Id, current, request.Changes, _forms);
            if (!plan.HasChanges) return new UpsertWriteResult(ContactWriteResult.Unchanged(current), WriteMethod.Upsert, false, null, tokens);
            // Read by this writer: a field changed on the server since the caller read it is a conflict, as for PATCH.
            if (!ReferenceEquals(current, request.AsRead) && WriteConflicts.Find(request, null, current, _forms) is ContactWriteResult conflict)
                return new UpsertWriteResult(conflict, WriteMethod.Upsert, false, null, tokens);

            if (!plan.CanUpsert) return await PatchAsync(request, plan.PatchReason, tokens, cancellationToken).ConfigureAwait(false);
            if (auto == WriteMethod.Patch) return await PatchAsync(request, CheaperByPatch(), tokens, cancellationToken).ConfigureAwait(false);

            request.Journal?.Sending(JournalMethods.Upsert, current, plan.Merge.Body);
            var sentAt = _time.GetUtcNow();
            try
            {
                await _client.UpsertContactAsync(plan.Envelope(), cancellationToken).ConfigureAwait(false);
                tokens += Cost(UpsertRoute);
            }
            catch (QomonApiException e) when (!e.OutcomeUnknown)
            {
                // Refused (400, or out of retries): not applied, so PATCH says it, with Qomon's reason if the value is wrong.
                return await FallBackAsync(request, "the upsert was refused: " + e.Message, tokens, cancellationToken).ConfigureAwait(false);
            }
            catch (QomonApiException)
            {
                // The 202 was lost: it may have been accepted; the reads tell.
                tokens += Cost(UpsertRoute);
                Log(request.Id, "the upsert's answer was lost; reading the contact to see whether it applied.");
            }

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
                    Meter.UpsertDone(tokens);
                    return new UpsertWriteResult(ContactWriteResult.Updated(read!), WriteMethod.Upsert, false, null, tokens);
                }
                if (verdict == UpsertVerdict.FallBackToPatch)
                {
                    var missing = read == null ? "the contact could not be read" : plan.Expectation!.FirstUnmet(read);
                    return await FallBackAsync(request, "not applied within " + Policy.GiveUpAfter.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) +
                        " s (" + missing + " not as sent)", tokens, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task<ReadBack> ReadBackAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            if (_pages != null) return await _pages.ReadAsync(id, sentAt, cancellationToken).ConfigureAwait(false);
            try { return new ReadBack(await _client.GetContactAsync(id, cancellationToken).ConfigureAwait(false), Cost(ReadRoute)); }
            catch (QomonApiException e)
            {
                Log(id, "reading it back failed (" + e.Message + "); trying again.");
                return new ReadBack(null, Cost(ReadRoute));
            }
        }

        private async Task<UpsertWriteResult> FallBackAsync(ContactMergeRequest request, string why, double tokens, CancellationToken cancellationToken)
        {
            Log(request.Id, "writing it by PATCH: " + why + ".");
            // The fallback reads afresh and may find the upsert landed after all: then it is Unchanged, which here means applied.
            var result = await _patch.MergeAsync(request, cancellationToken).ConfigureAwait(false);
            tokens += Cost(ReadRoute) + (result.Outcome == ContactWriteOutcome.Unchanged ? 0 : Cost(PatchRoute));
            Meter.UpsertDone(tokens);
            if (result.Outcome == ContactWriteOutcome.Unchanged)
                return new UpsertWriteResult(ContactWriteResult.Updated(result.Stored!), WriteMethod.Upsert, false, null, tokens);
            return new UpsertWriteResult(result, WriteMethod.Patch, true, why, tokens);
        }

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

using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Budget;
using Qomon.Client.Changes;
using Qomon.Client.Journal;
using Qomon.Client.Diagnostics;
using Qomon.Client.Merge;
using Qomon.Client.Model;

namespace Qomon.Client.Writing
{
    /// <summary>
    /// Writes contacts without losing what others wrote. Qomon's PATCH replaces the whole contact, so a merge is
    /// planned from a fresh read (PlanMergeAsync) and committed (CommitAsync) as the complete contact; in between,
    /// the caller may ask for confirmation. The rules:
    /// <list type="bullet">
    /// <item>A record's read and write tokens are reserved together before the read, so its write goes out right
    /// after its read instead of queueing behind other records' reads: another user's edit made in between cannot
    /// be undone by a stale base.</item>
    /// <item>A read older than MaxReadAge when the write is about to go (a prompt that waited, a slow queue) is
    /// read and merged again; a field changed meanwhile that the record also changes is a conflict.</item>
    /// <item>A record whose requested values the server already holds is unchanged: one read, no write, no error,
    /// whatever UpdatedAt it carries.</item>
    /// <item>Nothing is resent as it was: after a 429, a refused connection or a lost answer the contact is read again
    /// and the body worked out again from that read, its read and write tokens taken together (WriteAttempts).</item>
    /// <item>The 200 answer is checked against what was sent (WriteAnswerCheck): a difference is NotAsSent.</item>
    /// </list>
    /// Each call reports one outcome (ContactWriteResult) and throws only for cancellation.
    /// </summary>
    public sealed class ContactWriter
    {
        /// <summary>How old a read may be when its write goes out.</summary>
        public static readonly TimeSpan DefaultMaxReadAge = TimeSpan.FromSeconds(1);

        private readonly QomonClient _client;
        private readonly TokenBudget _budget;
        private readonly FormCatalog _forms;
        private readonly TimeProvider _time;
        private readonly TimeSpan _maxReadAge;
        private readonly WriteAttempts _attempts;

        public ContactWriter(QomonConnection connection, FormCatalog forms, TimeSpan? maxReadAge = null)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            _client = connection.Client;
            _budget = connection.Budget;
            _forms = forms ?? FormCatalog.Empty;
            _time = connection.Settings.TimeProvider;
            _maxReadAge = maxReadAge ?? DefaultMaxReadAge;
            _attempts = new WriteAttempts(_client, _budget, connection.RetryPolicy);
        }

        /// <summary>Reserves the record's read and write tokens, reads the contact, and works out the merge.</summary>
        public async Task<ContactWritePlan> PlanMergeAsync(ContactMergeRequest request, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var reservation = await _budget.ReserveAsync(_attempts.ReadAndWriteCost, cancellationToken).ConfigureAwait(false);
            try
            {
                JsonObject current;
                using (reservation.Use())
                {
                    try { current = await _client.GetContactAsync(request.Id, cancellationToken).ConfigureAwait(false); }
                    catch (QomonApiException e)
                    {
                        return new ContactWritePlan(request, null, 0, null, ContactWriteResult.Failed(e), reservation);
                    }
                }
                var readAt = _time.GetTimestamp();
                request.PlanFrom(current);
                var merge = ContactMerger.Merge(current, request.Changes, _forms);
                var settled = Settle(request, merge, null, current);
                return new ContactWritePlan(request, current, readAt, merge, settled, reservation);
            }
            catch
            {
                reservation.Dispose();
                throw;
            }
        }

        /// <summary>Sends a planned merge (a settled plan just gives its outcome back). A read older than MaxReadAge is
        /// read and merged again first. Disposes the plan's reservation.</summary>
        public async Task<ContactWriteResult> CommitAsync(ContactWritePlan plan, CancellationToken cancellationToken)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (plan.Settled != null) return plan.Settled;
            var reservation = plan.TakeReservation();
            try
            {
                var request = plan.Request;
                var body = plan.Merge!.Body;
                var before = plan.Current;
                if (_time.GetElapsedTime(plan.ReadAt) > _maxReadAge)
                {
                    // Not drawn from the reservation: it keeps the write's tokens, so the write follows this read at once.
                    JsonObject now;
                    try { now = await _client.GetContactAsync(request.Id, cancellationToken).ConfigureAwait(false); }
                    catch (QomonApiException e) { return ContactWriteResult.Failed(e); }
                    QomonLog.Current.Verbose(Path(request.Id) + ": the contact was read more than " +
                        _maxReadAge.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s ago; read it again before writing.");
                    var again = ContactMerger.Merge(now, request.Changes, _forms);
                    var settled = Settle(request, again, plan.Current, now);
                    if (settled != null) return settled;
                    body = again.Body;
                    before = now;
                }
                request.Journal?.Sending(JournalMethods.Patch, before, body);
                var sending = reservation;
                reservation = null;
                return await SendAsync(request.Id, body, sending, now =>
                {
                    var again = ContactMerger.Merge(now, request.Changes, _forms);
                    if (!again.HasChanges) return null;
                    // Someone may have edited the contact since the last read: check again before resending.
                    var conflict = WriteConflicts.Find(request, plan.Current, now, _forms);
                    return conflict != null ? WriteAttempts.Next.Settle(conflict) : WriteAttempts.Next.Send(again.Body);
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                reservation?.Dispose();
            }
        }

        /// <summary>Plans and commits at once (no confirmation in between).</summary>
        public async Task<ContactWriteResult> MergeAsync(ContactMergeRequest request, CancellationToken cancellationToken)
        {
            using (var plan = await PlanMergeAsync(request, cancellationToken).ConfigureAwait(false))
                return await CommitAsync(plan, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// -Replace: sends <paramref name="contact"/> as the complete contact (what it leaves out is cleared). A full
        /// replacement is the same body whatever the server holds, so after a 429 or a lost answer it is resent as is,
        /// unless reading back shows the server holds it already.
        /// </summary>
        public Task<ContactWriteResult> ReplaceAsync(long id, JsonObject contact, CancellationToken cancellationToken)
        {
            if (contact == null) throw new ArgumentNullException(nameof(contact));
            return SendAsync(id, contact, null,
                now => ContactChangeDetector.Between(now, contact).IsEmpty ? null : WriteAttempts.Next.Send(contact), cancellationToken);
        }

        private Task<ContactWriteResult> SendAsync(long id, JsonObject body, TokenReservation? reservation, Func<JsonObject, WriteAttempts.Next?> afterRead,
            CancellationToken cancellationToken) =>
            _attempts.RunAsync(id, body, reservation, afterRead, (sent, stored) =>
            {
                var different = WriteAnswerCheck.FieldsNotAsSent(sent, stored, _forms);
                return different.Count == 0 ? ContactWriteResult.Updated(stored) : ContactWriteResult.NotAsSent(different, stored);
            }, cancellationToken);

        // Unchanged before conflict: a record whose values the server already holds needs no write, and so cannot undo anything.
        private ContactWriteResult? Settle(ContactMergeRequest request, MergeResult merge, JsonObject? readByWriter, JsonObject now)
        {
            if (!merge.HasChanges) return ContactWriteResult.Unchanged(now);
            return WriteConflicts.Find(request, readByWriter, now, _forms);
        }

        internal static string Path(long id) => "PATCH /contacts/" + id.ToString(CultureInfo.InvariantCulture);
    }
}

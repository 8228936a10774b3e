using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Budget;
using Qomon.Client.Diagnostics;
using Qomon.Client.Retry;
using Qomon.Client.Text;

namespace Qomon.Client.Writing
{
    /// <summary>
    /// The attempts of one contact PATCH. Qomon's PATCH replaces the whole contact, so a body is only as good as the
    /// read it was worked out from: a resend of the same body seconds later would undo whatever another user wrote
    /// meanwhile. So nothing is ever resent as it was (the retry handler leaves PATCH to this class); before any
    /// resend the contact is read again, with the read's and the write's tokens taken together so that the resend
    /// follows that read at once, and the caller works the body out again from it (or settles the record).
    /// <list type="bullet">
    /// <item>Not applied (429, a refused connection): wait as the retry policy says (Retry-After, backoff), read,
    /// resend; within the connection's attempt and time limits.</item>
    /// <item>Lost (a dropped connection, a timeout, a 5xx, an answer that is not the contact): the server may or may
    /// not have applied it. If the read shows the change, the record is updated; otherwise it is resent, up to three
    /// sends. A read right after a lost answer cannot see a write the server is still working on, so once an answer
    /// was lost the record is never reported as plainly failed: if the sends run out, or a resend fails, or the
    /// contact cannot be read, the outcome is unknown (check the contact), never "not written".</item>
    /// </list>
    /// </summary>
    internal sealed class WriteAttempts
    {
        private const int MaxSendsAfterLostAnswer = 3;
        private const string ReadRoute = "GET /contacts/{id}";
        private const string WriteRoute = "PATCH /contacts/{id}";

        private readonly QomonClient _client;
        private readonly TokenBudget _budget;
        private readonly RetryPolicy _policy;

        internal WriteAttempts(QomonClient client, TokenBudget budget, RetryPolicy policy)
        {
            _client = client;
            _budget = budget;
            _policy = policy;
        }

        /// <summary>What to do after reading the contact again: send a body, or settle the record (a conflict).</summary>
        internal sealed class Next
        {
            private Next(JsonObject? body, ContactWriteResult? result)
            {
                Body = body;
                Result = result;
            }

            internal JsonObject? Body { get; }
            internal ContactWriteResult? Result { get; }

            internal static Next Send(JsonObject body) => new Next(body, null);
            internal static Next Settle(ContactWriteResult result) => new Next(null, result);
        }

        /// <summary>Tokens for one read and one write, taken together.</summary>
        internal double ReadAndWriteCost => _budget.Costs.Estimate(ReadRoute) + _budget.Costs.Estimate(WriteRoute);

        /// <param name="reservation">Tokens already set aside for the first send (disposed here), or null.</param>
        /// <param name="afterRead">Given the contact as read again: null when it already holds the change.</param>
        /// <param name="answered">Given what was sent and the 200 answer: the outcome (updated, or not as sent).</param>
        internal async Task<ContactWriteResult> RunAsync(long id, JsonObject body, TokenReservation? reservation,
            Func<JsonObject, Next?> afterRead, Func<JsonObject, JsonObject, ContactWriteResult> answered, CancellationToken cancellationToken)
        {
            var path = ContactWriter.Path(id);
            var started = _policy.Time.GetTimestamp();
            QomonApiException? firstLost = null;
            var sendsAfterLost = 0;
            for (var attempt = 1; ; attempt++)
            {
                QomonApiException failure;
                try
                {
                    using (reservation?.Use())
                    {
                        var stored = await _client.ReplaceContactAsync(id, body, callerResends: true, cancellationToken).ConfigureAwait(false);
                        return answered(body, stored);
                    }
                }
                catch (QomonApiException e) { failure = e; }
                finally
                {
                    reservation?.Dispose();
                    reservation = null;
                }

                if (failure.OutcomeUnknown)
                {
                    firstLost ??= failure;
                    if (++sendsAfterLost >= MaxSendsAfterLostAnswer) return ContactWriteResult.Unknown(firstLost, null);
                }
                else if (IsNotApplied(failure))
                {
                    var delay = _policy.Delay(attempt, failure.RetryAfter);
                    var giveUp = _policy.GiveUpReason(attempt, started, delay);
                    if (giveUp != null)
                    {
                        QomonLog.Current.Verbose(path + ": giving up after " + Counted.Of(attempt, "attempt") + ": " + giveUp + ".");
                        return firstLost == null ? ContactWriteResult.Failed(failure) : ContactWriteResult.Unknown(firstLost, null);
                    }
                    QomonLog.Current.Verbose(string.Format(CultureInfo.InvariantCulture,
                        "{0} -> {1}: not applied; it is read again and resent, retry {2} of {3} in {4:0.0} s{5}.",
                        path, failure.IsTransportFailure ? "connection refused" : failure.StatusCode.ToString(CultureInfo.InvariantCulture),
                        attempt, _policy.MaxAttempts - 1, delay.TotalSeconds, failure.RetryAfter.HasValue ? " (Retry-After)" : ""));
                    await _policy.WaitBeforeRetryAsync(delay, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // After a lost answer, this resend's failure says nothing about the earlier write.
                    return firstLost == null ? ContactWriteResult.Failed(failure) : ContactWriteResult.Unknown(firstLost, null);
                }

                reservation = await _budget.ReserveAsync(ReadAndWriteCost, cancellationToken).ConfigureAwait(false);
                JsonObject now;
                try
                {
                    using (reservation.Use()) now = await _client.GetContactAsync(id, cancellationToken).ConfigureAwait(false);
                }
                catch (QomonApiException readFailure)
                {
                    reservation.Dispose();
                    return firstLost == null ? ContactWriteResult.Failed(readFailure) : ContactWriteResult.Unknown(firstLost, readFailure);
                }
                catch
                {
                    reservation.Dispose();
                    throw;
                }

                var next = afterRead(now);
                if (next?.Body == null)
                {
                    reservation.Dispose();
                    if (next?.Result != null) return next.Result;
                    if (firstLost == null) return ContactWriteResult.Unchanged(now);
                    QomonLog.Current.Verbose(path + ": the answer was lost, but reading the contact back shows the write applied.");
                    return ContactWriteResult.Updated(now);
                }
                if (firstLost != null)
                    QomonLog.Current.Verbose(path + ": the answer was lost and reading the contact back shows the write not applied; sending it again.");
                body = next.Body;
            }
        }

        // Refused before Qomon processed it: a 429, or a connection that was never made.
        private static bool IsNotApplied(QomonApiException failure) =>
            !failure.OutcomeUnknown && (failure.StatusCode == 429 || failure.IsTransportFailure);
    }
}

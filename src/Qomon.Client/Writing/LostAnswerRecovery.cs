using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Qomon.Client.Writing
{
    /// <summary>
    /// A PATCH whose answer may be lost (a dropped connection, a timeout, a 5xx after sending, an answer that is not
    /// the contact): the server may or may not have applied it. Resending blindly could undo a change someone made
    /// meanwhile, and reporting it as failed could be false; so the contact is read back first. If it already holds
    /// what the record wants, the record counts as updated; otherwise the body is worked out again from what the
    /// server now holds and sent once more, up to three attempts. A read back right after a lost answer cannot see a
    /// write the server is still working on, so once an answer was lost the record is never reported as plainly
    /// failed: if the attempts run out, or a resend fails, or the contact cannot be read back, the outcome is
    /// unknown (check the contact), never "not written".
    /// </summary>
    internal static class LostAnswerRecovery
    {
        private const int MaxAttempts = 3;

        /// <summary>What to do after reading back: send a body again, or settle the record (a conflict found in the read).</summary>
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

        /// <param name="afterReadBack">Given the contact as read back: null when it already holds the change.</param>
        /// <param name="answered">Given what was sent and the 200 answer: the outcome (updated, or not as sent).</param>
        internal static async Task<ContactWriteResult> RunAsync(QomonClient client, long id, JsonObject body,
            Func<JsonObject, Next?> afterReadBack, Func<JsonObject, JsonObject, ContactWriteResult> answered, CancellationToken cancellationToken)
        {
            QomonApiException? firstLost = null;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var stored = await client.ReplaceContactAsync(id, body, resendOnUnknownOutcome: false, cancellationToken).ConfigureAwait(false);
                    return answered(body, stored);
                }
                catch (QomonApiException lost) when (lost.OutcomeUnknown)
                {
                    firstLost ??= lost;
                    JsonObject now;
                    try { now = await client.GetContactAsync(id, cancellationToken).ConfigureAwait(false); }
                    catch (QomonApiException readFailure) { return ContactWriteResult.Unknown(lost, readFailure); }
                    var next = afterReadBack(now);
                    var path = ContactWriter.Path(id);
                    if (next == null)
                    {
                        QomonLog.Current.Verbose(path + ": the answer was lost, but reading the contact back shows the write applied.");
                        return ContactWriteResult.Updated(now);
                    }
                    if (next.Result != null) return next.Result;
                    // Read back as unchanged, but a lost write may still land after this read.
                    if (attempt == MaxAttempts) return ContactWriteResult.Unknown(firstLost, null);
                    QomonLog.Current.Verbose(path + ": the answer was lost and reading the contact back shows the write not applied; sending it again.");
                    body = next.Body!;
                }
                catch (QomonApiException failed)
                {
                    // After a lost answer, this resend's failure says nothing about the earlier write.
                    return firstLost == null ? ContactWriteResult.Failed(failed) : ContactWriteResult.Unknown(firstLost, null);
                }
            }
        }
    }
}

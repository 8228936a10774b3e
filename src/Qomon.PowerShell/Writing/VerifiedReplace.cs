using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// A PATCH whose answer may be lost (a dropped connection, a timeout, a 5xx after sending): the server may or
    /// may not have applied it. Resending blindly could undo a change someone made meanwhile, and reporting it as
    /// failed could be false; so the contact is read back first. If it already holds what this record wants, the
    /// record counts as updated; otherwise the body is worked out again from what the server now holds and sent
    /// once more, up to three attempts. A read back right after a lost answer cannot see a write the server is
    /// still working on, so once an answer was lost the record is never reported as plainly failed: if the
    /// attempts run out, or a resend fails, or the contact cannot be read back, it is reported as "outcome
    /// unknown" (check the contact), never as "not written".
    /// </summary>
    internal static class VerifiedReplace
    {
        private const int MaxAttempts = 3;

        /// <param name="bodyAfterReadBack">
        /// Given the contact as read back: null when it already holds the change, else the body to send now. It may
        /// also settle the record itself (record.Fail) and return null, e.g. for a conflict found in what it read.
        /// </param>
        internal static async Task RunAsync(QomonClient client, WriteRecord record, JsonObject body,
            Func<JsonObject, JsonObject?> bodyAfterReadBack, CancellationToken cancellationToken)
        {
            var id = record.Id!.Value;
            QomonApiException? firstLost = null;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    record.Stored = await client.ReplaceContactAsync(id, body, resendOnUnknownOutcome: false, cancellationToken).ConfigureAwait(false);
                    record.Outcome = RecordOutcome.Updated;
                    return;
                }
                catch (QomonApiException lost) when (lost.OutcomeUnknown)
                {
                    firstLost ??= lost;
                    JsonObject now;
                    try { now = await client.GetContactAsync(id, cancellationToken).ConfigureAwait(false); }
                    catch (QomonApiException readFailure)
                    {
                        record.Fail(WriteErrors.OutcomeUnknown(record, lost, readFailure));
                        return;
                    }
                    var next = bodyAfterReadBack(now);
                    if (!record.IsPending) return; // the read back settled it (a conflict that appeared meanwhile)
                    var path = "PATCH /contacts/" + id.ToString(CultureInfo.InvariantCulture);
                    if (next == null)
                    {
                        QomonLog.Current.Verbose(path + ": the answer was lost, but reading the contact back shows the write applied.");
                        record.Stored = now;
                        record.Outcome = RecordOutcome.Updated;
                        return;
                    }
                    if (attempt == MaxAttempts)
                    {
                        // Read back as unchanged, but a lost write may still land after this read.
                        record.Fail(WriteErrors.OutcomeUnknown(record, firstLost, null));
                        return;
                    }
                    QomonLog.Current.Verbose(path + ": the answer was lost and reading the contact back shows the write not applied; sending it again.");
                    body = next;
                }
                catch (QomonApiException failed)
                {
                    // After a lost answer, this resend's failure says nothing about the earlier write.
                    record.Fail(firstLost == null ? WriteErrors.FromApi(record, failed) : WriteErrors.OutcomeUnknown(record, firstLost, null));
                    return;
                }
            }
        }
    }
}

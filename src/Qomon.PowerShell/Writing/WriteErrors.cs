using System;
using System.Management.Automation;
using Qomon.Client;
using Qomon.Client.Text;
using Qomon.Client.Writing;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// The per-record errors of the write commands, with the ids of <see cref="ErrorIds"/>,
    /// the target is the contact id when known and the input row otherwise, and every message starts with the
    /// record it is about ("record 5 (contact 123): ..."), so a failure in a 10,000-row file can be found.
    /// Parts that come from elsewhere (a reason, the server's text, an exception's message) are composed by the
    /// rule of <see cref="MessageText"/>, so no message says ".." or ". (".
    /// </summary>
    internal static class WriteErrors
    {
        internal static ErrorRecord InvalidInput(WriteRecord record, string field, string problem, string errorId = ErrorIds.InvalidInput)
        {
            var message = record.Describe() + ": " + (field.Length == 0 ? problem : field + ": " + problem);
            return Build(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, record.Target, message,
                "Correct this record and send it again; nothing was written for it.");
        }

        internal static ErrorRecord DuplicateInBatch(WriteRecord record, int firstPosition)
        {
            var message = $"{record.Describe()}: the same contact is already record {firstPosition} of this batch; this record was not written. " +
                          "One contact is written once per batch, so that one row cannot silently overwrite the other.";
            return Build(new ArgumentException(message), ErrorIds.DuplicateIdInBatch, ErrorCategory.InvalidData, record.Target, message,
                "Combine the rows for this contact into one, or send this row in a separate command.");
        }

        internal static ErrorRecord Conflict(WriteRecord record, string what)
        {
            var message = $"{record.Describe()}: {MessageText.Sentence(what)} Nothing was written for this record.";
            return Build(new InvalidOperationException(message), ErrorIds.Conflict, ErrorCategory.ResourceExists, record.Target, message,
                "Read the contact again (Get-QomonContact) and reapply the change, or use -Force to overwrite.");
        }

        /// <summary>Undo: a field changed after the run, left as it is (the record's other fields are still put back).</summary>
        internal static ErrorRecord UndoConflict(WriteRecord record, Client.Undo.UndoConflict conflict)
        {
            var message = $"{record.Describe()}: {conflict}; it was changed after the run, so it is left as it is.";
            return Build(new InvalidOperationException(message), ErrorIds.Conflict, ErrorCategory.ResourceExists, record.Target, message,
                "Check the field with Get-QomonContact and set it by hand, or run Undo-QomonChange again with -Force to put it back all the same.");
        }

        internal static ErrorRecord ReplaceNeedsConfirmation(WriteRecord record, string clearedFields)
        {
            var message = $"{record.Describe()}: -Replace would clear every field the input leaves out{clearedFields}, and this session cannot ask for confirmation. Nothing was written for this record.";
            return Build(new InvalidOperationException(message), ErrorIds.ReplaceNeedsConfirmation, ErrorCategory.InvalidOperation, record.Target, message,
                "Add -Force (or -Confirm:$false) to replace without asking, or leave out -Replace to merge the fields the input names.");
        }

        internal static ErrorRecord OutcomeUnknown(WriteRecord record, QomonApiException failure, Exception? readBackFailure)
        {
            var message = $"{record.Describe()}: the write may or may not have been applied ({MessageText.Clause(QomonErrors.Describe(failure))})" +
                          (readBackFailure == null ? "." : $", and reading the contact back failed too ({MessageText.Clause(Describe(readBackFailure))}).");
            return Build(failure, ErrorIds.WriteOutcomeUnknown, ErrorCategory.ConnectionError, record.Target, message,
                "Check the contact with Get-QomonContact before sending this record again.");
        }

        internal static ErrorRecord NotAsSent(WriteRecord record, ContactWriteResult result)
        {
            var message = $"{record.Describe()}: the write was sent, but {MessageText.Clause(result.Message)}. The record is not counted as updated.";
            return Build(new InvalidOperationException(message), ErrorIds.WriteNotAsSent, ErrorCategory.InvalidResult, record.Target, message,
                "Check these fields with Get-QomonContact: Qomon may keep them in another form than the module sends.");
        }

        /// <summary>An API failure (404, 422, 429 after retries...), with the record named in front of the request line.</summary>
        internal static ErrorRecord FromApi(WriteRecord record, QomonApiException failure)
        {
            var error = QomonErrors.FromApi(failure, record.Target, ErrorIds.ContactNotFound);
            var details = error.ErrorDetails;
            error.ErrorDetails = new ErrorDetails(record.Describe() + ": " + (details?.Message ?? failure.Message))
            {
                RecommendedAction = details?.RecommendedAction ?? ""
            };
            return error;
        }

        private static string Describe(Exception failure) => failure is QomonApiException api ? QomonErrors.Describe(api) : failure.Message;

        private static ErrorRecord Build(Exception exception, string errorId, ErrorCategory category, object target, string message, string action) =>
            new ErrorRecord(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = action }
            };
    }
}

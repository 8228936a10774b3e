using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Qomon.Client.Writing
{
    /// <summary>
    /// The one outcome of writing one contact, with what a caller needs to report it: the error id and a message
    /// (for anything but Updated and Unchanged), the fields concerned (a conflict's or a write not stored as sent),
    /// and the contact as the server last showed it.
    /// </summary>
    public sealed class ContactWriteResult
    {
        private ContactWriteResult(ContactWriteOutcome outcome, string? errorId, string message, IReadOnlyList<string> fields, JsonObject? stored,
            QomonApiException? failure, Exception? readBackFailure)
        {
            Outcome = outcome;
            ErrorId = errorId;
            Message = message;
            Fields = fields;
            Stored = stored;
            Failure = failure;
            ReadBackFailure = readBackFailure;
        }

        public ContactWriteOutcome Outcome { get; }

        /// <summary>Qomon.Conflict, Qomon.WriteOutcomeUnknown, Qomon.WriteNotAsSent; null when nothing went wrong
        /// and for Failed, whose id follows from <see cref="Failure"/> (404, 422, ...).</summary>
        public string? ErrorId { get; }

        /// <summary>What happened, in words (without the record's name, which the caller puts in front); "" when all went well.</summary>
        public string Message { get; }

        /// <summary>The fields a conflict or a write not stored as sent is about (firstname, address.city, form:Label, tags[Name]).</summary>
        public IReadOnlyList<string> Fields { get; }

        /// <summary>The contact as the server last showed it: the PATCH answer, or the read (unchanged, conflict). Null when unknown.</summary>
        public JsonObject? Stored { get; }

        /// <summary>The API failure behind Failed and OutcomeUnknown (for OutcomeUnknown: the first lost answer).</summary>
        public QomonApiException? Failure { get; }

        /// <summary>OutcomeUnknown only: why the contact could not be read back, when that failed too.</summary>
        public Exception? ReadBackFailure { get; }

        public bool IsError => ErrorId != null || Outcome == ContactWriteOutcome.Failed;

        internal static ContactWriteResult Updated(JsonObject stored) =>
            new ContactWriteResult(ContactWriteOutcome.Updated, null, "", Array.Empty<string>(), stored, null, null);

        internal static ContactWriteResult Unchanged(JsonObject current) =>
            new ContactWriteResult(ContactWriteOutcome.Unchanged, null, "", Array.Empty<string>(), current, null, null);

        internal static ContactWriteResult Conflict(string message, IReadOnlyList<string> fields, JsonObject current) =>
            new ContactWriteResult(ContactWriteOutcome.Conflict, ContactWriteErrorIds.Conflict, message, fields, current, null, null);

        internal static ContactWriteResult Failed(QomonApiException failure) =>
            new ContactWriteResult(ContactWriteOutcome.Failed, null, failure.Message, Array.Empty<string>(), null, failure, null);

        internal static ContactWriteResult Unknown(QomonApiException lost, Exception? readBackFailure) =>
            new ContactWriteResult(ContactWriteOutcome.OutcomeUnknown, ContactWriteErrorIds.OutcomeUnknown,
                "the write may or may not have been applied", Array.Empty<string>(), null, lost, readBackFailure);

        internal static ContactWriteResult NotAsSent(IReadOnlyList<string> fields, JsonObject stored) =>
            new ContactWriteResult(ContactWriteOutcome.NotAsSent, ContactWriteErrorIds.NotAsSent,
                "the server stored " + string.Join(", ", fields) + " differently from what was sent", fields, stored, null, null);
    }
}

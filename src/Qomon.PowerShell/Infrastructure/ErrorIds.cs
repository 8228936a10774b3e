using Qomon.Client.Writing;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// Every error id the module reports, with the category it is reported under and what it means. Scripts match
    /// these on $_.FullyQualifiedErrorId, so an id's text never changes; the user's list is the ERRORS section of
    /// docs/about/about_Qomon.help.txt, and tests/Qomon.PowerShell.Tests/ErrorIds.Tests.ps1 fails when an id is
    /// written anywhere else in src, or is missing from that list.
    /// The table lives here, beside ErrorCategory, because ids become ErrorRecords only in this project.
    /// The contact writer in Qomon.Client reports its outcomes by id too, and the Client cannot see this project:
    /// those ids are spelled once, in Qomon.Client's <see cref="ContactWriteErrorIds"/>, and listed here by
    /// reference, so the table is complete and each text exists once.
    /// </summary>
    public static class ErrorIds
    {
        // Connecting and parameters (terminating).

        /// <summary>ConnectionError: no connection; run Connect-Qomon or pass -Connection.</summary>
        public const string NotConnected = "Qomon.NotConnected";

        /// <summary>ConnectionError: a connection kept in a variable was used after Disconnect-Qomon.</summary>
        public const string ConnectionClosed = "Qomon.ConnectionClosed";

        /// <summary>AuthenticationError: Connect-Qomon found no API key, or an empty one.</summary>
        public const string NoApiKey = "Qomon.NoApiKey";

        /// <summary>InvalidArgument: the key holds a character an HTTP header cannot carry; nothing is sent.</summary>
        public const string InvalidApiKey = "Qomon.InvalidApiKey";

        /// <summary>InvalidArgument: -BaseUri is plain http to a host that is not loopback (the key would travel unencrypted).</summary>
        public const string InsecureBaseUri = "Qomon.InsecureBaseUri";

        /// <summary>InvalidArgument: a bad parameter value (a -Query that is not JSON, a relative -BaseUri...).</summary>
        public const string InvalidArgument = "Qomon.InvalidArgument";

        /// <summary>InvalidArgument: parameters that cannot go together (the same tag to add and remove, -Replace -Id without -Property).</summary>
        public const string ConflictingParameters = "Qomon.ConflictingParameters";

        /// <summary>InvalidArgument: a Get-QomonContact -Filter key that is no searchable field (with "did you mean"), or a value it cannot take; nothing is sent.</summary>
        public const string InvalidFilter = "Qomon.InvalidFilter";

        /// <summary>InvalidArgument: a Get-QomonContact -UpdatedSince that is neither a date nor date math; the message lists the forms accepted, and nothing is sent.</summary>
        public const string InvalidUpdatedSince = "Qomon.InvalidUpdatedSince";

        /// <summary>InvalidArgument: Set-QomonContact -Id with no change to make.</summary>
        public const string NothingToChange = "Qomon.NothingToChange";

        // Qomon's answers, after the retries (QomonErrors.FromApi).

        /// <summary>InvalidResult: something other than Qomon's API answered (a proxy, a redirect, a wrong -BaseUri), or not with the record asked for.</summary>
        public const string UnexpectedResponse = "Qomon.UnexpectedResponse";

        /// <summary>ConnectionError: a network failure or a 5xx after every retry.</summary>
        public const string ConnectionFailed = "Qomon.ConnectionFailed";

        /// <summary>InvalidData: 400 or 422, Qomon refused the values.</summary>
        public const string InvalidData = "Qomon.InvalidData";

        /// <summary>AuthenticationError: 401, the key is wrong or revoked (also Connect-Qomon's key check).</summary>
        public const string AuthenticationFailed = "Qomon.AuthenticationFailed";

        /// <summary>PermissionDenied: 403, the key may not do this.</summary>
        public const string PermissionDenied = "Qomon.PermissionDenied";

        /// <summary>ObjectNotFound: 404 for a path that is neither a contact nor a form.</summary>
        public const string NotFound = "Qomon.NotFound";

        /// <summary>ObjectNotFound: 404 for a contact id.</summary>
        public const string ContactNotFound = "Qomon.ContactNotFound";

        /// <summary>ObjectNotFound: 404 for a form id.</summary>
        public const string FormNotFound = "Qomon.FormNotFound";

        /// <summary>
        /// ResourceExists: 409, or (from the contact writer) the contact changed on the server since it was read,
        /// in a field this write changes too; nothing was written.
        /// </summary>
        public const string Conflict = ContactWriteErrorIds.Conflict;

        /// <summary>LimitsExceeded: 429 after every retry.</summary>
        public const string RateLimitExceeded = "Qomon.RateLimitExceeded";

        /// <summary>NotSpecified: any other status.</summary>
        public const string RequestFailed = "Qomon.RequestFailed";

        // Records given to Set-, New- and Remove-QomonContact (non-terminating, one per record, unless noted).

        /// <summary>InvalidArgument: a bad field name or value in a record; nothing was sent for it.</summary>
        public const string InvalidInput = "Qomon.InvalidInput";

        /// <summary>InvalidArgument: a record with no Id, id or ContactId; terminating, before anything is sent, when the first record has no such column at all.</summary>
        public const string MissingId = "Qomon.MissingId";

        /// <summary>InvalidArgument: an id that is not a positive whole number, or two id columns that disagree.</summary>
        public const string InvalidId = "Qomon.InvalidId";

        /// <summary>InvalidArgument: New-QomonContact given an id (Qomon assigns it).</summary>
        public const string IdNotAllowed = "Qomon.IdNotAllowed";

        /// <summary>InvalidArgument: New-QomonContact given no value at all.</summary>
        public const string EmptyContact = "Qomon.EmptyContact";

        /// <summary>InvalidArgument: an edit of a Qomon.Contact that would not be written as meant (a field Qomon sets, the raw answer rows).</summary>
        public const string UnsupportedEdit = "Qomon.UnsupportedEdit";

        /// <summary>InvalidData: the same contact twice in one batch; the later record is not written.</summary>
        public const string DuplicateIdInBatch = "Qomon.DuplicateIdInBatch";

        /// <summary>InvalidOperation: -Replace in a session that cannot ask for confirmation, without -Force.</summary>
        public const string ReplaceNeedsConfirmation = "Qomon.ReplaceNeedsConfirmation";

        /// <summary>InvalidOperation, terminating: Remove-QomonContact in a session that cannot ask (add -Confirm:$false).</summary>
        public const string RemoveNeedsConfirmation = "Qomon.RemoveNeedsConfirmation";

        /// <summary>ConnectionError: the answer to a write was lost and reading the contact back could not settle whether it was applied.</summary>
        public const string WriteOutcomeUnknown = ContactWriteErrorIds.OutcomeUnknown;

        /// <summary>InvalidResult: the write was applied, but fields came back different from what was sent (the record is not counted as updated).</summary>
        public const string WriteNotAsSent = ContactWriteErrorIds.NotAsSent;

        // The run journal (-Journal, -Resume, Get-QomonJournal, Undo-QomonChange); terminating, before anything is sent.
        /// <summary>ResourceBusy: another run is writing to the journal (it holds the journal's .lock file).</summary>
        public const string JournalInUse = "Qomon.JournalInUse";
        /// <summary>InvalidOperation: -Resume or Undo-QomonChange with a journal written for another endpoint or space.</summary>
        public const string JournalOtherSpace = "Qomon.JournalOtherSpace";
        /// <summary>ReadError or WriteError: the journal file cannot be opened (a missing folder, no access); ObjectNotFound: Get-QomonJournal or Undo-QomonChange on a file that does not exist.</summary>
        public const string JournalUnreadable = "Qomon.JournalUnreadable";
        /// <summary>ObjectNotFound: Undo-QomonChange finds no run to undo in the journal, or not the one -Run names.</summary>
        public const string JournalRunNotFound = "Qomon.JournalRunNotFound";
        /// <summary>NotSpecified: a failure the write path did not expect (a defect, not an API answer); only its record fails.</summary>
        public const string WriteFailed = "Qomon.WriteFailed";
    }
}

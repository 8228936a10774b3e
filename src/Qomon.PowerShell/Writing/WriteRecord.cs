using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Input;
using Qomon.Client.Journal;
using Qomon.Client.Upsert;
using Qomon.Client.Writing;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// One input record on its way through a batch: what the caller gave, what it means, and what happened.
    /// Each record is touched by one task at a time (read, then write), and the pipeline thread looks at it only
    /// between phases, so it needs no locking.
    /// </summary>
    internal sealed class WriteRecord
    {
        internal WriteRecord(int position, object target)
        {
            Position = position;
            Target = target;
        }

        /// <summary>1-based place in the command's input, so an error can name the row of a CSV file.</summary>
        internal int Position { get; }

        /// <summary>What errors name as their target: the contact id when known, else the input itself.</summary>
        internal object Target { get; set; }

        internal long? Id { get; set; }

        internal ContactChanges? Changes { get; set; }

        /// <summary>Undo: the changes worked out from the read (see ContactMergeRequest.ChangesFromRead).</summary>
        internal System.Func<JsonObject, ContactChanges>? ChangesFromRead { get; set; }

        /// <summary>The UpdatedAt the input carried (the state the caller saw), for the whole-contact conflict check.</summary>
        internal System.DateTimeOffset? SeenUpdatedAt { get; set; }

        /// <summary>Merge: the blank values that changed nothing, reported once the contact is read (see BlankCells).</summary>
        internal BlankCells? Blanks { get; set; }

        /// <summary>For a Qomon.Contact edited in place: the contact as it was read, for the field-level conflict check.</summary>
        internal JsonObject? AsRead { get; set; }

        /// <summary>When AsRead was read: the upsert path looks for changes on the server since then.</summary>
        internal System.DateTimeOffset? AsReadAt { get; set; }

        /// <summary>-Replace and New-QomonContact: the complete contact to send.</summary>
        internal JsonObject? FullContact { get; set; }

        /// <summary>The contact as the server held it before the write (merge reads it; -Replace only for a preview).</summary>
        internal JsonObject? Current { get; set; }

        /// <summary>Merge: the write planned from the read, holding the record's write tokens until it is committed or dropped.</summary>
        internal ContactWritePlan? Plan { get; set; }

        /// <summary>-WriteMethod Upsert or Auto, under a preview: the write planned from the base (which way, what changes).</summary>
        internal UpsertPlan? UpsertPlan { get; set; }

        /// <summary>-WriteMethod Upsert or Auto: the way the record was written (null on the PATCH-only paths).</summary>
        internal WriteMethod? Method { get; set; }

        /// <summary>An upsert was sent but not seen applied in time, so the record went by PATCH.</summary>
        internal bool FellBack { get; set; }

        /// <summary>The contact as stored after the write (or as read, for an unchanged record).</summary>
        internal JsonObject? Stored { get; set; }

        internal RecordOutcome Outcome { get => _outcome; set => _outcome = value; }
        private volatile RecordOutcome _outcome = RecordOutcome.Pending;

        /// <summary>Set just before the write is handed to the client: from here on, a stop leaves its outcome unknown.</summary>
        internal bool WriteStarted { get => _writeStarted; set => _writeStarted = value; }
        private volatile bool _writeStarted;

        /// <summary>
        /// For a write that may wait long before its request goes out (the upsert path: the probe, a request slot): null
        /// while it has sent nothing, true once a write request for it went out. Null on the other paths, where a started
        /// write sends at once.
        /// </summary>
        internal bool? WriteSent { get => _writeSent == 0 ? (bool?)null : _writeSent == 2; set => _writeSent = value == null ? 0 : value.Value ? 2 : 1; }
        private volatile int _writeSent;

        /// <summary>True when a stop leaves this record's outcome unknown: its write started and, where that is tracked, sent.</summary>
        internal bool MayHaveBeenWritten => WriteStarted && WriteSent != false;

        internal List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();

        /// <summary>-Journal: the record's lines (pending before each request, done when reported); null when not journaled.</summary>
        internal RecordJournal? Journal { get; set; }

        /// <summary>The journal's op word for this record when a command's records differ (Undo-QomonChange); null for the command's own.</summary>
        internal string? JournalOp { get; set; }

        /// <summary>-Resume: the journal shows this change done already, so it was settled without a request.</summary>
        internal bool SkippedByResume { get; set; }

        /// <summary>-Resume: the record of an earlier run that sent this change and stopped before its outcome.</summary>
        internal JournalRecord? ResumedFrom { get; set; }

        internal bool IsPending => Outcome == RecordOutcome.Pending || Outcome == RecordOutcome.NeedsWrite;

        internal void Fail(ErrorRecord error, RecordOutcome outcome = RecordOutcome.Failed)
        {
            Errors.Add(error);
            Outcome = outcome;
        }

        /// <summary>"record 5 (contact 123)" or "record 5": how messages name this record.</summary>
        internal string Describe() =>
            Id.HasValue
                ? "record " + Position.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (contact " + Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"
                : "record " + Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

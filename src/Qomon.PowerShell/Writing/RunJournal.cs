using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client;
using Qomon.Client.Journal;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// -Journal for one run of a write command: the run line at the start, each record's journal attached as it is
    /// submitted (its pending lines come from the writers), its done line as it is reported. Under -Resume, a
    /// record the journal shows done is settled here, before it costs a token.
    /// </summary>
    internal sealed class RunJournal : IDisposable
    {
        private readonly JournalWriter _writer;
        private readonly JournalRun _run;
        private readonly JournalResume _resume;
        private readonly string _op;

        private RunJournal(JournalWriter writer, JournalRun run, JournalResume resume, string op)
        {
            _writer = writer;
            _run = run;
            _resume = resume;
            _op = op;
        }

        /// <summary>
        /// Takes the journal for this run (a terminating Qomon.JournalInUse error when another run holds it), reads what
        /// -Resume needs while holding it, and writes the run line.
        /// </summary>
        internal static RunJournal Open(PSCmdlet cmdlet, string path, QomonConnection connection, string op, JsonObject options, Func<JournalResume>? readResume)
        {
            JournalWriter writer;
            try { writer = JournalWriter.Open(path); }
            catch (JournalInUseException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, ErrorIds.JournalInUse, ErrorCategory.ResourceBusy, path)
                {
                    ErrorDetails = new ErrorDetails(e.Message + " Nothing was sent.")
                });
                throw;
            }
            catch (Exception e) when (JournalFile.IsFileProblem(e))
            {
                var message = "Cannot open the journal " + path + ": " + e.Message + " Nothing was sent.";
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, ErrorIds.JournalUnreadable, ErrorCategory.WriteError, path) { ErrorDetails = new ErrorDetails(message) });
                throw;
            }
            try
            {
                // Read under the lock: no other run can add to the journal between this read and this run's lines.
                var resume = readResume?.Invoke() ?? JournalResume.Empty;
                var module = cmdlet.MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(RunJournal).Assembly.GetName().Version?.ToString() ?? "";
                var run = JournalRun.Start(writer, connection.Settings.TimeProvider, cmdlet.MyInvocation.MyCommand.Name, connection.BaseUri, null, module, options);
                return new RunJournal(writer, run, resume, op);
            }
            catch
            {
                writer.Dispose();
                throw;
            }
        }

        /// <summary>Gives the record its journal; under -Resume, settles a record whose change the journal shows done.</summary>
        internal void Attach(WriteRecord record)
        {
            var op = record.JournalOp ?? _op;
            var intent = IntentOf(record, op);
            if (intent != null && record.IsPending && _resume.IsComplete(intent))
            {
                record.Outcome = RecordOutcome.Unchanged;
                record.SkippedByResume = true;
                return;
            }
            if (intent != null) record.ResumedFrom = _resume.SentWithoutOutcome(intent);
            record.Journal = _run.Record(record.Position, op, record.Id, intent, record.Changes);
        }

        /// <summary>Writes the done line of a reported record (none for one declined, or under -WhatIf, or skipped by -Resume).</summary>
        internal void Settled(WriteRecord record)
        {
            var journal = record.Journal;
            if (journal == null || record.SkippedByResume) return;
            var error = record.Errors.FirstOrDefault();
            var errorId = error?.FullyQualifiedErrorId.Split(',')[0];
            var message = error == null ? null : error.ErrorDetails?.Message ?? error.Exception?.Message;
            var before = record.Current ?? record.AsRead;
            switch (record.Outcome)
            {
                case RecordOutcome.Updated: journal.Done(JournalOutcomes.Updated, null, null, record.Id, null); break;
                case RecordOutcome.Unchanged when record.ResumedFrom is JournalRecord earlier:
                    // The read found the values in place: the write of the run that stopped had been applied.
                    journal.Done(JournalOutcomes.Updated, null, "written by run " + earlier.Run + " (record " + earlier.Seq +
                        ") before it stopped; found applied on resume", record.Id, null, before, earlier.Method);
                    break;
                case RecordOutcome.Unchanged: journal.Done(JournalOutcomes.Unchanged, null, null, record.Id, null, before); break;
                case RecordOutcome.Conflict: journal.Done(JournalOutcomes.Conflict, errorId, message, record.Id, null, before); break;
                case RecordOutcome.Created: journal.Done(JournalOutcomes.Created, null, null, record.Id, record.Id); break;
                case RecordOutcome.Removed: journal.Done(JournalOutcomes.Removed, null, null, record.Id, null); break;
                case RecordOutcome.Failed:
                    var outcome = errorId == ErrorIds.WriteOutcomeUnknown ? JournalOutcomes.Unknown : JournalOutcomes.Failed;
                    journal.Done(outcome, errorId, message, record.Id, null, before);
                    break;
            }
        }

        private static string? IntentOf(WriteRecord record, string op)
        {
            switch (op)
            {
                case JournalIntent.Create: return record.FullContact == null ? null : JournalIntent.OfCreate(record.FullContact);
                case JournalIntent.Remove: return record.Id.HasValue ? JournalIntent.OfRemove(record.Id.Value) : null;
                default:
                    if (!record.Id.HasValue) return null;
                    if (record.FullContact != null) return JournalIntent.OfReplace(record.Id.Value, record.FullContact);
                    return record.Changes == null ? null : JournalIntent.OfUpdate(record.Id.Value, record.Changes);
            }
        }

        public void Dispose() => _writer.Dispose();
    }
}

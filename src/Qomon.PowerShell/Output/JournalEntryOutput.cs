using System;
using System.Linq;
using System.Management.Automation;
using Qomon.Client.Journal;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// One record of a run journal as Get-QomonJournal writes it (type name Qomon.JournalEntry): the record's pending
    /// and done lines taken together, values converted to PowerShell objects.
    /// </summary>
    public sealed class JournalEntryOutput
    {
        public const string TypeName = "Qomon.JournalEntry";

        private JournalEntryOutput(JournalRecord record)
        {
            Run = record.Run;
            Seq = record.Seq;
            At = record.At.UtcDateTime;
            Command = record.Command;
            Id = record.Id;
            Op = record.Op;
            Method = record.Method;
            Outcome = record.Outcome;
            Error = record.Error;
            Message = record.Message;
            NewId = record.NewId;
            Intent = record.Intent;
            Before = record.Before == null ? null : JsonToPowerShell.ToContact(record.Before);
            Fields = record.Fields.Select(f =>
            {
                var field = new PSObject();
                field.Properties.Add(new PSNoteProperty("Path", f.Path));
                field.Properties.Add(new PSNoteProperty("Old", JsonToPowerShell.Convert(f.Old)));
                field.Properties.Add(new PSNoteProperty("New", JsonToPowerShell.Convert(f.New)));
                return field;
            }).ToArray();
        }

        /// <summary>The run's id (one per command run).</summary>
        public string Run { get; }

        /// <summary>The record's position in its run's input.</summary>
        public int Seq { get; }

        /// <summary>When its last line was written (UTC).</summary>
        public DateTime At { get; }

        public string? Command { get; }
        public long? Id { get; }

        /// <summary>update, create or remove.</summary>
        public string? Op { get; }

        /// <summary>patch, upsert, post or delete; empty when nothing was sent.</summary>
        public string? Method { get; }

        /// <summary>updated, unchanged, conflict, failed, unknown, created, removed, or pending (sent, and the run stopped before its answer).</summary>
        public string Outcome { get; }

        /// <summary>The error id (Qomon.Conflict...), when the record did not go as asked.</summary>
        public string? Error { get; }

        public string? Message { get; }

        /// <summary>A created contact's id.</summary>
        public long? NewId { get; }

        public string? Intent { get; }

        /// <summary>The contact as read before the write (a Qomon contact object), when it was read.</summary>
        public PSObject? Before { get; }

        /// <summary>The fields written: Path, Old, New.</summary>
        public PSObject[] Fields { get; }

        internal static PSObject Create(JournalRecord record)
        {
            var output = PSObject.AsPSObject(new JournalEntryOutput(record));
            output.TypeNames.Insert(0, TypeName);
            return output;
        }
    }
}

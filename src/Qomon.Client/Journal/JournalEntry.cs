using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Qomon.Client.Journal
{
    /// <summary>One line of a run journal (see JOURNAL-FORMAT.md): a run start, a pending request, or a settled record.</summary>
    public sealed class JournalEntry
    {
        public const string RunKind = "run";
        public const string PendingKind = "pending";
        public const string DoneKind = "done";

        public string Kind { get; set; } = "";
        public string Run { get; set; } = "";
        public DateTimeOffset At { get; set; }

        /// <summary>The record's 1-based position in its run's input (pending and done lines).</summary>
        public int? Seq { get; set; }

        // run lines
        public string? Command { get; set; }
        public string? Endpoint { get; set; }
        public long? Space { get; set; }
        public string? Module { get; set; }
        public JsonObject? Options { get; set; }

        // pending and done lines
        public string? Op { get; set; }
        public long? Id { get; set; }
        public string? Method { get; set; }
        public string? Intent { get; set; }
        public JsonObject? Before { get; set; }
        public IReadOnlyList<JournalField>? Fields { get; set; }

        // done lines
        public string? Outcome { get; set; }
        public string? Error { get; set; }
        public string? Message { get; set; }
        public long? NewId { get; set; }

        /// <summary>Where the entry was read from (1-based); 0 for an entry not read from a file.</summary>
        public int LineNumber { get; set; }
    }
}

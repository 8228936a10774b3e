using System;
using System.Text.Json.Nodes;
using System.Threading;
using Qomon.Client.Changes;
using Qomon.Client.Json;

namespace Qomon.Client.Journal
{
    /// <summary>
    /// One run's part of a journal: its run line, then a RecordJournal per input record. Learns the space from
    /// the first contact it sees (group_id), for the checks of -Resume and undo.
    /// </summary>
    public sealed class JournalRun
    {
        private readonly JournalWriter _writer;
        private readonly TimeProvider _time;
        private long _space;

        private JournalRun(JournalWriter writer, TimeProvider time, string run, long? space)
        {
            _writer = writer;
            _time = time;
            Run = run;
            _space = space ?? 0;
        }

        public string Run { get; }

        /// <summary>The space's group_id, once a contact was seen; null before.</summary>
        public long? Space => Interlocked.Read(ref _space) is long s && s != 0 ? s : (long?)null;

        /// <summary>Writes the run line and returns the run.</summary>
        /// <param name="options">The command's write options (parameter names and values); never the API key.</param>
        public static JournalRun Start(JournalWriter writer, TimeProvider? time, string command, Uri endpoint, long? space, string module, JsonObject options)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            time ??= TimeProvider.System;
            var run = new JournalRun(writer, time, Guid.NewGuid().ToString(), space);
            writer.Append(new JournalEntry
            {
                Kind = JournalEntry.RunKind,
                Run = run.Run,
                At = time.GetUtcNow(),
                Command = command,
                Endpoint = endpoint.ToString(),
                Space = space,
                Module = module,
                Options = options,
            });
            return run;
        }

        /// <summary>The journal of one input record.</summary>
        /// <param name="scope">An update's changes: its pending lines then list only the fields they touch.</param>
        public RecordJournal Record(int seq, string op, long? id, string? intent, ContactChanges? scope) =>
            new RecordJournal(this, seq, op, id, intent, scope);

        internal void Append(JournalEntry entry)
        {
            entry.Run = Run;
            entry.At = _time.GetUtcNow();
            _writer.Append(entry);
        }

        internal void Saw(JsonObject? contact)
        {
            if (contact == null || Interlocked.Read(ref _space) != 0) return;
            if (contact.TryGetPropertyValue("group_id", out var group) && JsonRead.TryGetLong(group, out var id) && id != 0)
                Interlocked.CompareExchange(ref _space, id, 0);
        }
    }
}

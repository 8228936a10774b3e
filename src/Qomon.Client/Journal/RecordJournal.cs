using System.Text.Json.Nodes;
using Qomon.Client.Changes;

namespace Qomon.Client.Journal
{
    /// <summary>
    /// The lines of one input record: a pending line before each request (IWriteJournal.Sending), one done line when
    /// it is settled. A record settled without a request gets a done line that also says what was intended.
    /// </summary>
    public sealed class RecordJournal : IWriteJournal
    {
        private readonly JournalRun _run;
        private readonly ContactChanges? _scope;
        private volatile string? _lastMethod;
        private bool _done;

        internal RecordJournal(JournalRun run, int seq, string op, long? id, string? intent, ContactChanges? scope)
        {
            _run = run;
            Seq = seq;
            Op = op;
            Id = id;
            Intent = intent;
            _scope = scope;
        }

        public int Seq { get; }
        public string Op { get; }
        public long? Id { get; }
        /// <summary>Null for input refused before its change was known.</summary>
        public string? Intent { get; }

        /// <summary>The method of the last request sent for this record; null while none was.</summary>
        public string? LastMethod => _lastMethod;

        public void Sending(string method, JsonObject? before, JsonObject? after)
        {
            _run.Saw(before);
            _run.Append(new JournalEntry
            {
                Kind = JournalEntry.PendingKind,
                Seq = Seq,
                Op = Op,
                Id = Id,
                Method = method,
                Intent = Intent,
                Before = before,
                Fields = JournalFieldList.Between(before, after, _scope),
            });
            _lastMethod = method;
        }

        /// <summary>Writes the done line (once; later calls do nothing).</summary>
        /// <param name="before">The contact as read, for a record settled without a request (unchanged, conflict).</param>
        /// <param name="method">The method to record when it differs from the last request's (a write found applied on resume).</param>
        public void Done(string outcome, string? error, string? message, long? id, long? newId, JsonObject? before = null, string? method = null)
        {
            if (_done) return;
            _done = true;
            _run.Saw(before);
            var sent = _lastMethod != null;
            _run.Append(new JournalEntry
            {
                Kind = JournalEntry.DoneKind,
                Seq = Seq,
                Id = id ?? Id,
                Outcome = outcome,
                Error = error,
                Message = message,
                NewId = newId,
                Method = method ?? _lastMethod,
                Op = sent ? null : Op,
                Intent = sent ? null : Intent,
                Before = sent ? null : before,
            });
        }
    }
}

using System.Text.Json.Nodes;
using Qomon.Client.Journal;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Told by the client just before each write request of a record goes out: marks the record sent, then writes the
    /// journal's pending line, if the run keeps a journal. On the upsert path a record's write starts long before its
    /// request (it waits for the run's first upsert, or a request slot), so only this mark tells a stop which records
    /// may have been written.
    /// </summary>
    internal sealed class SendWatch : IWriteJournal
    {
        private readonly WriteRecord _record;

        internal SendWatch(WriteRecord record) => _record = record;

        public void Sending(string method, JsonObject? before, JsonObject? after)
        {
            _record.Journal?.Sending(method, before, after);
            _record.WriteSent = true;
        }
    }
}

using System.Text.Json.Nodes;

namespace Qomon.Client.Journal
{
    /// <summary>
    /// The journal of one input record, as the writers see it: told of each request just before it goes out.
    /// Sending returns only once the pending line is on the disk, so a process killed during the request leaves a
    /// trace of it.
    /// </summary>
    public interface IWriteJournal
    {
        /// <param name="method">patch, upsert, post or delete (JournalMethods).</param>
        /// <param name="before">The contact as read, the request worked out from it; null for a create or when not read.</param>
        /// <param name="after">The contact as the request leaves it (the PATCH body, the merged contact for an upsert, the new contact); null for a delete.</param>
        void Sending(string method, JsonObject? before, JsonObject? after);
    }
}

using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Json;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// One search page of the contacts changed since a moment, by id. A full page may leave changed contacts out;
    /// a failed search holds nothing and says so (Answered false). Each record that asked pays TokenShare.
    /// </summary>
    internal sealed class ChangedContacts
    {
        private readonly Dictionary<long, JsonObject> _byId;

        private ChangedContacts(Dictionary<long, JsonObject> byId, bool answered, bool isFull, double tokenShare)
        {
            _byId = byId;
            Answered = answered;
            IsFull = isFull;
            TokenShare = tokenShare;
        }

        public static ChangedContacts From(IReadOnlyList<JsonObject> rows, int pageSize, double tokenShare)
        {
            var byId = new Dictionary<long, JsonObject>();
            foreach (var row in rows)
            {
                if (JsonRead.TryGetLong(row["id"], out var id)) byId[id] = row;
            }
            return new ChangedContacts(byId, true, rows.Count >= pageSize, tokenShare);
        }

        public static ChangedContacts Failed(double tokenShare) => new ChangedContacts(new Dictionary<long, JsonObject>(), false, false, tokenShare);

        /// <summary>False when the search failed: the page says nothing about any contact.</summary>
        public bool Answered { get; }

        /// <summary>The page held as many contacts as it could: a changed contact may be on a page not read.</summary>
        public bool IsFull { get; }

        public double TokenShare { get; }

        /// <summary>The contact as the page shows it, or null when the page does not hold it.</summary>
        public JsonObject? Find(long id) => _byId.TryGetValue(id, out var contact) ? contact : null;
    }
}

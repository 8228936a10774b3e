using System;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.Client.Search
{
    /// <summary>Ready-made search conditions (-UpdatedSince) and their combination with a filter or query.</summary>
    public static class ContactQuery
    {
        /// <summary>
        /// The attribute -UpdatedSince compares. UpdatedAt rather than lastchange: an upsert moves UpdatedAt but
        /// not lastchange (qomon-api.md §3.5), and Qomon's polling guide searches on UpdatedAt.
        /// </summary>
        public const string UpdatedAttribute = "UpdatedAt";

        /// <summary>{"$condition":{"attr":"UpdatedAt","ope":"gte","value":"2026-01-01T00:00:00.000Z"}}.</summary>
        public static JsonObject UpdatedSince(DateTimeOffset since) =>
            QueryTree.Condition(UpdatedAttribute, SearchOperators.Gte, JsonValue.Create(QomonDate.FormatForWrite(since)));

        /// <summary>The same from date math (now-1d/d, passed to the server as is) or an ISO date (normalised); anything else throws ArgumentException.</summary>
        public static JsonObject UpdatedSince(string since)
        {
            if (since == null) throw new ArgumentNullException(nameof(since));
            var trimmed = since.Trim();
            if (DateMath.IsValid(trimmed)) return QueryTree.Condition(UpdatedAttribute, SearchOperators.Gte, JsonValue.Create(trimmed));
            if (QomonDate.TryParse(trimmed, out var date)) return UpdatedSince(date);
            throw new ArgumentException(UpdatedSinceForms.Refusal(since));
        }

        /// <summary>A query that also requires UpdatedAt ≥ since (query may be null: all contacts).</summary>
        public static JsonObject WithUpdatedSince(JsonObject? query, JsonObject updatedSinceCondition) => QueryTree.And(query, updatedSinceCondition);
    }
}

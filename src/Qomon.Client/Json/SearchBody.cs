using System;
using System.Text.Json.Nodes;

namespace Qomon.Client.Json
{
    /// <summary>Bodies of POST /search and POST /kpi.</summary>
    internal static class SearchBody
    {
        public static JsonObject Page(JsonObject query, int page, int perPage, string? sortAttribute, bool sortAscending)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (perPage < 1 || perPage > 1000) throw new ArgumentOutOfRangeException(nameof(perPage), perPage, "Qomon pages hold 1 to 1000 contacts.");
            if (page < 0) throw new ArgumentOutOfRangeException(nameof(page), page, "Pages are numbered from 0.");

            var search = new JsonObject
            {
                ["per_page"] = perPage,
                ["page"] = page,
            };
            if (!string.IsNullOrEmpty(sortAttribute)) search["sort_attr"] = sortAttribute;
            search["sort_asc"] = sortAscending;
            search["query"] = query.DeepClone();
            return Wrap(search);
        }

        public static JsonObject Count(JsonObject query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Wrap(new JsonObject { ["query"] = query.DeepClone() });
        }

        private static JsonObject Wrap(JsonObject search) =>
            new JsonObject { ["data"] = new JsonObject { ["advanced_search"] = search } };
    }
}

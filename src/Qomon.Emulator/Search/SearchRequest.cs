using System.Text.Json;
using Qomon.Emulator.Problems;

namespace Qomon.Emulator.Search
{
    /// <summary>
    /// The body of POST /search and POST /kpi: {"data":{"advanced_search":{per_page, page, sort_attr, sort_asc,
    /// include_interactions, query}}}. include_interactions is taken inside advanced_search (docs) or beside it (spec).
    /// </summary>
    public sealed record SearchRequest(JsonElement? Query, int PerPage, int Page, string? SortAttribute, bool SortAscending, bool IncludeInteractions)
    {
        public const int MaxPerPage = 1000;
        private const string Root = "data.advanced_search";

        public static readonly IReadOnlyList<string> SortAttributes = ["surname", "firstname", "birthdate", "gender", "lastchange", "mail", "married_name", "city"];

        public static SearchRequest Read(JsonElement body, bool perPageRequired)
        {
            if (body.ValueKind != JsonValueKind.Object
                || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("advanced_search", out var search) || search.ValueKind != JsonValueKind.Object)
                throw ProblemException.BadRequest("The body must be {\"data\":{\"advanced_search\":{…}}}.");

            var errors = new List<FieldError>();
            var perPage = Int(search, "per_page", errors);
            if (perPage is null && perPageRequired) errors.Add(new FieldError($"{Root}.per_page", "is required"));
            else if (perPage is < 1 or > MaxPerPage) errors.Add(new FieldError($"{Root}.per_page", $"must be from 1 to {MaxPerPage}", perPage));

            var page = Int(search, "page", errors) ?? 0;
            if (page < 0) errors.Add(new FieldError($"{Root}.page", "must be 0 or more (pages count from 0)", page));

            string? sort = null;
            if (search.TryGetProperty("sort_attr", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                sort = s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                if (sort is null || !SortAttributes.Contains(sort))
                    errors.Add(new FieldError($"{Root}.sort_attr", $"must be one of {string.Join(", ", SortAttributes)}", s.Clone()));
            }

            var ascending = Bool(search, "sort_asc", errors) ?? false;
            var interactions = Bool(search, "include_interactions", errors) ?? Bool(data, "include_interactions", errors) ?? false;
            if (errors.Count > 0) throw ProblemException.Unprocessable("The search parameters are not valid.", errors);

            JsonElement? query = search.TryGetProperty("query", out var q) ? q : null;
            return new SearchRequest(query, perPage ?? MaxPerPage, page, sort, ascending, interactions);
        }

        private static int? Int(JsonElement e, string name, List<FieldError> errors)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)) return n;
            errors.Add(new FieldError($"{Root}.{name}", "must be an integer", v.Clone()));
            return null;
        }

        private static bool? Bool(JsonElement e, string name, List<FieldError> errors)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
            errors.Add(new FieldError($"{Root}.{name}", "must be true or false", v.Clone()));
            return null;
        }
    }
}

using System;
using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Json;

namespace Qomon.Client.Search
{
    /// <summary>
    /// Checks a raw query tree (Get-QomonContact -Query) before a token is spent on it, as -Filter is checked:
    /// the two-level shape Qomon accepts, known operators (range with from and to), known attributes, and a form_id
    /// on form and custom_fields conditions. Throws ArgumentException naming where in the tree and what is wrong.
    /// </summary>
    public static class QueryValidator
    {
        private const string Example = "{\"$all\":[{\"$all\":[{\"$condition\":{\"attr\":\"surname\",\"ope\":\"eql\",\"value\":\"Martin\"}}]}]}";

        public static void Validate(JsonObject query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (query.Count != 1 || !IsGroupKey(query.First().Key))
                throw Invalid("the root", $"must be one $all or $at_least_one over a list of groups, such as {Example}");
            var root = query.First();
            if (!(root.Value is JsonArray groups)) throw Invalid(root.Key, "must hold a list of groups");
            for (var i = 0; i < groups.Count; i++) CheckGroup(Index(root.Key, i), groups[i]);
        }

        private static void CheckGroup(string at, JsonNode? item)
        {
            // Qomon's own wording for its 422 (qomon-api.md §3.6; the spec's "complex" example makes this mistake).
            if (item is JsonObject misplaced && misplaced.ContainsKey(QueryTree.ConditionKey))
                throw Invalid(at, $"a $condition must sit inside a group ($all or $at_least_one), not directly under the root (Qomon answers 422); wrap it: {Example}");
            if (!(item is JsonObject group) || group.Count != 1 || !IsGroupKey(group.First().Key))
                throw Invalid(at, "each item under the root must be a group, {\"$all\":[...]} or {\"$at_least_one\":[...]}, of $condition objects");
            var members = group.First();
            if (!(members.Value is JsonArray conditions)) throw Invalid(at + "." + members.Key, "must hold a list of $condition objects");
            for (var i = 0; i < conditions.Count; i++) CheckCondition(Index(at + "." + members.Key, i), conditions[i]);
        }

        private static void CheckCondition(string at, JsonNode? item)
        {
            if (item is JsonObject nested && nested.Count == 1 && IsGroupKey(nested.First().Key))
                throw Invalid(at, "a group inside a group: Qomon's query has two levels only, a root over groups of $condition objects");
            if (!(item is JsonObject wrapper) || wrapper.Count != 1 || !(wrapper[QueryTree.ConditionKey] is JsonObject condition))
                throw Invalid(at, "expected {\"$condition\":{\"attr\":...,\"ope\":...,\"value\":...}}");
            at += "." + QueryTree.ConditionKey;

            var operation = RequiredText(condition, "ope", at);
            if (!SearchOperators.IsKnown(operation))
                throw Invalid(at + ".ope", $"'{operation}' is no Qomon operator; use one of {string.Join(", ", SearchOperators.Known)}");
            if (operation == SearchOperators.Range && (condition["from"] == null || condition["to"] == null))
                throw Invalid(at, "range compares between from and to: give both, such as {\"attr\":\"birthdate\",\"ope\":\"range\",\"from\":\"1980-01-01\",\"to\":\"1989-12-31\"}");

            var attribute = RequiredText(condition, "attr", at);
            if (!SearchAttributes.IsKnown(attribute)) throw UnknownAttribute(at + ".attr", attribute);
            if ((attribute == SearchAttributes.Form || attribute == SearchAttributes.CustomFields)
                && !(JsonRead.TryGetLong(condition["form_id"], out var formId) && formId > 0))
                throw Invalid(at, $"a condition on {attribute} names its form with form_id, a positive whole number (Get-QomonForm shows the ids)");
        }

        // The API documents its attributes only in part: the refusal says which are known and how to send another.
        private static ArgumentException UnknownAttribute(string at, string attribute)
        {
            var suggestion = SearchAttributes.Suggest(attribute);
            var meant = suggestion == null ? "." : $"; did you mean '{suggestion}'?";
            return Invalid(at, $"'{attribute}' is not a search attribute this module knows{meant} Known: {string.Join(", ", SearchAttributes.Known)}. " +
                               "Qomon documents its attributes only in part: to send one not listed here, use Invoke-QomonRequest -Method POST -Path /search " +
                               "-Body @{ data = @{ advanced_search = @{ per_page = 1000; page = 0; query = <your query> } } }");
        }

        private static string RequiredText(JsonObject condition, string key, string at)
        {
            if (condition[key] is JsonValue value && value.TryGetValue(out string? text) && text.Trim().Length > 0) return text;
            throw Invalid(at + "." + key, "is required, as text");
        }

        private static bool IsGroupKey(string key) => key == QueryTree.All || key == QueryTree.AtLeastOne;

        private static string Index(string at, int index) => at + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

        private static ArgumentException Invalid(string at, string problem) => new ArgumentException(at + ": " + problem);
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Qomon.Client.Tests.Merge.Fixtures
{
    /// <summary>Small readers for assertions on merged bodies.</summary>
    internal static class Body
    {
        /// <summary>The (form_ref_id, data) pairs of one form's entries in a body's list.</summary>
        public static List<(long Ref, string? Data)> Answers(JsonObject body, string key, long formId) =>
            body[key]!.AsArray()
                .Select(e => e!.AsObject())
                .Where(e => Long(e["form_id"]) == formId)
                .Select(e => (Long(e["form_ref_id"]), (string?)e["data"]))
                .ToList();

        public static JsonObject? Entry(JsonObject body, string key, long formId, string data) =>
            body[key]!.AsArray().Select(e => e!.AsObject()).FirstOrDefault(e => Long(e["form_id"]) == formId && (string?)e["data"] == data);

        /// <summary>A number whatever CLR type the node was built from.</summary>
        public static long Long(JsonNode? node) => long.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

        public static List<string> TagNames(JsonObject body) => body["tags"]!.AsArray().Select(t => (string)t!["name"]!).ToList();

        public static Dictionary<string, object?> Row(params (string Name, object? Value)[] cells) =>
            cells.ToDictionary(c => c.Name, c => c.Value);
    }
}

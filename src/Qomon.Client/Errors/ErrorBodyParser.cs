using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qomon.Client.Errors
{
    /// <summary>Reads both error shapes Qomon uses: RFC 7807 problem JSON and the older {"status":"fail"}.</summary>
    internal static class ErrorBodyParser
    {
        internal sealed class Problem
        {
            public string? Title;
            public string? Detail;
            public List<QomonFieldError> Errors = new List<QomonFieldError>();
        }

        public static Problem Parse(string? body)
        {
            var problem = new Problem();
            if (string.IsNullOrWhiteSpace(body))
                return problem;

            JsonNode? root;
            try { root = JsonNode.Parse(body!); }
            catch (JsonException) { problem.Detail = Shorten(body!.Trim()); return problem; }

            if (root is not JsonObject obj)
                return problem;

            problem.Title = Text(obj["title"]);
            problem.Detail = Text(obj["detail"]) ?? Text(obj["message"]);
            // {"status":"fail","data":{...}} (JSend) carries its details under data, when it carries any.
            if (problem.Detail == null && obj["data"] is JsonObject data)
                problem.Detail = Text(data["message"]) ?? Text(data["detail"]);
            if (problem.Title == null && Text(obj["status"]) is string status && status != "success")
                problem.Title = status;

            if (obj["errors"] is JsonArray errors)
            {
                foreach (var item in errors)
                {
                    if (item is JsonObject e)
                        problem.Errors.Add(new QomonFieldError(Text(e["location"]) ?? Text(e["field"]), Text(e["message"]), e["value"]?.ToJsonString()));
                    else if (item != null)
                        problem.Errors.Add(new QomonFieldError(null, Text(item), null));
                }
            }
            return problem;
        }

        private static string? Text(JsonNode? node)
        {
            if (node is JsonValue value)
            {
                if (value.TryGetValue(out string? s)) return s;
                return value.ToJsonString();
            }
            return node?.ToJsonString();
        }

        private static string Shorten(string text) => text.Length <= 300 ? text : text.Substring(0, 300) + "…";
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Qomon.Client.Json;

namespace Qomon.Client.Writing
{
    /// <summary>
    /// Values that hold nothing a person entered: none, "", false, [] and {}. Clearing one loses nothing, and a
    /// server that fills one in for a field the write left out has not changed what was sent.
    /// </summary>
    internal static class NoValue
    {
        internal static bool Holds(JsonNode? value)
        {
            if (JsonRead.IsBlank(value)) return true;
            switch (value)
            {
                case JsonArray list: return list.Count == 0;
                case JsonObject map: return map.Count == 0;
                case JsonValue json: return json.GetValueKind() == JsonValueKind.False;
                default: return false;
            }
        }
    }
}

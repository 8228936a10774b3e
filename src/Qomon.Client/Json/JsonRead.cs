using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qomon.Client.Json
{
    /// <summary>Lenient reads of JSON values: Qomon sends some numbers as strings and some strings as numbers (§5).</summary>
    internal static class JsonRead
    {
        /// <summary>A whole number from a JSON number or a string of digits.</summary>
        public static bool TryGetLong(JsonNode? node, out long value)
        {
            value = 0;
            if (!(node is JsonValue json)) return false;
            if (json.TryGetValue(out long number)) { value = number; return true; }
            if (json.TryGetValue(out int small)) { value = small; return true; }
            if (json.TryGetValue(out double real) && Math.Floor(real) == real && Math.Abs(real) < 9e15) { value = (long)real; return true; }
            if (json.TryGetValue(out decimal exact) && decimal.Truncate(exact) == exact && Math.Abs(exact) < 9e15m) { value = (long)exact; return true; }
            if (json.TryGetValue(out JsonElement element))
            {
                if (element.ValueKind == JsonValueKind.Number) return element.TryGetInt64(out value);
                if (element.ValueKind == JsonValueKind.String) return long.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
                return false;
            }
            if (json.TryGetValue(out string? text)) return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
            return false;
        }

        /// <summary>The text of a scalar: a string as is, a number as written, a bool as true/false; null for null, objects and arrays.</summary>
        public static string? GetText(JsonNode? node)
        {
            if (!(node is JsonValue json)) return null;
            if (json.TryGetValue(out string? text)) return text;
            switch (json.GetValueKind())
            {
                case JsonValueKind.Null: return null;
                case JsonValueKind.True: return "true";
                case JsonValueKind.False: return "false";
                default: return json.ToJsonString();
            }
        }

        /// <summary>Null, JSON null or an empty string: all mean "no value" on a contact.</summary>
        public static bool IsBlank(JsonNode? node)
        {
            if (node == null) return true;
            if (!(node is JsonValue json)) return false;
            var kind = json.GetValueKind();
            if (kind == JsonValueKind.Null) return true;
            return kind == JsonValueKind.String && json.TryGetValue(out string? text) && text.Length == 0;
        }

        /// <summary>True when an entry's deleted_at holds a value: a soft-deleted answer, not part of the contact.</summary>
        public static bool IsSoftDeleted(JsonObject entry) =>
            entry.TryGetPropertyValue("deleted_at", out var deletedAt) && !IsBlank(deletedAt);
    }
}

using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// JSON as PowerShell sees it: objects become PSCustomObjects (properties in the API's order and spelling),
    /// arrays become object[], integers long, other numbers double, strings stay strings. Dates stay the
    /// strings the API sent, so a contact written back is byte-for-byte what was read.
    /// </summary>
    public static class JsonToPowerShell
    {
        public static object? Convert(JsonNode? node)
        {
            switch (node)
            {
                case null:
                    return null;
                case JsonObject obj:
                    return ToPSObject(obj);
                case JsonArray array:
                    var items = new object?[array.Count];
                    for (var i = 0; i < array.Count; i++) items[i] = Convert(array[i]);
                    return items;
                default:
                    return Scalar(node.AsValue());
            }
        }

        /// <summary>A PSCustomObject with one NoteProperty per JSON member.</summary>
        public static PSObject ToPSObject(JsonObject obj)
        {
            var result = new PSObject();
            // preValidated: skips PowerShell's per-add member search, the slowest part of building thousands of
            // contacts; JSON names are unique, and the one clash PowerShell would refuse (names equal but for case)
            // is caught here, keeping the first.
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in obj)
            {
                if (names.Add(member.Key)) result.Properties.Add(new PSNoteProperty(member.Key, Convert(member.Value)), true);
            }
            return result;
        }

        private static object? Scalar(JsonValue value)
        {
            if (value.TryGetValue(out JsonElement element))
            {
                switch (element.ValueKind)
                {
                    case JsonValueKind.String: return element.GetString();
                    case JsonValueKind.True: return true;
                    case JsonValueKind.False: return false;
                    case JsonValueKind.Null: return null;
                    case JsonValueKind.Number:
                        if (element.TryGetInt64(out var whole)) return whole;
                        if (element.TryGetDecimal(out var exact)) return exact;
                        return element.GetDouble();
                    default: return element.GetRawText();
                }
            }
            // A value built in code (not parsed) holds its CLR value already.
            if (value.TryGetValue(out string? text)) return text;
            if (value.TryGetValue(out long l)) return l;
            if (value.TryGetValue(out int i)) return (long)i;
            if (value.TryGetValue(out bool b)) return b;
            if (value.TryGetValue(out double d)) return d;
            if (value.TryGetValue(out decimal m)) return m;
            return value.ToJsonString();
        }
    }
}

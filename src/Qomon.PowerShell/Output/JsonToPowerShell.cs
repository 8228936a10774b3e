using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qomon.Client.Json;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// JSON as PowerShell sees it: objects become PSCustomObjects (properties in the API's order and spelling),
    /// arrays become object[], integers long, other numbers double, strings stay strings. A contact's dates
    /// (QomonDateFields) become typed dates that keep the text the API sent (<see cref="DateAsRead"/>), so a
    /// contact written back is byte-for-byte what was read.
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
        public static PSObject ToPSObject(JsonObject obj) => ToPSObject(obj, NoDates);

        /// <summary>A contact: its dates, and those of its answer and note rows, typed.</summary>
        public static PSObject ToContact(JsonObject contact) => ToPSObject(contact, ContactMember);

        /// <summary>A date as output shows it: typed, keeping its text; text that is not a date stays text.</summary>
        internal static object? Date(JsonNode? node, QomonDateKind kind) =>
            node is JsonValue json && json.GetValueKind() == JsonValueKind.String && QomonDateFields.TryRead(JsonRead.GetText(json), kind, out var value)
                ? new DateAsRead(value, JsonRead.GetText(json)!)
                : Convert(node);

        private static object? NoDates(string key, JsonNode? value) => Convert(value);

        private static object? ContactMember(string key, JsonNode? value)
        {
            if (QomonDateFields.TryGetContactKey(key, out var kind)) return Date(value, kind);
            if (ContactFields.IsAnswerListKey(key) || key == ContactFields.NotesKey) return Rows(value);
            return Convert(value);
        }

        private static object? Rows(JsonNode? node)
        {
            if (!(node is JsonArray array)) return Convert(node);
            var items = new object?[array.Count];
            for (var i = 0; i < array.Count; i++) items[i] = array[i] is JsonObject row ? ToPSObject(row, RowMember) : Convert(array[i]);
            return items;
        }

        private static object? RowMember(string key, JsonNode? value) =>
            QomonDateFields.TryGetRowKey(key, out var kind) ? Date(value, kind) : Convert(value);

        private static PSObject ToPSObject(JsonObject obj, Func<string, JsonNode?, object?> valueOf)
        {
            var result = new PSObject();
            // preValidated: skips PowerShell's per-add member search, the slowest part of building thousands of
            // contacts; JSON names are unique, and the one clash PowerShell would refuse (names equal but for case)
            // is caught here, keeping the first.
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in obj)
            {
                if (names.Add(member.Key)) result.Properties.Add(new PSNoteProperty(member.Key, valueOf(member.Key, member.Value)), true);
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

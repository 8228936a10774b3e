using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Json;

namespace Qomon.Client.WriteShape
{
    /// <summary>Tags are written as [{name}]; reads add color and appearance_count, which are server-owned.</summary>
    internal static class TagShape
    {
        /// <summary>The tag names of a tags value ([{name}...] or [string...]), in order, without case-insensitive duplicates.</summary>
        public static List<string> NamesOf(JsonNode? tags)
        {
            var names = new List<string>();
            if (!(tags is JsonArray list)) return names;
            foreach (var tag in list)
            {
                string? name = tag is JsonObject obj && obj.TryGetPropertyValue("name", out var value) ? JsonRead.GetText(value) : JsonRead.GetText(tag);
                if (string.IsNullOrEmpty(name) || IndexOf(names, name!) >= 0) continue;
                names.Add(name!);
            }
            return names;
        }

        public static JsonArray Write(List<string> names)
        {
            var array = new JsonArray();
            foreach (var name in names) array.Add(new JsonObject { ["name"] = name });
            return array;
        }

        public static int IndexOf(List<string> names, string name)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
            }
            return -1;
        }
    }
}

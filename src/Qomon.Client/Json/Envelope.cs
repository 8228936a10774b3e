using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Qomon.Client.Json
{
    /// <summary>Unwraps Qomon's {"status":"success","data":{…}} envelope the way known clients do.</summary>
    internal static class Envelope
    {
        /// <summary>data.contact, else data, else the root: clients have seen all three.</summary>
        public static JsonObject Contact(JsonNode? root) => (Detach(Item(root, "contact")) as JsonObject) ?? new JsonObject();

        /// <summary>data.{name} if present, else data when it is an object, else the root object.</summary>
        public static JsonNode? Item(JsonNode? root, string name)
        {
            if (root is not JsonObject rootObject) return root;
            if (rootObject.TryGetPropertyValue("data", out var data))
            {
                // An envelope: whatever is inside data is the answer, even when that is null.
                if (data is JsonObject dataObject)
                    return dataObject.TryGetPropertyValue(name, out var item) && item != null ? item : dataObject;
                return data;
            }
            return rootObject.TryGetPropertyValue(name, out var direct) && direct != null ? direct : rootObject;
        }

        /// <summary>data.{name} as an array; missing or null gives an empty list.</summary>
        public static IReadOnlyList<JsonObject> List(JsonNode? root, string name)
        {
            var list = new List<JsonObject>();
            JsonNode? node = null;
            if (root is JsonObject rootObject)
                node = rootObject["data"] is JsonObject data ? data[name] : rootObject[name];
            else if (root is JsonArray)
                node = root;
            if (node is JsonArray array)
            {
                while (array.Count > 0)
                {
                    var item = array[0];
                    array.RemoveAt(0);
                    if (item is JsonObject obj) list.Add(obj);
                }
            }
            return list;
        }

        /// <summary>data.total (also accepted at the root) as a number.</summary>
        public static long Total(JsonNode? root)
        {
            var node = Item(root, "total");
            if (node is JsonValue value)
            {
                if (value.TryGetValue(out long l)) return l;
                if (value.TryGetValue(out double d)) return (long)d;
                if (value.TryGetValue(out string? s) && long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out l)) return l;
            }
            throw new System.FormatException("The /kpi answer has no data.total.");
        }

        /// <summary>Removes a node from its parent so it can be returned or inserted elsewhere without a copy.</summary>
        public static JsonNode? Detach(JsonNode? node)
        {
            if (node?.Parent is JsonObject parent)
                parent.Remove(node.GetPropertyName());
            else if (node?.Parent is JsonArray array)
                array.Remove(node);
            return node;
        }
    }
}

using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Qomon.Client.Json
{
    /// <summary>Unwraps Qomon's {"status":"success","data":{…}} envelope the way known clients do.</summary>
    internal static class Envelope
    {
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
        public static bool TryTotal(JsonNode? root, out long total, out string problem)
        {
            problem = "";
            if (JsonRead.TryGetLong(Item(root, "total"), out total)) return true;
            problem = "it has no data.total number";
            return false;
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

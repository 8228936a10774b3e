using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Qomon.Client.Json
{
    /// <summary>
    /// One POST /search page: {"data":{"contacts":[…]}}. A null list is an empty page (clients have seen
    /// contacts: null); anything else that is not a list of contacts with ids fails the whole page, since a
    /// contact skipped silently would be missing from every sweep and every count built on it.
    /// </summary>
    internal static class ContactPage
    {
        private const string ContactsKey = "contacts";

        public static bool TryRead(JsonNode? root, out IReadOnlyList<JsonObject> contacts, out string problem)
        {
            contacts = new JsonObject[0];
            if (!TryFindList(root, out var list, out problem)) return false;
            if (list == null) return true;
            for (var i = 0; i < list.Count; i++)
            {
                var itemProblem = ContactBaseCheck.SearchItemProblem(list[i], i + 1);
                if (itemProblem == null) continue;
                problem = itemProblem;
                return false;
            }
            var page = new List<JsonObject>(list.Count);
            // Detached from the page one by one so each contact can be kept or placed in a new document without a copy.
            while (list.Count > 0)
            {
                var item = (JsonObject)list[0]!;
                list.RemoveAt(0);
                page.Add(item);
            }
            contacts = page;
            return true;
        }

        private static bool TryFindList(JsonNode? root, out JsonArray? list, out string problem)
        {
            list = null;
            problem = "";
            if (root is not JsonObject rootObject)
            {
                problem = root == null ? "the body is empty or null" : "the body is " + ContactBaseCheck.Shape(root) + ", not an object";
                return false;
            }
            var where = ContactsKey;
            var holder = rootObject;
            if (rootObject.TryGetPropertyValue("data", out var data))
            {
                if (data is not JsonObject dataObject)
                {
                    problem = "data is " + ContactBaseCheck.Shape(data);
                    return false;
                }
                where = "data." + ContactsKey;
                holder = dataObject;
            }
            if (!holder.TryGetPropertyValue(ContactsKey, out var node))
            {
                problem = (holder == rootObject ? "the body" : "data") + " has no " + ContactsKey + " key";
                return false;
            }
            if (node == null) return true;
            list = node as JsonArray;
            if (list != null) return true;
            problem = where + " is " + ContactBaseCheck.Shape(node) + ", not a list";
            return false;
        }
    }
}

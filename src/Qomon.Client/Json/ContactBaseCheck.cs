using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qomon.Client.Merge;
using Qomon.Client.Model;

namespace Qomon.Client.Json
{
    /// <summary>
    /// The one rule for trusting a contact in an answer. Qomon's PATCH replaces the whole contact, so a merge is
    /// only as safe as the contact it merges into: a gateway page, a null, another contact or a contact without
    /// its answer lists would be written back over the real one. A contact answer is trusted only when it is one
    /// JSON object, with the id asked for, carrying every list the PATCH replaces exhaustively (formdatas, and
    /// custom fields under custom_fields or customfields) as arrays; an empty list is fine, a missing one is not.
    /// Problems are described by key and shape only, never by value: answers hold personal data.
    /// </summary>
    internal static class ContactBaseCheck
    {
        /// <summary>
        /// Finds the contact in an answer (data.contact as documented; data, or the root, when the answer has no
        /// contact key at that level, as some clients have seen) and checks it is contact <paramref name="id"/> with
        /// its lists. Gives the detached contact, or false with <paramref name="problem"/> saying what was wrong.
        /// </summary>
        public static bool TryContact(JsonNode? root, long id, out JsonObject contact, out string problem)
        {
            contact = null!;
            var found = Unwrap(root, out var where, out problem);
            if (found == null || !HasId(found, where, out var actual, out problem)) return false;
            if (actual != id)
            {
                problem = string.Format(CultureInfo.InvariantCulture, "{0} is contact {1} where {2} was asked for", where, actual, id);
                return false;
            }
            if (!HasLists(found, where, out problem)) return false;
            contact = Detach(found);
            return true;
        }

        /// <summary>
        /// The answer to a create: the new contact, which must at least carry its new id (a positive integer).
        /// Its answer lists are not required: nothing is merged into it, and refusing it would hide a created id.
        /// </summary>
        public static bool TryCreated(JsonNode? root, out JsonObject contact, out string problem)
        {
            contact = null!;
            var found = Unwrap(root, out var where, out problem);
            if (found == null || !HasId(found, where, out var id, out problem)) return false;
            if (id <= 0)
            {
                problem = where + " has an id that is not a positive number";
                return false;
            }
            contact = Detach(found);
            return true;
        }

        /// <summary>One item of a search page: an object with an id, or the problem with item <paramref name="position"/> (1-based).</summary>
        public static string? SearchItemProblem(JsonNode? item, int position)
        {
            var where = "contact " + position.ToString(CultureInfo.InvariantCulture) + " of data.contacts";
            if (item is not JsonObject contact) return where + " is " + Shape(item);
            return HasId(contact, where, out _, out var problem) ? null : problem;
        }

        private static JsonObject? Unwrap(JsonNode? root, out string where, out string problem)
        {
            where = "the body";
            problem = "";
            if (root is not JsonObject rootObject)
            {
                problem = root == null ? "the body is empty or null" : "the body is " + Shape(root) + ", not an object";
                return null;
            }
            var node = (JsonNode?)rootObject;
            if (rootObject.TryGetPropertyValue("data", out var data))
            {
                where = "data";
                node = data;
                if (data is JsonObject dataObject && dataObject.TryGetPropertyValue("contact", out var inData))
                {
                    where = "data.contact";
                    node = inData;
                }
            }
            else if (rootObject.TryGetPropertyValue("contact", out var atRoot))
            {
                where = "contact";
                node = atRoot;
            }
            if (node is JsonObject contact) return contact;
            problem = where + " is " + Shape(node);
            return null;
        }

        private static bool HasId(JsonObject contact, string where, out long id, out string problem)
        {
            id = 0;
            problem = "";
            if (!contact.TryGetPropertyValue("id", out var node) || node == null)
            {
                problem = contact.Count == 0 ? where + " is an empty object" : where + " has no id";
                return false;
            }
            if (JsonRead.TryGetLong(node, out id)) return true;
            problem = where + " has an id that is " + Shape(node) + ", not an integer";
            return false;
        }

        private static bool HasLists(JsonObject contact, string where, out string problem)
        {
            problem = "";
            if (!IsListOrAbsent(contact, AnswerKinds.FormDatasKey, where, out problem)) return false;
            if (!contact.ContainsKey(AnswerKinds.FormDatasKey))
            {
                problem = where + " has no " + AnswerKinds.FormDatasKey + " list";
                return false;
            }
            if (!IsListOrAbsent(contact, AnswerKinds.CustomFieldsKey, where, out problem)) return false;
            if (!IsListOrAbsent(contact, AnswerKinds.CustomFieldsLegacyKey, where, out problem)) return false;
            if (contact.ContainsKey(AnswerKinds.CustomFieldsKey) || contact.ContainsKey(AnswerKinds.CustomFieldsLegacyKey)) return true;
            problem = where + " has no custom-field list (" + AnswerKinds.CustomFieldsKey + " or " + AnswerKinds.CustomFieldsLegacyKey + ")";
            return false;
        }

        private static bool IsListOrAbsent(JsonObject contact, string key, string where, out string problem)
        {
            problem = "";
            if (!contact.TryGetPropertyValue(key, out var node) || node is JsonArray) return true;
            problem = where + "." + key + " is " + Shape(node) + ", not a list";
            return false;
        }

        /// <summary>What a node is, never what it holds: "null", "an array", "a string"...</summary>
        internal static string Shape(JsonNode? node)
        {
            switch (node)
            {
                case null: return "null";
                case JsonArray array: return array.Count == 0 ? "an empty array" : "an array";
                case JsonObject obj: return obj.Count == 0 ? "an empty object" : "an object";
                default:
                    switch (node.GetValueKind())
                    {
                        case JsonValueKind.String: return "a string";
                        case JsonValueKind.Number: return "a number";
                        case JsonValueKind.True: case JsonValueKind.False: return "a boolean";
                        default: return "a value";
                    }
            }
        }

        private static JsonObject Detach(JsonObject contact) => (JsonObject)Envelope.Detach(contact)!;
    }
}

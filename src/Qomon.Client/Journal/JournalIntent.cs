using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;

namespace Qomon.Client.Journal
{
    /// <summary>
    /// The hash that names "this change to this contact" in a journal (JOURNAL-FORMAT.md, intent): the same input
    /// record, run again, hashes the same however its fields were ordered, so a resume finds what it already did.
    /// </summary>
    public static class JournalIntent
    {
        public const string Update = "update";
        public const string Create = "create";
        public const string Remove = "remove";

        public static string OfUpdate(long id, ContactChanges changes)
        {
            if (changes == null) throw new ArgumentNullException(nameof(changes));
            return Hash(Update, id, Canonical(changes));
        }

        public static string OfCreate(JsonObject contact)
        {
            if (contact == null) throw new ArgumentNullException(nameof(contact));
            return Hash(Create, null, contact.DeepClone());
        }

        /// <summary>Set-QomonContact -Replace: the complete contact sent.</summary>
        public static string OfReplace(long id, JsonObject contact)
        {
            if (contact == null) throw new ArgumentNullException(nameof(contact));
            return Hash(Update, id, new JsonObject { ["replace"] = contact.DeepClone() });
        }

        public static string OfRemove(long id) => Hash(Remove, id, null);

        private static string Hash(string op, long? id, JsonNode? changes)
        {
            var text = Sorted(new JsonObject { ["op"] = op, ["id"] = id, ["changes"] = changes })!.ToJsonString();
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
                var hex = new StringBuilder(hash.Length * 2);
                foreach (var b in hash) hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                return hex.ToString();
            }
        }

        private static JsonObject Canonical(ContactChanges changes)
        {
            var fields = new JsonObject();
            foreach (var edit in changes.Fields) fields[edit.Path] = edit.Value?.DeepClone();
            var answers = new JsonObject();
            foreach (var answer in changes.Answers)
            {
                answers[answer.Path] = new JsonObject
                {
                    ["exact"] = answer.IsExact,
                    ["values"] = Values(answer.Values),
                    ["added"] = Values(answer.Added),
                    ["removed"] = Values(answer.Removed),
                };
            }
            return new JsonObject
            {
                ["fields"] = fields,
                ["tagSet"] = changes.TagSet == null ? null : Names(changes.TagSet),
                ["tagsAdded"] = Names(changes.TagsAdded),
                ["tagsRemoved"] = Names(changes.TagsRemoved),
                ["notes"] = changes.NotesSet ? (changes.Notes?.DeepClone() ?? new JsonArray()) : null,
                ["answers"] = answers,
            };
        }

        private static JsonArray Names(System.Collections.Generic.IEnumerable<string> names) =>
            new JsonArray(names.OrderBy(n => n, StringComparer.Ordinal).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());

        private static JsonArray Values(System.Collections.Generic.IEnumerable<AnswerValue> values) =>
            new JsonArray(values.Select(v => (JsonNode?)new JsonObject { ["ref_id"] = v.RefId, ["data"] = v.Data }).ToArray());

        // Object keys in ordinal order at every depth: the same change gives the same text whatever order it was given in.
        private static JsonNode? Sorted(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    var sorted = new JsonObject();
                    foreach (var pair in o.OrderBy(p => p.Key, StringComparer.Ordinal).ToList()) sorted[pair.Key] = Sorted(pair.Value?.DeepClone());
                    return sorted;
                case JsonArray a:
                    return new JsonArray(a.Select(item => Sorted(item?.DeepClone())).ToArray());
                default:
                    return node?.DeepClone();
            }
        }
    }
}

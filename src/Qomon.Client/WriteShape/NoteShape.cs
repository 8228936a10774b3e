using System;
using System.Text.Json.Nodes;
using Qomon.Client.Json;

namespace Qomon.Client.WriteShape
{
    /// <summary>
    /// A note in the shape a write carries. The PATCH page's request schema repeats the whole response note
    /// (id, contact_id, created_at, data, group_id, only_super_admin, pinned, updated_at, user{...}); of these we
    /// keep what the caller owns and what identifies the note: id (so the server can keep the existing note and its
    /// author instead of re-creating it), data/content (the new docs say data, the older spec content; we send back
    /// whichever the server gave), pinned, and only_super_admin (a visibility setting: dropping it could make a
    /// restricted note visible to every user). We drop user (the author's profile, which a contact write cannot
    /// edit and which would send a user's personal data back for nothing), created_at/updated_at (server clocks;
    /// also the way timestamps would otherwise be echoed at microsecond precision), contact_id (given by the URL)
    /// and group_id (the space, fixed by the key). Keys this code does not know are kept, as for the contact itself.
    /// </summary>
    internal static class NoteShape
    {
        private static readonly string[] ServerOwned = { "user", "created_at", "updated_at", "CreatedAt", "UpdatedAt", "contact_id", "group_id", "deleted_at" };

        public static bool IsServerOwned(string key)
        {
            foreach (var owned in ServerOwned)
            {
                if (string.Equals(owned, key, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        /// <summary>The write shape of a note; a bare string becomes {data: text}. Null for anything else.</summary>
        public static JsonObject? Trim(JsonNode? node)
        {
            if (node is JsonValue && JsonRead.GetText(node) is string text) return new JsonObject { ["data"] = text };
            if (!(node is JsonObject note) || JsonRead.IsSoftDeleted(note)) return null;
            var trimmed = new JsonObject();
            foreach (var pair in note)
            {
                if (IsServerOwned(pair.Key)) continue;
                trimmed[pair.Key] = pair.Value?.DeepClone();
            }
            return trimmed;
        }

        public static JsonArray TrimAll(JsonNode? notes)
        {
            var result = new JsonArray();
            if (!(notes is JsonArray list)) return result;
            foreach (var note in list)
            {
                var trimmed = Trim(note);
                if (trimmed != null) result.Add(trimmed);
            }
            return result;
        }

        /// <summary>The note's text, from data or content.</summary>
        public static string TextOf(JsonObject note)
        {
            if (note.TryGetPropertyValue("data", out var data) && JsonRead.GetText(data) is string text) return text;
            if (note.TryGetPropertyValue("content", out var content) && JsonRead.GetText(content) is string other) return other;
            return "";
        }

        /// <summary>Equal as far as a write is concerned: server-owned keys do not count.</summary>
        public static bool SameWritable(JsonObject a, JsonObject b)
        {
            foreach (var pair in a)
            {
                if (IsServerOwned(pair.Key)) continue;
                b.TryGetPropertyValue(pair.Key, out var other);
                if (!JsonSemantics.AreEqual(pair.Value, other)) return false;
            }
            foreach (var pair in b)
            {
                if (!IsServerOwned(pair.Key) && !a.ContainsKey(pair.Key) && !JsonRead.IsBlank(pair.Value)) return false;
            }
            return true;
        }
    }
}

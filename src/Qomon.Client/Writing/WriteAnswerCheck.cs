using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Json;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Writing
{
    /// <summary>
    /// Compares a PATCH's 200 answer (the contact as stored) with what was sent, so that a difference between what
    /// the module writes and what Qomon keeps (a renamed key, checkbox values merged instead of replaced, a field
    /// dropped) is reported instead of counted as written. It costs no request. Values compare semantically
    /// (ContactDiff); a field the write left out that comes back with no value in it (false, [], a default) is not
    /// a difference, and notes match by their writable content (a new note comes back with an id).
    /// </summary>
    internal static class WriteAnswerCheck
    {
        internal static IReadOnlyList<string> FieldsNotAsSent(JsonObject sent, JsonObject stored, FormCatalog forms)
        {
            var paths = new List<string>();
            foreach (var item in ContactDiff.Between(WithoutNotes(sent), WithoutNotes(stored)))
            {
                if (item.Section == DiffSection.Field && JsonRead.IsBlank(item.Old) && NoValue.Holds(item.New) && !Sent(sent, item.Path)) continue;
                paths.Add(item.ConflictPath);
            }
            if (!NotesAsSent(sent, stored)) paths.Add(ContactFields.NotesKey);
            return FieldLabels.Of(paths, forms);
        }

        private static bool Sent(JsonObject sent, string path)
        {
            if (path.StartsWith(ContactFields.AddressPrefix, System.StringComparison.Ordinal))
                return sent.TryGetPropertyValue(ContactFields.AddressKey, out var address) && address is JsonObject parts
                    && parts.ContainsKey(path.Substring(ContactFields.AddressPrefix.Length));
            return ContactDiff.TopLevel(sent, path) != null;
        }

        private static JsonObject WithoutNotes(JsonObject contact)
        {
            var copy = new JsonObject();
            foreach (var pair in contact)
            {
                if (pair.Key != ContactFields.NotesKey) copy[pair.Key] = pair.Value?.DeepClone();
            }
            return copy;
        }

        // Only a write that sent notes is checked for them; each note sent must come back once, with what was sent.
        private static bool NotesAsSent(JsonObject sent, JsonObject stored)
        {
            if (!sent.TryGetPropertyValue(ContactFields.NotesKey, out var sentNotes) || !(sentNotes is JsonArray)) return true;
            var wanted = NoteShape.TrimAll(sentNotes);
            stored.TryGetPropertyValue(ContactFields.NotesKey, out var storedNotes);
            var kept = NoteShape.TrimAll(storedNotes);
            if (wanted.Count != kept.Count) return false;
            var matched = new bool[kept.Count];
            foreach (var node in wanted)
            {
                var note = (JsonObject)node!;
                var index = -1;
                for (var i = 0; i < kept.Count && index < 0; i++)
                {
                    if (!matched[i] && HoldsWhatWasSent(note, (JsonObject)kept[i]!)) index = i;
                }
                if (index < 0) return false;
                matched[index] = true;
            }
            return true;
        }

        private static bool HoldsWhatWasSent(JsonObject sent, JsonObject stored)
        {
            if (!string.Equals(NoteShape.TextOf(sent), NoteShape.TextOf(stored), System.StringComparison.Ordinal)) return false;
            foreach (var pair in sent)
            {
                if (pair.Key == "data" || pair.Key == "content") continue;
                stored.TryGetPropertyValue(pair.Key, out var kept);
                if (!JsonSemantics.AreEqual(pair.Value, kept)) return false;
            }
            return true;
        }
    }
}

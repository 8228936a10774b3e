using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Json;
using Qomon.Client.Model;

namespace Qomon.Client.WriteShape
{
    /// <summary>
    /// A contact as a create or a full-replace PATCH must carry it: everything the server returned minus the
    /// read-only fields, custom fields always under custom_fields (rule 1 would wipe them if sent back as
    /// customfields), answer entries trimmed to the request shape without soft-deleted ones, tags as [{name}],
    /// notes trimmed (see NoteShape), dates at millisecond precision, unknown fields kept as they are.
    /// </summary>
    public static class ContactWriteShape
    {
        /// <summary>
        /// A contact written whole (New-QomonContact, Set-QomonContact -Replace): <paramref name="contact"/> in write
        /// shape (empty for a new contact) with the changes written into it. Nothing is merged with what the server
        /// holds, so there are no differences to word.
        /// </summary>
        public static JsonObject Of(JsonObject contact, ContactChanges changes, FormCatalog forms)
        {
            if (changes == null) throw new System.ArgumentNullException(nameof(changes));
            var body = From(contact);
            ChangeWriter.Apply(body, changes, forms ?? FormCatalog.Empty);
            return body;
        }

        public static JsonObject From(JsonObject contact)
        {
            if (contact == null) throw new System.ArgumentNullException(nameof(contact));
            var body = new JsonObject();
            JsonArray? customFields = null;
            foreach (var pair in contact)
            {
                var key = pair.Key;
                var value = pair.Value;
                if (ContactFields.IsReadOnly(key)) continue;
                switch (key)
                {
                    case ContactFields.AddressKey:
                        body[key] = value is JsonObject address ? Address(address) : value?.DeepClone();
                        break;
                    case ContactFields.TagsKey:
                        body[key] = value == null ? null : TagShape.Write(TagShape.NamesOf(value));
                        break;
                    case ContactFields.NotesKey:
                        body[key] = value == null ? null : NoteShape.TrimAll(value);
                        break;
                    case AnswerKinds.FormDatasKey:
                        body[key] = value == null ? null : AppendEntries(new JsonArray(), value);
                        break;
                    case AnswerKinds.CustomFieldsKey:
                    case AnswerKinds.CustomFieldsLegacyKey:
                        if (customFields == null)
                        {
                            customFields = AppendEntries(new JsonArray(), value);
                            body[AnswerKinds.CustomFieldsKey] = customFields;
                        }
                        else AppendEntriesNotUnder(customFields, value);
                        break;
                    default:
                        body[key] = value is JsonValue && IsKnownDate(key) && JsonRead.GetText(value) is string text && QomonDate.LooksLikeTimestamp(text)
                            ? JsonValue.Create(QomonDate.NormalizeIfTimestamp(text))
                            : value?.DeepClone();
                        break;
                }
            }
            return body;
        }

        /// <summary>
        /// The fields a full replace with replacement would clear or remove from current (for -Replace's
        /// confirmation): field paths, tags[Name], notes, form:Label / custom:Label.
        /// </summary>
        public static IReadOnlyList<string> FieldsClearedByReplace(JsonObject current, JsonObject replacement, FormCatalog forms)
        {
            var cleared = new List<string>();
            foreach (var change in FieldChanges.Describe(ContactDiff.Between(current, replacement), forms ?? FormCatalog.Empty))
            {
                if (change.Kind != FieldChangeKind.Cleared && change.Kind != FieldChangeKind.Removed) continue;
                var name = change.Path == ContactFields.TagsKey ? ContactPaths.Tag(change.OldValue) : change.Path;
                if (!cleared.Contains(name)) cleared.Add(name);
            }
            return cleared;
        }

        private static bool IsKnownDate(string key) =>
            ContactFields.TryResolve(key, out var field) && field.Type == ContactFieldType.Date && field.Path == key;

        private static JsonObject Address(JsonObject address)
        {
            var trimmed = new JsonObject();
            foreach (var pair in address)
            {
                if (ContactFields.IsReadOnlyAddressPart(pair.Key)) continue;
                trimmed[pair.Key] = pair.Value?.DeepClone();
            }
            return trimmed;
        }

        // Every entry is kept, repeated values included: the server holds them as separate entries (a text, numeric
        // or date form adds each entry it is sent), and leaving one out deletes it.
        private static JsonArray AppendEntries(JsonArray target, JsonNode? entries)
        {
            if (!(entries is JsonArray list)) return target;
            foreach (var entry in list)
            {
                var trimmed = EntryShape.Trim(entry);
                if (trimmed != null) target.Add(trimmed);
            }
            return target;
        }

        // Both custom-field keys may carry the same entries: an entry under the second key that matches one under
        // the first, copy for copy, is that entry again; only the copies beyond the first key's count are added.
        private static void AppendEntriesNotUnder(JsonArray firstKeyEntries, JsonNode? entries)
        {
            if (!(entries is JsonArray list)) return;
            var matched = new bool[firstKeyEntries.Count];
            foreach (var entry in list)
            {
                var trimmed = EntryShape.Trim(entry);
                if (trimmed == null) continue;
                var index = IndexOfUnmatched(firstKeyEntries, matched, trimmed);
                if (index >= 0) matched[index] = true;
                else firstKeyEntries.Add(trimmed);
            }
        }

        private static int IndexOfUnmatched(JsonArray entries, bool[] matched, JsonObject entry)
        {
            if (!EntryShape.TryGetFormId(entry, out var formId)) return -1;
            var value = EntryShape.ValueOf(entry);
            for (var i = 0; i < matched.Length; i++)
            {
                if (!matched[i] && EntryShape.TryGetFormId(entries[i], out var otherId) && otherId == formId
                    && EntryShape.ValueOf((JsonObject)entries[i]!).SameAs(value.RefId, value.Data)) return i;
            }
            return -1;
        }
    }
}

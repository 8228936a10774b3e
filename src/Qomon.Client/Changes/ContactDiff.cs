using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Json;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Changes
{
    /// <summary>
    /// Compares two states of a contact field by field, as a write would see them: read-only fields and
    /// server-owned keys do not count, birthcity and birth_city are one field, custom fields are read from either
    /// key, soft-deleted entries are skipped, answer order does not matter, a form's answers compare as multisets
    /// (a repeated entry counts each time: AnswerMultiset), and values compare semantically (JsonSemantics). Both sides may be raw responses or write shapes.
    /// </summary>
    internal static class ContactDiff
    {
        public static List<DiffItem> Between(JsonObject before, JsonObject after)
        {
            var items = new List<DiffItem>();
            CompareFields(before, after, items);
            CompareAddress(before, after, items);
            CompareTags(before, after, items);
            CompareNotes(before, after, items);
            CompareAnswers(before, after, AnswerKind.FormData, items);
            CompareAnswers(before, after, AnswerKind.CustomField, items);
            return items;
        }

        /// <summary>
        /// The differences confined to what changes touches. A merge body is the current contact's write shape
        /// (semantically equal to it by construction) plus the changes, so nothing else can differ; comparing only
        /// the touched fields, tags, notes and forms keeps a merge cheap on large contacts.
        /// </summary>
        public static List<DiffItem> Between(JsonObject before, JsonObject after, ContactChanges scope)
        {
            var items = new List<DiffItem>();
            var seen = new List<string>(scope.Fields.Count);
            foreach (var edit in scope.Fields)
            {
                if (edit.Path == ContactFields.AddressKey)
                {
                    CompareAddress(before, after, items);
                    continue;
                }
                if (seen.Contains(edit.Path)) continue;
                seen.Add(edit.Path);
                if (edit.Path.StartsWith(ContactFields.AddressPrefix, StringComparison.Ordinal))
                {
                    var part = edit.Path.Substring(ContactFields.AddressPrefix.Length);
                    AddIfDifferent(edit.Path, AddressPart(before, part), AddressPart(after, part), items);
                }
                else AddIfDifferent(edit.Path, TopLevel(before, edit.Path), TopLevel(after, edit.Path), items);
            }
            if (scope.TagSet != null || scope.TagsAdded.Count > 0 || scope.TagsRemoved.Count > 0) CompareTags(before, after, items);
            if (scope.NotesSet) CompareNotes(before, after, items);
            foreach (var answer in scope.Answers)
            {
                AddIfDifferent(answer.Kind, answer.FormId, AnswersOf(before, answer.Kind, answer.FormId), AnswersOf(after, answer.Kind, answer.FormId), items);
            }
            // Clearing the whole address can report a part twice (once named, once as part of the address).
            if (seen.Count > 0 && seen.Contains(ContactFields.AddressKey)) RemoveDuplicatePaths(items);
            return items;
        }

        /// <summary>The value of a top-level field under either of its spellings.</summary>
        public static JsonNode? TopLevel(JsonObject contact, string canonicalKey)
        {
            if (contact.TryGetPropertyValue(canonicalKey, out var value) && value != null) return value;
            var other = ContactFields.OtherSpellingOf(canonicalKey);
            return other != null && contact.TryGetPropertyValue(other, out var spelled) ? spelled : value;
        }

        private static void CompareFields(JsonObject before, JsonObject after, List<DiffItem> items)
        {
            var seen = new List<string>();
            CompareFieldsOf(before, before, after, seen, items);
            CompareFieldsOf(after, before, after, seen, items);
        }

        private static void CompareFieldsOf(JsonObject keysFrom, JsonObject before, JsonObject after, List<string> seen, List<DiffItem> items)
        {
            foreach (var pair in keysFrom)
            {
                if (ContactFields.IsReadOnly(pair.Key) || ContactFields.IsStructured(pair.Key)) continue;
                var key = ContactFields.CanonicalKey(pair.Key);
                if (seen.Contains(key)) continue;
                seen.Add(key);
                AddIfDifferent(key, TopLevel(before, key), TopLevel(after, key), items);
            }
        }

        private static JsonNode? AddressPart(JsonObject contact, string part)
        {
            if (!contact.TryGetPropertyValue(ContactFields.AddressKey, out var address) || !(address is JsonObject parts)) return null;
            parts.TryGetPropertyValue(part, out var value);
            return value;
        }

        private static void RemoveDuplicatePaths(List<DiffItem> items)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                if (items[i].Section != DiffSection.Field) continue;
                for (var j = 0; j < i; j++)
                {
                    if (items[j].Section == DiffSection.Field && items[j].Path == items[i].Path)
                    {
                        items.RemoveAt(i);
                        break;
                    }
                }
            }
        }

        private static void CompareAddress(JsonObject before, JsonObject after, List<DiffItem> items)
        {
            var oldAddress = before.TryGetPropertyValue(ContactFields.AddressKey, out var a) ? a as JsonObject : null;
            var newAddress = after.TryGetPropertyValue(ContactFields.AddressKey, out var b) ? b as JsonObject : null;
            if (oldAddress == null && newAddress == null) return;
            if (oldAddress != null)
            {
                foreach (var pair in oldAddress)
                {
                    if (ContactFields.IsReadOnlyAddressPart(pair.Key)) continue;
                    JsonNode? other = null;
                    newAddress?.TryGetPropertyValue(pair.Key, out other);
                    AddIfDifferent(ContactFields.AddressPrefix + pair.Key, pair.Value, other, items);
                }
            }
            if (newAddress == null) return;
            foreach (var pair in newAddress)
            {
                if (ContactFields.IsReadOnlyAddressPart(pair.Key) || (oldAddress != null && oldAddress.ContainsKey(pair.Key))) continue;
                AddIfDifferent(ContactFields.AddressPrefix + pair.Key, null, pair.Value, items);
            }
        }

        private static void AddIfDifferent(string path, JsonNode? oldValue, JsonNode? newValue, List<DiffItem> items)
        {
            if (JsonSemantics.AreEqual(oldValue, newValue)) return;
            items.Add(new DiffItem
            {
                Section = DiffSection.Field,
                Path = path,
                Kind = JsonRead.IsBlank(newValue) ? FieldChangeKind.Cleared : FieldChangeKind.Set,
                Old = oldValue,
                New = newValue,
            });
        }

        private static void CompareTags(JsonObject before, JsonObject after, List<DiffItem> items)
        {
            before.TryGetPropertyValue(ContactFields.TagsKey, out var oldTags);
            after.TryGetPropertyValue(ContactFields.TagsKey, out var newTags);
            if (oldTags == null && newTags == null) return;
            var oldNames = TagShape.NamesOf(oldTags);
            var newNames = TagShape.NamesOf(newTags);
            foreach (var name in oldNames)
            {
                if (TagShape.IndexOf(newNames, name) < 0) items.Add(new DiffItem { Section = DiffSection.Tag, Path = ContactFields.TagsKey, Kind = FieldChangeKind.Removed, Tag = name });
            }
            foreach (var name in newNames)
            {
                if (TagShape.IndexOf(oldNames, name) < 0) items.Add(new DiffItem { Section = DiffSection.Tag, Path = ContactFields.TagsKey, Kind = FieldChangeKind.Added, Tag = name });
            }
        }

        private static void CompareNotes(JsonObject before, JsonObject after, List<DiffItem> items)
        {
            var oldNotes = NotesOf(before);
            var newNotes = NotesOf(after);
            if (oldNotes.Count == 0 && newNotes.Count == 0) return;
            var matched = new bool[newNotes.Count];
            foreach (var note in oldNotes)
            {
                var index = FindNote(newNotes, matched, note);
                if (index < 0)
                {
                    items.Add(new DiffItem { Section = DiffSection.Note, Path = ContactFields.NotesKey, Kind = FieldChangeKind.Removed, Old = note });
                    continue;
                }
                matched[index] = true;
                if (!NoteShape.SameWritable(note, newNotes[index]))
                    items.Add(new DiffItem { Section = DiffSection.Note, Path = ContactFields.NotesKey, Kind = FieldChangeKind.Set, Old = note, New = newNotes[index] });
            }
            for (var i = 0; i < newNotes.Count; i++)
            {
                if (!matched[i]) items.Add(new DiffItem { Section = DiffSection.Note, Path = ContactFields.NotesKey, Kind = FieldChangeKind.Added, New = newNotes[i] });
            }
        }

        private static List<JsonObject> NotesOf(JsonObject contact)
        {
            var notes = new List<JsonObject>();
            if (!contact.TryGetPropertyValue(ContactFields.NotesKey, out var value) || !(value is JsonArray list)) return notes;
            foreach (var note in list)
            {
                if (note is JsonObject obj && !JsonRead.IsSoftDeleted(obj)) notes.Add(obj);
                else if (note is JsonValue) notes.Add(NoteShape.Trim(note)!);
            }
            return notes;
        }

        // A note is the same note when it has the same id; notes without id (new ones) match by text.
        private static int FindNote(List<JsonObject> notes, bool[] matched, JsonObject note)
        {
            var hasId = note.TryGetPropertyValue("id", out var idNode) && JsonRead.TryGetLong(idNode, out _);
            for (var i = 0; i < notes.Count; i++)
            {
                if (matched[i]) continue;
                var other = notes[i];
                if (hasId)
                {
                    if (other.TryGetPropertyValue("id", out var otherId) && JsonSemantics.AreEqual(idNode, otherId)) return i;
                    continue;
                }
                if (!other.ContainsKey("id") && string.Equals(NoteShape.TextOf(note), NoteShape.TextOf(other), StringComparison.Ordinal)) return i;
            }
            return -1;
        }

        private static void CompareAnswers(JsonObject before, JsonObject after, AnswerKind kind, List<DiffItem> items)
        {
            var oldByForm = AnswersOf(before, kind);
            var newByForm = AnswersOf(after, kind);
            if (oldByForm == null && newByForm == null) return;
            var empty = new List<AnswerValue>(0);
            if (oldByForm != null)
            {
                foreach (var pair in oldByForm)
                {
                    List<AnswerValue>? newValues = null;
                    newByForm?.TryGetValue(pair.Key, out newValues);
                    AddIfDifferent(kind, pair.Key, pair.Value, newValues ?? empty, items);
                }
            }
            if (newByForm == null) return;
            foreach (var pair in newByForm)
            {
                if (oldByForm == null || !oldByForm.ContainsKey(pair.Key)) AddIfDifferent(kind, pair.Key, empty, pair.Value, items);
            }
        }

        private static void AddIfDifferent(AnswerKind kind, long formId, List<AnswerValue> oldValues, List<AnswerValue> newValues, List<DiffItem> items)
        {
            if (AnswerMultiset.AreEqual(oldValues, newValues)) return;
            items.Add(new DiffItem
            {
                Section = DiffSection.Answer,
                Path = AnswerKinds.PathOf(kind, formId),
                Kind = newValues.Count == 0 ? FieldChangeKind.Cleared : FieldChangeKind.Set,
                AnswerKind = kind,
                FormId = formId,
                OldAnswers = oldValues,
                NewAnswers = newValues,
            });
        }

        /// <summary>
        /// The answers of one kind grouped by form id, in first-seen order, every copy of a repeated value kept;
        /// null when the contact has no such list. Custom fields under both keys are one list (see UnderEitherKey).
        /// </summary>
        internal static Dictionary<long, List<AnswerValue>>? AnswersOf(JsonObject contact, AnswerKind kind)
        {
            var byForm = Collect(contact, AnswerKinds.JsonKey(kind));
            if (kind != AnswerKind.CustomField) return byForm;
            var legacy = Collect(contact, AnswerKinds.CustomFieldsLegacyKey);
            if (byForm == null || legacy == null) return byForm ?? legacy;
            foreach (var pair in legacy)
            {
                if (byForm.TryGetValue(pair.Key, out var values)) values.AddRange(AnswerMultiset.Minus(pair.Value, values));
                else byForm.Add(pair.Key, pair.Value);
            }
            return byForm;
        }

        /// <summary>One form's answers (soft-deleted entries skipped, every copy of a repeated value kept).</summary>
        internal static List<AnswerValue> AnswersOf(JsonObject contact, AnswerKind kind, long formId)
        {
            var values = CollectForm(contact, AnswerKinds.JsonKey(kind), formId);
            return kind == AnswerKind.CustomField ? UnderEitherKey(values, CollectForm(contact, AnswerKinds.CustomFieldsLegacyKey, formId)) : values;
        }

        // custom_fields and customfields may both carry the same entries: an entry under both counts once, repeated
        // entries within one key all count (the multiset union: each value as often as the key holding it most).
        private static List<AnswerValue> UnderEitherKey(List<AnswerValue> first, List<AnswerValue> second)
        {
            if (second.Count == 0) return first;
            first.AddRange(AnswerMultiset.Minus(second, first));
            return first;
        }

        private static List<AnswerValue> CollectForm(JsonObject contact, string key, long formId)
        {
            var values = new List<AnswerValue>(2);
            if (!contact.TryGetPropertyValue(key, out var node) || !(node is JsonArray list)) return values;
            foreach (var entry in list)
            {
                if (!(entry is JsonObject obj) || !EntryShape.TryGetFormId(obj, out var id) || id != formId || JsonRead.IsSoftDeleted(obj)) continue;
                values.Add(EntryShape.ValueOf(obj));
            }
            return values;
        }

        private static Dictionary<long, List<AnswerValue>>? Collect(JsonObject contact, string key)
        {
            if (!contact.TryGetPropertyValue(key, out var node) || !(node is JsonArray list)) return null;
            var byForm = new Dictionary<long, List<AnswerValue>>();
            foreach (var entry in list)
            {
                if (!(entry is JsonObject obj) || JsonRead.IsSoftDeleted(obj) || !EntryShape.TryGetFormId(obj, out var formId)) continue;
                if (!byForm.TryGetValue(formId, out var values))
                {
                    values = new List<AnswerValue>(1);
                    byForm.Add(formId, values);
                }
                values.Add(EntryShape.ValueOf(obj));
            }
            return byForm;
        }
    }
}

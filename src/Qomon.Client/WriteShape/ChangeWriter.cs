using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;

namespace Qomon.Client.WriteShape
{
    /// <summary>
    /// Writes ContactChanges into a contact already in write shape: the fields, tags, notes and answers they
    /// name, and nothing else. ContactMerger starts from the contact as the server holds it; a new contact
    /// (ContactWriteShape.Of) starts from nothing.
    /// </summary>
    internal static class ChangeWriter
    {
        public static void Apply(JsonObject body, ContactChanges changes, FormCatalog forms)
        {
            ApplyFields(body, changes);
            ApplyTags(body, changes);
            if (changes.NotesSet) body[ContactFields.NotesKey] = NoteShape.TrimAll(changes.Notes);
            foreach (var answer in changes.Answers) ApplyAnswer(body, answer, forms);
        }

        // A cleared field is left out of the body rather than sent as null: leaving a field out is the documented
        // way a PATCH clears it, and null may be refused for typed fields.
        private static void ApplyFields(JsonObject body, ContactChanges changes)
        {
            foreach (var edit in changes.Fields)
            {
                if (edit.Path == ContactFields.AddressKey)
                {
                    body.Remove(ContactFields.AddressKey);
                    continue;
                }
                if (edit.Path.StartsWith(ContactFields.AddressPrefix, StringComparison.Ordinal))
                {
                    ApplyAddressPart(body, edit.Path.Substring(ContactFields.AddressPrefix.Length), edit.Value);
                    continue;
                }
                ApplyTopLevel(body, edit.Path, edit.Value);
            }
        }

        private static void ApplyAddressPart(JsonObject body, string part, JsonNode? value)
        {
            body.TryGetPropertyValue(ContactFields.AddressKey, out var node);
            var address = node as JsonObject;
            if (address == null)
            {
                if (value == null) return;
                address = new JsonObject();
                body[ContactFields.AddressKey] = address;
            }
            if (value == null) address.Remove(part);
            else address[part] = value.DeepClone();
        }

        // birth_city and birthcity are one field; which spelling the live API takes is unknown, so the write
        // uses the key(s) the contact already has, and the newer docs' spelling for a contact with neither.
        private static void ApplyTopLevel(JsonObject body, string path, JsonNode? value)
        {
            var other = ContactFields.OtherSpellingOf(path);
            if (value == null)
            {
                body.Remove(path);
                if (other != null) body.Remove(other);
                return;
            }
            var wrote = false;
            if (other != null && body.ContainsKey(other))
            {
                body[other] = value.DeepClone();
                wrote = true;
            }
            if (!wrote || body.ContainsKey(path)) body[path] = value.DeepClone();
        }

        private static void ApplyTags(JsonObject body, ContactChanges changes)
        {
            if (changes.TagSet == null && changes.TagsAdded.Count == 0 && changes.TagsRemoved.Count == 0) return;
            body.TryGetPropertyValue(ContactFields.TagsKey, out var current);
            var names = changes.TagSet != null ? new List<string>(changes.TagSet) : TagShape.NamesOf(current);
            foreach (var tag in changes.TagsAdded)
            {
                if (TagShape.IndexOf(names, tag) < 0) names.Add(tag);
            }
            foreach (var tag in changes.TagsRemoved)
            {
                var index = TagShape.IndexOf(names, tag);
                if (index >= 0) names.RemoveAt(index);
            }
            body[ContactFields.TagsKey] = TagShape.Write(names);
        }

        private static void ApplyAnswer(JsonObject body, AnswerChange change, FormCatalog forms)
        {
            var key = AnswerKinds.JsonKey(change.Kind);
            body.TryGetPropertyValue(key, out var node);
            var list = node as JsonArray;
            if (list == null)
            {
                list = new JsonArray();
                body[key] = list;
            }

            // Entries move between parents only when detached, so the list is rebuilt: other forms' entries in
            // place, this form's entries where its first one was (order does not matter to the server).
            var others = new List<JsonNode?>(list.Count + 2);
            var mine = new List<JsonObject>();
            var position = -1;
            foreach (var entry in list)
            {
                if (EntryShape.TryGetFormId(entry, out var formId) && formId == change.FormId)
                {
                    if (position < 0) position = others.Count;
                    mine.Add((JsonObject)entry!);
                }
                else others.Add(entry);
            }
            list.Clear();

            // A choice value is its refvalue: removing it must work even if the stored data is spelled differently.
            var form = forms.Find(change.FormId);
            var byRef = form != null && !form.IsFreeText;
            var result = change.IsExact ? Exact(change, mine, byRef) : Modified(change, mine, byRef);
            if (position < 0) position = others.Count;
            for (var i = 0; i < others.Count; i++)
            {
                if (i == position) foreach (var entry in result) list.Add(entry);
                list.Add(others[i]);
            }
            if (position == others.Count) foreach (var entry in result) list.Add(entry);
        }

        // Answers are multisets. Each wanted copy keeps one existing entry that holds its value, as it is (with
        // its date), so setting an answer to what it already is changes nothing; a copy with no entry left to keep
        // is a new entry, and existing copies beyond those asked for are dropped ('a','a' over a,a,a keeps two).
        // A choice holds each value once (Qomon keeps one entry per checkbox value): a repeat asked for is dropped.
        private static List<JsonObject> Exact(AnswerChange change, List<JsonObject> existing, bool byRef)
        {
            var result = new List<JsonObject>(change.Values.Count);
            foreach (var value in change.Values)
            {
                if (byRef && IndexOf(result, value, byRef) >= 0) continue;
                var index = IndexOf(existing, value);
                if (index >= 0)
                {
                    result.Add(existing[index]);
                    existing.RemoveAt(index);
                }
                else result.Add(EntryShape.Create(change.FormId, value));
            }
            return result;
        }

        // Removing a value removes every copy of it (a repeated canvass note is one value to the caller); adding a
        // value the answer already holds adds nothing, so a re-run changes nothing.
        private static List<JsonObject> Modified(AnswerChange change, List<JsonObject> existing, bool byRef)
        {
            foreach (var value in change.Removed)
            {
                int index;
                while ((index = IndexOf(existing, value, byRef)) >= 0) existing.RemoveAt(index);
            }
            foreach (var value in change.Added)
            {
                if (IndexOf(existing, value, byRef) < 0) existing.Add(EntryShape.Create(change.FormId, value));
            }
            return existing;
        }

        private static int IndexOf(List<JsonObject> entries, AnswerValue value, bool byRef = false)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var stored = EntryShape.ValueOf(entries[i]);
                if (byRef ? stored.RefId == value.RefId : stored.SameAs(value.RefId, value.Data)) return i;
            }
            return -1;
        }
    }
}

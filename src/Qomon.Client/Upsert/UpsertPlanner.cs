using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// The one place that decides whether upsert can express a record's change, and builds the upsert if so.
    /// Upsert by id merges on the server: it sets fields, adds tags and notes, replaces a radio answer and adds
    /// checkbox values and free-text entries. It cannot clear, remove or edit anything, so such a change goes by
    /// PATCH. The decision is taken on the merged PATCH body against the base (the same differences -WhatIf shows),
    /// so both methods lead to the same contact; only the changed fields are sent.
    /// </summary>
    public static class UpsertPlanner
    {
        /// <summary>-Replace sets the whole contact, which only PATCH can do.</summary>
        public const string ReplaceReason = "-Replace sets the whole contact";

        public static UpsertPlan Plan(long contactId, JsonObject current, ContactChanges changes, FormCatalog forms)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            if (changes == null) throw new ArgumentNullException(nameof(changes));
            if (contactId <= 0) throw new ArgumentOutOfRangeException(nameof(contactId), "Upsert is used only with a contact id: matching by mail or name can update a different person.");
            forms = forms ?? FormCatalog.Empty;
            var merge = ContactMerger.Merge(current, changes, forms, out var items);
            return Build(contactId, current, merge, items, forms);
        }

        /// <summary>A record that goes by PATCH for a reason the caller knows (-Replace): the merge still serves -WhatIf and the skip.</summary>
        public static UpsertPlan PatchOnly(long contactId, MergeResult merge, string reason) =>
            new UpsertPlan(contactId, merge ?? throw new ArgumentNullException(nameof(merge)), null, null, reason);

        private static UpsertPlan Build(long contactId, JsonObject current, MergeResult merge, List<DiffItem> items, FormCatalog forms)
        {
            var data = new JsonObject { [UpsertKeys.Id] = contactId };
            var expectation = new UpsertExpectation(contactId);
            foreach (var item in items)
            {
                var refusal = item.Section switch
                {
                    DiffSection.Field => AddField(item, data, expectation),
                    DiffSection.Tag => AddTag(item, data, expectation),
                    DiffSection.Note => AddNote(item, current, data, expectation),
                    _ => AddAnswer(item, forms, data, expectation),
                };
                if (refusal != null) return PatchOnly(contactId, merge, refusal);
            }
            return new UpsertPlan(contactId, merge, data, expectation, null);
        }

        private static string? AddField(DiffItem item, JsonObject data, UpsertExpectation expectation)
        {
            if (item.Kind == FieldChangeKind.Cleared || item.New == null) return "clears '" + item.Path + "'";
            if (UpsertKeys.IsAddressPart(item.Path))
            {
                if (!(data[UpsertKeys.Address] is JsonObject address)) data[UpsertKeys.Address] = address = new JsonObject();
                address[item.Path.Substring(ContactFields.AddressPrefix.Length)] = item.New.DeepClone();
            }
            else if (UpsertKeys.TryField(item.Path, out var key)) data[key] = item.New.DeepClone();
            else return "upsert does not take '" + item.Path + "'";
            expectation.Field(item.Path, item.New);
            return null;
        }

        private static string? AddTag(DiffItem item, JsonObject data, UpsertExpectation expectation)
        {
            if (item.Kind != FieldChangeKind.Added) return "removes tag '" + item.Tag + "'";
            ListUnder(data, UpsertKeys.Tags).Add(new JsonObject { ["name"] = item.Tag });
            expectation.Tag(item.Tag!);
            return null;
        }

        private static string? AddNote(DiffItem item, JsonObject current, JsonObject data, UpsertExpectation expectation)
        {
            if (item.Kind == FieldChangeKind.Removed) return "removes a note";
            if (item.Kind != FieldChangeKind.Added || !(item.New is JsonObject note)) return "edits a note";
            var text = NoteShape.TextOf(note);
            var sent = new JsonObject { ["content"] = text };
            if (note.TryGetPropertyValue("pinned", out var pinned) && pinned != null) sent["pinned"] = pinned.DeepClone();
            var notes = ListUnder(data, UpsertKeys.Notes);
            notes.Add(sent);
            // Upsert adds a note even when one with the same text exists, so the read must show one more copy.
            expectation.Note(text, CountNotes(current[ContactFields.NotesKey], text) + CountNotes(notes, text));
            return null;
        }

        private static string? AddAnswer(DiffItem item, FormCatalog forms, JsonObject data, UpsertExpectation expectation)
        {
            var form = forms.Find(item.FormId);
            if (form == null) return "form " + item.FormId.ToString(CultureInfo.InvariantCulture) + " is not in the forms read";
            var path = forms.DisplayPath(item.AnswerKind, item.FormId);
            if (!UpsertKeys.TryAnswerList(form, out var key)) return path + " is of a kind ('" + form.Kind + "') upsert has no key for";
            var oldValues = item.OldAnswers!;
            var newValues = item.NewAnswers!;
            if (newValues.Count == 0) return "clears " + path;

            List<AnswerValue> sent;
            if (form.Type == "radio")
            {
                if (newValues.Count != 1) return path + " would hold several values";
                sent = newValues;
            }
            else if (form.IsCheckbox)
            {
                foreach (var old in oldValues)
                {
                    if (newValues.FindIndex(v => v.RefId == old.RefId) < 0) return "removes a value of " + path;
                }
                sent = newValues.FindAll(v => oldValues.FindIndex(o => o.RefId == v.RefId) < 0);
            }
            else if (form.IsFreeText)
            {
                if (AnswerMultiset.Minus(oldValues, newValues).Count > 0) return "removes or edits a value of " + path;
                sent = AnswerMultiset.Minus(newValues, oldValues);
            }
            else return path + " is a '" + form.Type + "' form, whose upsert rule is not known";

            var list = ListUnder(data, key);
            foreach (var value in sent)
            {
                var text = UpsertValue(form, value);
                if (text == null) return path + " has a value the form does not list";
                list.Add(new JsonObject { ["id"] = form.Id, ["value"] = text });
            }
            expectation.Answers(item.AnswerKind, form, newValues);
            return null;
        }

        /// <summary>Upsert takes every value as a string: a choice's stored value (slug), free text as it is.</summary>
        private static string? UpsertValue(QomonForm form, AnswerValue value)
        {
            if (!form.IsChoice) return value.Data ?? "";
            foreach (var refValue in form.RefValues)
            {
                if (refValue.Id == value.RefId) return string.IsNullOrEmpty(refValue.Value) ? refValue.Label : refValue.Value;
            }
            return null;
        }

        private static JsonArray ListUnder(JsonObject data, string key)
        {
            if (data[key] is JsonArray list) return list;
            list = new JsonArray();
            data[key] = list;
            return list;
        }

        private static int CountNotes(JsonNode? notes, string text)
        {
            var count = 0;
            if (!(notes is JsonArray list)) return 0;
            foreach (var note in list)
            {
                if (note is JsonObject obj && !Json.JsonRead.IsSoftDeleted(obj) && string.Equals(NoteShape.TextOf(obj), text, StringComparison.Ordinal)) count++;
            }
            return count;
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Input;
using Qomon.Client.Json;
using Qomon.Client.Model;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// What a Qomon.Contact edited in place means beyond its plain fields (ContactChangeDetector reads those):
    /// an assignment to its Answers view is an answer change, detected against what the view showed; an
    /// assignment that would not be written as meant (inside the raw formdatas / custom_fields entries, to a
    /// field Qomon sets) is refused with the way that works, so that nothing is sent and nothing is lost silently.
    /// </summary>
    internal static class ContactEdits
    {
        internal sealed class Problem
        {
            public Problem(string field, string message, string errorId)
            {
                Field = field;
                Message = message;
                ErrorId = errorId;
            }

            public string Field { get; }
            public string Message { get; }
            public string ErrorId { get; }
        }

        /// <summary>Adds the edits of the Answers view to changes; returns every assignment that cannot be written.</summary>
        internal static List<Problem> Read(PSObject contact, JsonObject original, JsonObject edited, ContactChanges changes, string invalidInputId)
        {
            var problems = new List<Problem>();
            ContactSnapshots.TryGet(contact, out _, out var forms);
            RefuseReadOnly(original, edited, problems);
            RefuseBadDates(original, edited, problems, invalidInputId);
            RefuseAnswerListEdits(original, edited, forms ?? FormCatalog.Empty, problems);
            var view = ContactSnapshots.AnswersIfShown(contact);
            if (view != null) ReadAnswersView(view, changes, problems, invalidInputId);
            return problems;
        }

        private static void RefuseReadOnly(JsonObject original, JsonObject edited, List<Problem> problems)
        {
            foreach (var key in original.Select(p => p.Key).Union(edited.Select(p => p.Key)).Where(ContactFields.IsReadOnly))
            {
                if (!JsonSemantics.AreEqual(original[key], edited[key]))
                    problems.Add(new Problem(key, "is set by Qomon and cannot be changed; leave it as it was read", ErrorIds.UnsupportedEdit));
            }
            var before = original["address"] as JsonObject;
            var after = edited["address"] as JsonObject;
            foreach (var part in ContactFields.ReadOnlyAddressParts)
            {
                if (!JsonSemantics.AreEqual(before?[part], after?[part]))
                    problems.Add(new Problem("address." + part, "is set by Qomon (geocoding) and cannot be changed; leave it as it was read", ErrorIds.UnsupportedEdit));
            }
        }

        // A date set as text that is no date ('17/05/1980', in an order Qomon cannot know) is refused as -Property
        // refuses it, rather than sent for the server to reject or misread.
        private static void RefuseBadDates(JsonObject original, JsonObject edited, List<Problem> problems, string invalidInputId)
        {
            foreach (var pair in edited)
            {
                if (!ContactFields.TryResolve(pair.Key, out var field) || field.Type != ContactFieldType.Date || field.IsAddressPart) continue;
                if (JsonRead.IsBlank(pair.Value) || JsonSemantics.AreEqual(original[pair.Key], pair.Value)) continue;
                if (!FieldValueReader.TryReadDate(JsonRead.GetText(pair.Value) ?? pair.Value!.ToJsonString(), out _, out var problem))
                    problems.Add(new Problem(pair.Key, problem ?? "is not a date", invalidInputId));
            }
        }

        // An entry's form_ref_id, not its data, is what Qomon keeps for a choice, and ids, dates and the entries of
        // a form must agree with each other: an edit in these arrays would be sent and not stored as meant.
        private static void RefuseAnswerListEdits(JsonObject original, JsonObject edited, FormCatalog forms, List<Problem> problems)
        {
            foreach (var key in new[] { AnswerKinds.FormDatasKey, AnswerKinds.CustomFieldsKey, AnswerKinds.CustomFieldsLegacyKey })
            {
                if (JsonSemantics.AreEqual(original[key], edited[key])) continue;
                var kind = key == AnswerKinds.FormDatasKey ? AnswerKind.FormData : AnswerKind.CustomField;
                var label = EditedFormLabel(original[key], edited[key], forms) ?? "<label>";
                var path = AnswerKinds.Prefix(kind) + label;
                problems.Add(new Problem(key,
                    $"the raw answer entries of a Qomon.Contact cannot be edited in place (Qomon would keep the entry's refvalue, not its data). " +
                    $"Set the answer through the Answers view: $contact.Answers.'{label}' = '<value>', or with Set-QomonContact -Id <id> -Property @{{ '{path}' = '<value>' }}",
                    ErrorIds.UnsupportedEdit));
            }
        }

        private static string? EditedFormLabel(JsonNode? before, JsonNode? after, FormCatalog forms)
        {
            var formIds = FormIdsOf(before).Union(FormIdsOf(after));
            foreach (var formId in formIds)
            {
                if (JsonSemantics.AreEqual(EntriesOf(before, formId), EntriesOf(after, formId))) continue;
                var form = forms.Find(formId);
                return form == null || string.IsNullOrEmpty(form.Label) ? formId.ToString(CultureInfo.InvariantCulture) : form.Label;
            }
            return null;
        }

        private static IEnumerable<long> FormIdsOf(JsonNode? entries) =>
            (entries as JsonArray)?.Select(e => e is JsonObject o && JsonRead.TryGetLong(o["form_id"], out var id) ? id : 0).Where(id => id != 0) ?? Enumerable.Empty<long>();

        private static JsonArray EntriesOf(JsonNode? entries, long formId) =>
            new JsonArray((entries as JsonArray)?.Where(e => e is JsonObject o && JsonRead.TryGetLong(o["form_id"], out var id) && id == formId).Select(e => e!.DeepClone()).ToArray() ?? Array.Empty<JsonNode>());

        private static void ReadAnswersView(AnswersView view, ContactChanges changes, List<Problem> problems, string invalidInputId)
        {
            var shownByKey = view.Shown.ToDictionary(s => s.Key, StringComparer.OrdinalIgnoreCase);
            foreach (var property in view.View.Properties)
            {
                if (shownByKey.ContainsKey(property.Name)) continue;
                problems.Add(new Problem("Answers." + property.Name,
                    $"a property added to the Answers view is not written; answer a form this contact has not answered with Set-QomonContact -Id <id> -Property @{{ 'form:{property.Name}' = '<value>' }}",
                    ErrorIds.UnsupportedEdit));
            }
            foreach (var shown in view.Shown)
            {
                var property = view.View.Properties[shown.Key];
                if (property == null)
                {
                    problems.Add(new Problem("Answers." + shown.Key,
                        $"removed from the Answers view, which writes nothing; clear the answer with $contact.Answers.'{shown.Key}' = $null", ErrorIds.UnsupportedEdit));
                    continue;
                }
                if (ItemsOf(Unwrap(property.Value, keepDates: true)).SequenceEqual(shown.Items, StringComparer.Ordinal)) continue;
                var value = Unwrap(property.Value);
                if (shown.Form == null)
                {
                    problems.Add(new Problem("Answers." + shown.Key, "this form is not among the space's forms (Get-QomonForm), so its answer cannot be checked or written", ErrorIds.UnsupportedEdit));
                    continue;
                }
                var values = Read(shown.Form, value, out var problem);
                if (values == null) problems.Add(new Problem("Answers." + shown.Key, problem ?? "invalid answer", invalidInputId));
                else changes.SetAnswer(shown.Kind, shown.FormId, values);
            }
        }

        // A choice form reads its value or list as Set-QomonContact's form:<label> column does; a text, numeric or
        // date form reads each item as one entry, so a list keeps every entry (repeated values included).
        private static List<AnswerValue>? Read(QomonForm form, object? value, out string? problem)
        {
            problem = null;
            var maxLength = new ContactReadOptions().MaxTextLength;
            if (IsBlank(value)) return new List<AnswerValue>(0);
            if (AnswerValueReader.IsChoice(form)) return AnswerValueReader.Read(form, value!, maxLength, out problem);
            var values = new List<AnswerValue>();
            foreach (var item in value is IList list ? list.Cast<object?>().Select(item => Unwrap(item)) : new[] { value })
            {
                if (IsBlank(item)) continue;
                var read = AnswerValueReader.Read(form, item!, maxLength, out problem);
                if (read == null) return null;
                values.AddRange(read);
            }
            return values;
        }

        private static bool IsBlank(object? value) =>
            value == null || (value is string text && text.Trim().Length == 0) || (value is IList list && list.Cast<object?>().All(i => Unwrap(i) == null));

        /// <summary>
        /// The base object of a wrapped value, and a list for any sequence that is not text or a map. A date as read
        /// is kept, with its text, only to tell whether it changed: a new value is read as its typed date.
        /// </summary>
        private static object? Unwrap(object? value, bool keepDates = false)
        {
            if (keepDates && value is DateAsRead) return value;
            if (value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject)) value = wrapped.BaseObject;
            if (value is string || value is IDictionary || value is PSObject || !(value is IEnumerable sequence)) return value;
            return sequence.Cast<object?>().Select(item => Unwrap(item, keepDates)).ToList();
        }

        private static IEnumerable<string?> ItemsOf(object? value)
        {
            if (value == null) return Enumerable.Empty<string?>();
            if (value is IList list) return list.Cast<object?>().Select(TextOf);
            return new[] { TextOf(value) };
        }

        private static string? TextOf(object? value) =>
            value == null ? null : value is DateAsRead date ? date.Text : value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString();
    }
}

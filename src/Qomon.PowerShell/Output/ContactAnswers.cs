using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// The Answers view of a Qomon.Contact (a CodeProperty in Qomon.Types.ps1xml): form answers and custom
    /// fields by their label, e.g. $c.Answers.'Favourite topic'. A choice shows its value's label, a checkbox
    /// an array of labels, a text, number or date form its data. Computed on access from the contact as read,
    /// so it costs nothing for contacts nobody looks at. Both custom-field keys (custom_fields, customfields)
    /// are read; soft-deleted entries are skipped.
    /// </summary>
    public static class ContactAnswers
    {
        private static readonly string[] AnswerLists = { "formdatas", "custom_fields", "customfields" };

        /// <summary>Called by the type data; returns a PSCustomObject, empty when there are no answers.</summary>
        public static object Get(PSObject instance)
        {
            var answers = new PSObject();
            if (!ContactSnapshots.TryGet(instance, out var contact, out var forms)) return answers;
            var values = new List<(string Key, long FormId, string? Value)>();
            foreach (var list in AnswerLists)
            {
                if (!(contact[list] is JsonArray entries)) continue;
                foreach (var entry in entries.OfType<JsonObject>())
                {
                    if (entry["deleted_at"] is JsonValue deleted && deleted.ToString().Length > 0) continue;
                    var formId = AsLong(entry["form_id"]);
                    if (formId == null) continue;
                    values.Add((KeyOf(forms, formId.Value), formId.Value, ValueOf(forms, formId.Value, entry)));
                }
            }
            foreach (var group in values.GroupBy(v => v.Key))
            {
                var form = forms.Find(group.First().FormId);
                var items = group.Select(v => v.Value).ToArray();
                object? value = form?.Type == "checkbox" || items.Length > 1 ? items : items[0];
                answers.Properties.Add(new PSNoteProperty(group.Key, value));
            }
            return answers;
        }

        private static string KeyOf(FormCatalog forms, long formId)
        {
            var form = forms.Find(formId);
            if (form == null || string.IsNullOrEmpty(form.Label)) return "form " + formId;
            // Two forms with one label (a survey question and a custom field, say) stay apart.
            var twin = forms.Forms.Any(f => f.Id != formId && string.Equals(f.Label, form.Label, System.StringComparison.OrdinalIgnoreCase));
            return twin ? form.Label + " [" + formId + "]" : form.Label;
        }

        private static string? ValueOf(FormCatalog forms, long formId, JsonObject entry)
        {
            var data = entry["data"]?.ToString();
            var form = forms.Find(formId);
            if (form != null && form.IsFreeText) return data;
            var refId = AsLong(entry["form_ref_id"]);
            if (form == null) return data;
            // The refvalue by id; failing that, by its stored slug.
            var refValue = form.RefValues.FirstOrDefault(r => refId != null && r.Id == refId.Value)
                           ?? form.RefValues.FirstOrDefault(r => r.Value != null && r.Value == data);
            return refValue?.Label ?? refValue?.Value ?? data;
        }

        private static long? AsLong(JsonNode? node)
        {
            if (node is JsonValue value)
            {
                if (value.TryGetValue(out long l)) return l;
                if (value.TryGetValue(out System.Text.Json.JsonElement e) && e.ValueKind == System.Text.Json.JsonValueKind.Number && e.TryGetInt64(out l)) return l;
                if (long.TryParse(value.ToString(), out l)) return l;
            }
            return null;
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// The Answers view of a Qomon.Contact (a CodeProperty in Qomon.Types.ps1xml): form answers and custom
    /// fields by their label, e.g. $c.Answers.'Favourite topic'. A choice shows its value's label, a checkbox
    /// an array of labels, a text or number form its data, a date form a [datetime] (an array when it holds
    /// several entries, every copy of a repeated value shown). Built on first access from the contact as read and then kept with it,
    /// so that $c.Answers.'Level of support' = 'Opposed' is remembered and Set-QomonContact can write it
    /// (see AnswerEdits). Both custom-field keys (custom_fields, customfields) are read, an entry under both
    /// once; soft-deleted entries are skipped.
    /// </summary>
    public static class ContactAnswers
    {
        /// <summary>Called by the type data; returns a PSCustomObject, empty when there are no answers.</summary>
        public static object Get(PSObject instance) => ContactSnapshots.AnswersOf(instance)?.View ?? new PSObject();

        /// <summary>
        /// The answers as text, one 'Label: a, b' per answer joined by separator, a date answer as its day: the list
        /// view (a line each) and the Answers object's own text (Format-List *, Export-Csv) show them so.
        /// </summary>
        public static string Text(PSObject? answers, string separator) =>
            answers == null ? "" : string.Join(separator, answers.Properties.Select(p => p.Name + ": " + string.Join(", ", ValuesOf(p.Value))));

        private static IEnumerable<string> ValuesOf(object? value)
        {
            foreach (var item in value is object?[] list ? list : new[] { value })
            {
                var plain = item is PSObject wrapped ? wrapped.BaseObject : item;
                if (plain is System.DateTime day)
                    yield return day.ToString(day.TimeOfDay.Ticks == 0 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                else if (plain != null) yield return System.Convert.ToString(plain, CultureInfo.InvariantCulture) ?? "";
            }
        }

        internal static AnswersView Build(JsonObject contact, FormCatalog forms)
        {
            var values = new List<(string Key, AnswerKind Kind, long FormId, string? Value)>();
            foreach (var kind in new[] { AnswerKind.FormData, AnswerKind.CustomField })
            {
                var byForm = Qomon.Client.Changes.ContactDiff.AnswersOf(contact, kind);
                if (byForm == null) continue;
                foreach (var form in byForm)
                {
                    foreach (var answer in form.Value) values.Add((KeyOf(forms, form.Key), kind, form.Key, ValueOf(forms, form.Key, answer.RefId, answer.Data)));
                }
            }
            var view = new AnswersView();
            foreach (var group in values.GroupBy(v => v.Key))
            {
                var first = group.First();
                var form = forms.Find(first.FormId);
                var items = group.Select(v => v.Value).ToArray();
                var shown = items.Select(item => Shown(form, item)).ToArray();
                var asList = form?.Type == "checkbox" || items.Length > 1;
                view.View.Properties.Add(new PSNoteProperty(group.Key, asList ? shown : shown[0]));
                view.Shown.Add(new ShownAnswer(group.Key, first.Kind, first.FormId, form, items));
            }
            return view;
        }

        // A date form's answer is a typed day that keeps its text, like the contact's own dates.
        private static object? Shown(QomonForm? form, string? data) =>
            QomonDateFields.IsDateAnswer(form, out var kind) && QomonDateFields.TryRead(data, kind, out var date) ? new DateAsRead(date, data!) : data;

        private static string KeyOf(FormCatalog forms, long formId)
        {
            var form = forms.Find(formId);
            if (form == null || string.IsNullOrEmpty(form.Label)) return "form " + formId;
            // Two forms with one label (a survey question and a custom field, say) stay apart.
            var twin = forms.Forms.Any(f => f.Id != formId && string.Equals(f.Label, form.Label, System.StringComparison.OrdinalIgnoreCase));
            return twin ? form.Label + " [" + formId + "]" : form.Label;
        }

        private static string? ValueOf(FormCatalog forms, long formId, long refId, string? data)
        {
            var form = forms.Find(formId);
            if (form == null || form.IsFreeText) return data;
            // The refvalue by id; failing that, by its stored slug.
            var refValue = form.RefValues.FirstOrDefault(r => r.Id == refId) ?? form.RefValues.FirstOrDefault(r => r.Value != null && r.Value == data);
            return refValue?.Label ?? refValue?.Value ?? data;
        }
    }
}

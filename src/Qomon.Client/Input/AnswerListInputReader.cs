using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using Qomon.Client.Changes;
using Qomon.Client.Model;

namespace Qomon.Client.Input
{
    /// <summary>
    /// Reads a raw formdatas or custom_fields list (a contact piped as a plain object carries one) into the exact
    /// answers of each form it names; soft-deleted entries are skipped. Forms the list does not name are left alone.
    /// </summary>
    internal static class AnswerListInputReader
    {
        /// <summary>Form id → its answers, in the order the forms first appear; null with a problem.</summary>
        public static List<KeyValuePair<long, List<AnswerValue>>>? Read(AnswerKind kind, object value, FormCatalog forms, int maxLength, out string? problem)
        {
            problem = null;
            if (!InputValues.IsList(value))
            {
                problem = "expected a list of {form_id, form_ref_id, data} entries, or use form:<label or id> / custom:<label or id> columns";
                return null;
            }
            var byForm = new List<KeyValuePair<long, List<AnswerValue>>>();
            foreach (var item in (IList)value)
            {
                if (!InputValues.IsMap(item))
                {
                    problem = $"each entry must be an object with form_id, form_ref_id and data, got {InputValues.Describe(item)}";
                    return null;
                }
                object? formIdValue = null, refIdValue = null, data = null, deletedAt = null;
                foreach (var pair in InputValues.EntriesOf(item!))
                {
                    switch ((pair.Key ?? "").ToLowerInvariant())
                    {
                        case "form_id": formIdValue = pair.Value; break;
                        case "form_ref_id": refIdValue = pair.Value; break;
                        case "data": data = pair.Value; break;
                        case "deleted_at": deletedAt = pair.Value; break;
                    }
                }
                if (deletedAt != null && !InputValues.IsEmptyText(deletedAt)) continue;
                var answer = ReadEntry(kind, forms, formIdValue, refIdValue, data, maxLength, out var formId, out problem);
                if (answer == null) return null;
                ValuesOf(byForm, formId).Add(answer);
            }
            return byForm;
        }

        private static AnswerValue? ReadEntry(AnswerKind kind, FormCatalog forms, object? formIdValue, object? refIdValue, object? data, int maxLength, out long formId, out string? problem)
        {
            formId = 0;
            var parsedForm = formIdValue == null ? null : FieldValueReader.ReadPositiveId(formIdValue, out _);
            var refId = refIdValue == null ? null : FieldValueReader.ReadPositiveId(refIdValue, out _);
            if (!parsedForm.HasValue || !refId.HasValue)
            {
                problem = "an entry needs a positive form_id and form_ref_id";
                return null;
            }
            formId = parsedForm.Value;
            var form = forms.Find(formId);
            if (form == null || form.AnswerKind != kind)
            {
                problem = $"form {formId.ToString(CultureInfo.InvariantCulture)} is not a known {(kind == AnswerKind.CustomField ? "custom field" : "form")}";
                return null;
            }
            QomonRefValue? refValue = null;
            foreach (var candidate in form.RefValues)
            {
                if (candidate.Id == refId.Value) refValue = candidate;
            }
            if (refValue == null)
            {
                problem = $"{refId.Value.ToString(CultureInfo.InvariantCulture)} is not a refvalue of '{form.Label}'";
                return null;
            }
            problem = null;
            if (AnswerValueReader.IsChoice(form)) return new AnswerValue(refValue.Id, refValue.Value ?? refValue.Label ?? "");
            if (data == null)
            {
                problem = $"form '{form.Label}': an entry has no data";
                return null;
            }
            var read = AnswerValueReader.Read(form, data, maxLength, out var dataProblem);
            if (read == null)
            {
                problem = $"form '{form.Label}': {dataProblem}";
                return null;
            }
            return read[0];
        }

        private static List<AnswerValue> ValuesOf(List<KeyValuePair<long, List<AnswerValue>>> byForm, long formId)
        {
            foreach (var pair in byForm)
            {
                if (pair.Key == formId) return pair.Value;
            }
            var values = new List<AnswerValue>();
            byForm.Add(new KeyValuePair<long, List<AnswerValue>>(formId, values));
            return values;
        }
    }
}

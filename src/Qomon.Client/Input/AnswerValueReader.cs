using System;
using System.Collections.Generic;
using System.Globalization;
using Qomon.Client.Changes;
using Qomon.Client.Model;

namespace Qomon.Client.Input
{
    /// <summary>
    /// Converts the input for one form answer into entry values: for choice forms the refvalue named by its
    /// value slug, label or id (a checkbox takes a list or a ';'-separated text); for text, numeric and date forms
    /// the checked free text, number or date (written yyyy-MM-ddTHH:mm:ss.fffZ) in the form's single refvalue, one
    /// entry per value when the form is answered several times.
    /// </summary>
    internal static class AnswerValueReader
    {
        public static List<AnswerValue>? Read(QomonForm form, object value, int maxLength, out string? problem)
        {
            problem = null;
            if (InputValues.IsMap(value))
            {
                problem = "a nested object where an answer value is expected";
                return null;
            }
            if (IsChoice(form)) return ReadChoices(form, value, out problem);
            switch (form.Type)
            {
                case "text":
                case "numeric":
                case "range":
                case "date":
                    return ReadEntries(form, value, maxLength, out problem);
            }
            problem = $"answers of '{form.Label}' (type {(form.Type.Length == 0 ? "unknown" : form.Type)}) cannot be written by this module";
            return null;
        }

        /// <summary>Radio and checkbox; a form of another or no type that lists named values is treated as a radio.</summary>
        public static bool IsChoice(QomonForm form)
        {
            if (form.IsChoice) return true;
            if (form.IsFreeText || form.Type == "range") return false;
            foreach (var refValue in form.RefValues)
            {
                if (!string.IsNullOrEmpty(refValue.Value) || !string.IsNullOrEmpty(refValue.Label)) return true;
            }
            return false;
        }

        private static List<AnswerValue>? ReadChoices(QomonForm form, object value, out string? problem)
        {
            problem = null;
            List<object?> items;
            if (value is string text)
            {
                // A label may itself contain ';': the whole text is tried before it is split.
                items = FormCatalog.FindRefValue(form, text) != null ? new List<object?> { text } : InputValues.ItemsOf(text);
            }
            else if (InputValues.IsList(value)) items = InputValues.ItemsOf(value);
            else if (InputValues.IsNumber(value) || value is bool) items = new List<object?> { value };
            else
            {
                problem = FieldValueReader.ScalarExpected("a value of the form", value);
                return null;
            }

            if (!form.IsCheckbox && items.Count > 1)
            {
                problem = $"'{form.Label}' takes one value ({form.Type}), got {items.Count.ToString(CultureInfo.InvariantCulture)}";
                return null;
            }
            var values = new List<AnswerValue>(items.Count);
            foreach (var item in items)
            {
                if (item == null || InputValues.IsMap(item) || InputValues.IsList(item))
                {
                    problem = $"the list for '{form.Label}' holds {InputValues.Describe(item)} where a value is expected";
                    return null;
                }
                var name = item is string s ? s : InputValues.IsNumber(item) ? InputValues.NumberText(item) : Convert.ToString(item, CultureInfo.InvariantCulture) ?? "";
                var refValue = FormCatalog.FindRefValue(form, name);
                if (refValue == null)
                {
                    problem = $"'{InputValues.Shorten(name.Trim())}' is not a value of '{form.Label}'; allowed: {FormCatalog.DescribeAllowedValues(form)}";
                    return null;
                }
                var answer = new AnswerValue(refValue.Id, refValue.Value ?? refValue.Label ?? "");
                if (!AnswerChange.Contains(values, answer)) values.Add(answer);
            }
            return values;
        }

        /// <summary>
        /// A text, numeric or date form answered several times (two canvass notes on different dates) is given as a
        /// list, or as one cell split as MultiValueText says, the way Get-QomonContact -Flat exports it; each value
        /// is one entry. A single value is read whole (a text keeps its line breaks and spaces).
        /// </summary>
        private static List<AnswerValue>? ReadEntries(QomonForm form, object value, int maxLength, out string? problem)
        {
            problem = null;
            List<object?> items;
            if (value is string text && text.IndexOf(MultiValueText.Separator) >= 0) items = InputValues.ItemsOf(text);
            else if (InputValues.IsList(value)) items = InputValues.ItemsOf(value);
            else items = new List<object?> { value };
            var values = new List<AnswerValue>(items.Count);
            foreach (var item in items)
            {
                if (item == null || InputValues.IsMap(item) || InputValues.IsList(item))
                {
                    problem = $"the list for '{form.Label}' holds {InputValues.Describe(item)} where a {form.Type} value is expected";
                    return null;
                }
                var entry = ReadFreeText(form, item, maxLength, out problem);
                if (entry == null) return null;
                values.Add(entry);
            }
            return values;
        }

        private static AnswerValue? ReadFreeText(QomonForm form, object value, int maxLength, out string? problem)
        {
            if (form.RefValues.Count == 0)
            {
                problem = $"form '{form.Label}' has no refvalue to hold an answer (check Get-QomonForm -Id {form.Id.ToString(CultureInfo.InvariantCulture)})";
                return null;
            }
            var refId = form.RefValues[0].Id;
            string? data;
            switch (form.Type)
            {
                case "date":
                    data = FieldValueReader.TryReadDate(value, out var date, out problem) ? QomonDate.FormatForWrite(date) : null;
                    break;
                case "text":
                    data = value is bool || value is DateTime || value is DateTimeOffset
                        ? Fail(FieldValueReader.ScalarExpected("text", value), out problem)
                        : FieldValueReader.ReadTextValue(value, maxLength, multiline: true, out problem);
                    break;
                default:
                    data = ReadNumber(value, out problem);
                    break;
            }
            return data == null ? null : new AnswerValue(refId, data);
        }

        private static string? ReadNumber(object value, out string? problem)
        {
            problem = null;
            if (InputValues.IsNumber(value))
            {
                if (value is double d && (double.IsNaN(d) || double.IsInfinity(d))) return Fail("not a finite number", out problem);
                return InputValues.NumberText(value);
            }
            if (value is string text)
            {
                var trimmed = text.Trim();
                if (decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    return number.ToString(CultureInfo.InvariantCulture);
                return Fail($"'{InputValues.Shorten(trimmed)}' is not a number (use a dot for decimals: 3.5)", out problem);
            }
            return Fail(FieldValueReader.ScalarExpected("a number", value), out problem);
        }

        private static string? Fail(string message, out string? problem)
        {
            problem = message;
            return null;
        }
    }
}

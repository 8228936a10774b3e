using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.Client.Input
{
    /// <summary>Converts one input value (never null or empty here) to the JSON a contact field holds, or says what is wrong.</summary>
    internal static class FieldValueReader
    {
        public static JsonNode? Read(ContactField field, object value, int maxLength, out string? problem)
        {
            switch (field.Type)
            {
                case ContactFieldType.Text when IsPhoneNumber(field): return ReadPhone(value, maxLength, out problem);
                case ContactFieldType.Text: return ReadText(value, maxLength, multiline: false, out problem);
                case ContactFieldType.MultilineText: return ReadText(value, maxLength, multiline: true, out problem);
                case ContactFieldType.Email: return ReadEmail(value, maxLength, out problem);
                case ContactFieldType.Bool: return ReadBool(value, out problem);
                case ContactFieldType.IntRange: return ReadRange(value, field.Minimum, field.Maximum, out problem);
                case ContactFieldType.Id: return ReadId(value, out problem);
                case ContactFieldType.Gender: return ReadGender(value, out problem);
                case ContactFieldType.Date: return ReadDate(value, out problem);
                case ContactFieldType.IdList: return ReadIdList(value, out problem);
                default:
                    problem = "cannot be read here";
                    return null;
            }
        }

        /// <summary>Text from text, a single character or a number (a postal code typed as 75001); anything else is a problem.</summary>
        public static string? ReadTextValue(object value, int maxLength, bool multiline, out string? problem)
        {
            string text;
            if (value is string s) text = multiline ? s : s.Trim();
            else if (value is char c) text = c.ToString();
            else if (InputValues.IsNumber(value)) text = InputValues.NumberText(value);
            else
            {
                problem = ScalarExpected("text", value);
                return null;
            }
            problem = InputValues.CheckText(text, maxLength, multiline);
            return problem == null ? text : null;
        }

        /// <summary>A date from DateTime, DateTimeOffset or ISO text (a date alone is midnight UTC).</summary>
        public static bool TryReadDate(object value, out DateTimeOffset date, out string? problem)
        {
            problem = null;
            switch (value)
            {
                case DateTimeOffset offset: date = offset; return true;
                case DateTime dateTime: date = QomonDate.FromDateTime(dateTime); return true;
                case string text:
                    if (QomonDate.TryParse(text, out date)) return true;
                    problem = $"'{InputValues.Shorten(text.Trim())}' is not a valid date; use yyyy-MM-dd or ISO 8601 such as 1980-05-17T00:00:00Z";
                    return false;
            }
            date = default;
            problem = ScalarExpected("a date", value);
            return false;
        }

        public static string ScalarExpected(string expected, object value) =>
            InputValues.IsMap(value) ? $"a nested object where {expected} is expected"
            : InputValues.IsList(value) ? $"expected {expected}, got {InputValues.Describe(value)}"
            : $"expected {expected}, got {InputValues.Describe(value)}";

        private static JsonNode? ReadText(object value, int maxLength, bool multiline, out string? problem)
        {
            var text = ReadTextValue(value, maxLength, multiline, out problem);
            return text == null ? null : JsonValue.Create(text);
        }

        private static bool IsPhoneNumber(ContactField field) => field.Path == "phone" || field.Path == "mobile";

        private static JsonNode? ReadPhone(object value, int maxLength, out string? problem)
        {
            var text = ReadTextValue(value, maxLength, multiline: false, out problem);
            if (text == null) return null;
            problem = InputValues.CheckNoInvisibleCharacters(text);
            return problem == null ? JsonValue.Create(text) : null;
        }

        private static JsonNode? ReadEmail(object value, int maxLength, out string? problem)
        {
            var text = ReadTextValue(value, Math.Min(maxLength, 320), multiline: false, out problem);
            if (text == null) return null;
            problem = InputValues.CheckNoInvisibleCharacters(text);
            if (problem != null) return null;
            var at = text.IndexOf('@');
            var valid = at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && text.IndexOf(' ') < 0;
            if (valid)
            {
                var domain = text.Substring(at + 1);
                var dot = domain.IndexOf('.');
                valid = dot > 0 && domain[domain.Length - 1] != '.';
            }
            if (!valid)
            {
                problem = $"'{InputValues.Shorten(text)}' is not an email address";
                return null;
            }
            return JsonValue.Create(text);
        }

        private static JsonNode? ReadBool(object value, out string? problem)
        {
            problem = null;
            if (value is bool b) return JsonValue.Create(b);
            if (value is string text)
            {
                switch (text.Trim().ToLowerInvariant())
                {
                    case "true": case "yes": case "y": case "1": case "$true": case "vrai": case "oui": return JsonValue.Create(true);
                    case "false": case "no": case "n": case "0": case "$false": case "faux": case "non": return JsonValue.Create(false);
                }
                problem = $"'{InputValues.Shorten(text.Trim())}' is not true or false (use true/false, yes/no or 1/0)";
                return null;
            }
            if (InputValues.IsNumber(value) && InputValues.TryWhole(value, out var number, out _) && (number == 0 || number == 1))
                return JsonValue.Create(number == 1);
            problem = ScalarExpected("true or false", value);
            return null;
        }

        private static JsonNode? ReadRange(object value, int minimum, int maximum, out string? problem)
        {
            if (!(value is string) && !InputValues.IsNumber(value))
            {
                problem = ScalarExpected("a whole number", value);
                return null;
            }
            if (!InputValues.TryWhole(value, out var number, out problem)) return null;
            if (number < minimum || number > maximum)
            {
                problem = $"{number.ToString(CultureInfo.InvariantCulture)} is out of range: it must be between {minimum.ToString(CultureInfo.InvariantCulture)} and {maximum.ToString(CultureInfo.InvariantCulture)}";
                return null;
            }
            return JsonValue.Create((int)number);
        }

        private static JsonNode? ReadId(object value, out string? problem)
        {
            var id = ReadPositiveId(value, out problem);
            return id.HasValue ? JsonValue.Create(id.Value) : null;
        }

        /// <summary>A positive whole number (an id): "42" and 42 are fine; 0, -1, 4.5 and "abc" are not.</summary>
        public static long? ReadPositiveId(object value, out string? problem)
        {
            if (!(value is string) && !InputValues.IsNumber(value))
            {
                problem = ScalarExpected("a positive whole number", value);
                return null;
            }
            if (!InputValues.TryWhole(value, out var number, out problem)) return null;
            if (number <= 0)
            {
                problem = $"{number.ToString(CultureInfo.InvariantCulture)} is not a valid id: ids are positive whole numbers";
                return null;
            }
            return number;
        }

        private static JsonNode? ReadGender(object value, out string? problem)
        {
            problem = null;
            if (value is string text)
            {
                var trimmed = text.Trim();
                if (trimmed.Equals("F", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create("F");
                if (trimmed.Equals("M", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create("M");
                if (trimmed.Equals("O", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create("O");
                problem = $"'{InputValues.Shorten(trimmed)}' is not a gender Qomon knows; allowed: F, M, O";
                return null;
            }
            problem = ScalarExpected("F, M or O", value);
            return null;
        }

        private static JsonNode? ReadDate(object value, out string? problem)
        {
            if (!TryReadDate(value, out var date, out problem)) return null;
            if (date.UtcDateTime.Year < 1800 || date.UtcDateTime.Year > 2200)
            {
                problem = $"{QomonDate.FormatForWrite(date)} is out of range (years 1800 to 2200)";
                return null;
            }
            return JsonValue.Create(QomonDate.FormatForWrite(date));
        }

        private static JsonNode? ReadIdList(object value, out string? problem)
        {
            problem = null;
            if (!(value is string) && !InputValues.IsList(value) && !InputValues.IsNumber(value))
            {
                problem = ScalarExpected("a list of ids", value);
                return null;
            }
            var items = InputValues.IsNumber(value) ? new List<object?> { value } : InputValues.ItemsOf(value);
            var ids = new JsonArray();
            foreach (var item in items)
            {
                if (item == null)
                {
                    problem = "the list holds an empty (null) item";
                    return null;
                }
                var id = ReadPositiveId(item, out problem);
                if (!id.HasValue) return null;
                ids.Add(id.Value);
            }
            return ids;
        }
    }
}

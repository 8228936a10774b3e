using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qomon.Client.Input
{
    /// <summary>
    /// What the PowerShell layer hands the reader: null, text, numbers of every CLR width, bools, dates, lists and
    /// nested dictionaries. These helpers classify and convert them without culture surprises.
    /// </summary>
    internal static class InputValues
    {
        /// <summary>
        /// JSON given as input (a caller passing parts of a contact as read) becomes the plain values the reader
        /// knows: text, long or double, bool, lists and dictionaries.
        /// </summary>
        public static object? FromJson(object? value)
        {
            switch (value)
            {
                case JsonObject obj:
                    var map = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
                    foreach (var pair in obj) map[pair.Key] = FromJson(pair.Value);
                    return map;
                case JsonArray array:
                    var list = new List<object?>(array.Count);
                    foreach (var item in array) list.Add(FromJson(item));
                    return list;
                case JsonValue json:
                    switch (json.GetValueKind())
                    {
                        case JsonValueKind.String: return json.GetValue<string>();
                        case JsonValueKind.True: return true;
                        case JsonValueKind.False: return false;
                        case JsonValueKind.Number:
                            var text = json.ToJsonString();
                            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole;
                            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)) return exact;
                            return text;
                        default: return null;
                    }
                default:
                    return value;
            }
        }

        public static bool IsMap(object? value) => value is IDictionary || value is IDictionary<string, object?> || value is IReadOnlyDictionary<string, object?>;

        public static bool IsList(object? value) => !(value is string) && !IsMap(value) && value is IList;

        public static bool IsEmptyText(object? value) => value is string text && text.Trim().Length == 0;

        public static bool IsNumber(object? value) =>
            value is int || value is long || value is short || value is byte || value is sbyte || value is uint || value is ulong
            || value is ushort || value is double || value is float || value is decimal;

        public static IEnumerable<KeyValuePair<string, object?>> EntriesOf(object map)
        {
            if (map is IDictionary<string, object?> generic)
            {
                foreach (var pair in generic) yield return pair;
                yield break;
            }
            if (map is IReadOnlyDictionary<string, object?> readOnly)
            {
                foreach (var pair in readOnly) yield return pair;
                yield break;
            }
            foreach (DictionaryEntry entry in (IDictionary)map)
            {
                yield return new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value);
            }
        }

        /// <summary>The items of a list, or of a string as MultiValueText splits it (how one CSV cell carries several values), empty items dropped.</summary>
        public static List<object?> ItemsOf(object value)
        {
            var items = new List<object?>();
            if (value is string text)
            {
                foreach (var part in MultiValueText.Split(text)) items.Add(part);
                return items;
            }
            foreach (var item in (IList)value)
            {
                if (item is string s && s.Trim().Length == 0) continue;
                items.Add(item);
            }
            return items;
        }

        /// <summary>How a value's kind reads in a message: "a list of 3 values", "a nested object", "true/false"...</summary>
        public static string Describe(object? value)
        {
            if (value == null) return "null";
            if (value is string) return "text";
            if (value is bool) return "true/false";
            if (IsNumber(value)) return "a number";
            if (value is DateTime || value is DateTimeOffset) return "a date";
            if (IsMap(value)) return "a nested object";
            if (value is IList list) return list.Count == 1 ? "a list of 1 value" : "a list of " + list.Count.ToString(CultureInfo.InvariantCulture) + " values";
            return "a value of type " + value.GetType().Name;
        }

        /// <summary>A number as invariant text: 42, 3.5, 1E+20 (R for doubles so nothing is rounded).</summary>
        public static string NumberText(object number)
        {
            switch (number)
            {
                case double d: return d.ToString("R", CultureInfo.InvariantCulture);
                case float f: return f.ToString("R", CultureInfo.InvariantCulture);
                default: return Convert.ToString(number, CultureInfo.InvariantCulture) ?? "";
            }
        }

        /// <summary>A whole number from a number or text ("42" from CSV). The problem says why not.</summary>
        public static bool TryWhole(object value, out long result, out string? problem)
        {
            result = 0;
            problem = null;
            switch (value)
            {
                case long l: result = l; return true;
                case int i: result = i; return true;
                case short s: result = s; return true;
                case byte b: result = b; return true;
                case sbyte sb: result = sb; return true;
                case uint ui: result = ui; return true;
                case ushort us: result = us; return true;
                case ulong ul when ul <= long.MaxValue: result = (long)ul; return true;
                case double d when IsWholeDouble(d): result = (long)d; return true;
                case float f when IsWholeDouble(f): result = (long)f; return true;
                case decimal m when m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue: result = (long)m; return true;
                case string text:
                    var trimmed = text.Trim();
                    if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result)) return true;
                    if (decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                    {
                        if (parsed == decimal.Truncate(parsed) && parsed >= long.MinValue && parsed <= long.MaxValue) { result = (long)parsed; return true; }
                        problem = parsed == decimal.Truncate(parsed) ? $"'{trimmed}' is too large" : $"'{trimmed}' is not a whole number";
                        return false;
                    }
                    problem = $"'{Shorten(trimmed)}' is not a number";
                    return false;
            }
            if (IsNumber(value)) problem = $"{NumberText(value)} is not a whole number";
            else problem = "expected a whole number, got " + Describe(value);
            return false;
        }

        /// <summary>
        /// Checks text for the write: not longer than the limit, no control characters (tabs and, where allowed,
        /// line breaks excepted), and no unpaired surrogate: half of a character that JSON cannot carry, which
        /// Qomon would store as U+FFFD (text cut in the middle of an emoji, or decoded with the wrong encoding).
        /// </summary>
        public static string? CheckText(string text, int maxLength, bool multiline)
        {
            if (text.Length > maxLength)
                return $"text of {text.Length.ToString(CultureInfo.InvariantCulture)} characters is longer than the limit of {maxLength.ToString(CultureInfo.InvariantCulture)}";
            for (int i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\t') continue;
                if ((c == '\r' || c == '\n') && multiline) continue;
                if (c == '\r' || c == '\n') return "line breaks are not allowed in this field";
                if (char.IsControl(c)) return $"contains the control character {CodePoint(c)}";
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                if (char.IsSurrogate(c))
                    return $"contains a broken character at position {(i + 1).ToString(CultureInfo.InvariantCulture)}: {CodePoint(c)}, half of a surrogate pair " +
                           "(the text was cut inside an emoji or decoded with the wrong encoding)";
            }
            return null;
        }

        /// <summary>
        /// For an address people or machines match on (mail, phone, mobile): no invisible format character
        /// (Unicode category Cf: zero-width space U+200B, BOM U+FEFF, direction marks...). Pasted from a web page or
        /// left by a CSV export, one makes the address look right yet never match. Names and free text may keep
        /// them: a zero-width joiner is part of many emoji and some scripts need ZWNJ.
        /// </summary>
        public static string? CheckNoInvisibleCharacters(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.Format)
                    return $"contains the invisible character {CodePoint(text[i])} at position {(i + 1).ToString(CultureInfo.InvariantCulture)}; remove it (it is often pasted from a web page or left by a CSV export)";
            }
            return null;
        }

        private static string CodePoint(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

        public static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

        private static bool IsWholeDouble(double d) => !double.IsNaN(d) && !double.IsInfinity(d) && Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue;
    }
}

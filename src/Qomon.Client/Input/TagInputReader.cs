using System;
using System.Collections.Generic;

namespace Qomon.Client.Input
{
    /// <summary>Reads the tags column: a list of names (or of {name} objects, as a piped contact has them) or text separated by ';'.</summary>
    internal static class TagInputReader
    {
        public static List<string>? Read(object value, int maxLength, out string? problem)
        {
            problem = null;
            if (!(value is string) && !InputValues.IsList(value))
            {
                problem = FieldValueReader.ScalarExpected("tag names (a list, or text separated by ';')", value);
                return null;
            }
            var tags = new List<string>();
            foreach (var item in InputValues.ItemsOf(value))
            {
                var tag = InputValues.IsMap(item) ? NameOf(item!) : item;
                if (!(tag is string text) || text.Trim().Length == 0)
                {
                    problem = $"each tag must be a name, got {InputValues.Describe(tag)}";
                    return null;
                }
                var trimmed = text.Trim();
                var textProblem = InputValues.CheckText(trimmed, Math.Min(maxLength, 255), multiline: false);
                if (textProblem != null)
                {
                    problem = $"tag '{InputValues.Shorten(trimmed)}': {textProblem}";
                    return null;
                }
                tags.Add(trimmed);
            }
            return tags;
        }

        private static object? NameOf(object map)
        {
            foreach (var pair in InputValues.EntriesOf(map))
            {
                if (string.Equals(pair.Key, "name", StringComparison.OrdinalIgnoreCase)) return pair.Value;
            }
            return null;
        }
    }
}

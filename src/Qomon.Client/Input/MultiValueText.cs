using System.Collections.Generic;
using System.Text;

namespace Qomon.Client.Input
{
    /// <summary>
    /// The one rule for several values in one text cell (tags, checkbox answers, a form answered several times),
    /// used by Get-QomonContact -Flat to join and by every write to split, so that a cell survives the round trip:
    /// values are separated by ';', and a ';' inside a value is doubled (";;"), since a checkbox label or a canvass
    /// note may hold one. Values are trimmed and empty ones dropped, as a spreadsheet user types "a; b;".
    /// </summary>
    public static class MultiValueText
    {
        public const char Separator = ';';

        private const string Escaped = ";;";

        /// <summary>The values as one cell: "Not home;Not home;Call back" ("a;b" as a value is written "a;;b").</summary>
        public static string Join(IEnumerable<string> values)
        {
            var text = new StringBuilder();
            foreach (var value in values)
            {
                if (text.Length > 0) text.Append(Separator);
                text.Append(value.Replace(Separator.ToString(), Escaped));
            }
            return text.ToString();
        }

        /// <summary>The values of a cell, trimmed, empty ones dropped; ";;" is a ';' inside a value.</summary>
        public static List<string> Split(string text)
        {
            var values = new List<string>();
            var current = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != Separator) { current.Append(text[i]); continue; }
                if (i + 1 < text.Length && text[i + 1] == Separator)
                {
                    current.Append(Separator);
                    i++;
                    continue;
                }
                Add(values, current);
            }
            Add(values, current);
            return values;
        }

        private static void Add(List<string> values, StringBuilder current)
        {
            var value = current.ToString().Trim();
            current.Clear();
            if (value.Length > 0) values.Add(value);
        }
    }
}

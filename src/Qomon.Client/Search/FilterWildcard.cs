using System;
using System.Linq;
using System.Text.RegularExpressions;
using Qomon.Client.Model;

namespace Qomon.Client.Search
{
    /// <summary>
    /// '*' in a -Filter value on a text field ('Mart*', '*@example.org', 'J*n'). Qomon has no wildcard, so the
    /// server narrows with the operator that fits the pattern (start_with for a fixed start, contains for the
    /// longest fixed part, ext for '*' alone) and ContactFilter checks the whole pattern on each contact returned,
    /// ignoring case as the rest of -Filter does. Only '*' is special: '?' and '[' are common in real values.
    /// </summary>
    internal static class FilterWildcard
    {
        internal const char Star = '*';

        internal static bool Has(string text) => text.IndexOf(Star) >= 0;

        /// <summary>Text, multi-line text and email fields take patterns; numbers, dates, choices and lists do not.</summary>
        internal static bool Applies(ContactFieldType type) =>
            type == ContactFieldType.Text || type == ContactFieldType.MultilineText || type == ContactFieldType.Email;

        /// <summary>The operator and value that narrow the search on the server; the value is null for ext.</summary>
        internal static (string Operation, string? Value) ServerCondition(string pattern)
        {
            var parts = pattern.Split(Star);
            if (parts[0].Length > 0) return (SearchOperators.StartWith, parts[0]);
            var longest = parts.OrderByDescending(p => p.Length).First();
            return longest.Length == 0 ? (SearchOperators.Ext, null) : (SearchOperators.Contains, longest);
        }

        /// <summary>The whole pattern, for the exact check: '*' is any run of characters (none included), the rest is literal.</summary>
        internal static Regex ToRegex(string pattern) =>
            new Regex("^" + string.Join(".*", pattern.Split(Star).Select(Regex.Escape)) + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }
}

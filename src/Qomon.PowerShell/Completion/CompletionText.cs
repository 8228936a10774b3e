using System;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace Qomon.PowerShell.Completion
{
    /// <summary>How typed words are matched and how names are written back into the command line.</summary>
    public static class CompletionText
    {
        // A hashtable key or argument PowerShell reads as a bare word; anything else (a dot, a colon, a space) needs quotes.
        private static readonly Regex BareWord = new Regex(@"^[\p{L}_][\p{L}\p{Nd}_]*$", RegexOptions.CultureInvariant);

        /// <summary>The typed word without an opening (and closing) quote, and the quote the user started with, if any.</summary>
        public static string Unquote(string? word, out char quote)
        {
            quote = '\0';
            var text = word ?? "";
            if (text.Length == 0 || !IsQuote(text[0])) return text;
            quote = IsDoubleQuote(text[0]) ? '"' : '\'';
            text = text.Substring(1);
            if (text.Length > 0 && IsQuote(text[text.Length - 1])) text = text.Substring(0, text.Length - 1);
            return text;
        }

        /// <summary>
        /// Prefix match, ignoring case, with PowerShell wildcards allowed in the typed part (*city finds
        /// address.city); a word that is not a valid pattern (a lone '[') is matched literally.
        /// </summary>
        public static Func<string, bool> PrefixMatcher(string typed)
        {
            var literal = WildcardPattern.Escape(typed) + "*";
            var pattern = new WildcardPattern(literal, WildcardOptions.IgnoreCase);
            if (WildcardPattern.ContainsWildcardCharacters(typed))
            {
                try
                {
                    var wildcard = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
                    wildcard.IsMatch(""); // an invalid pattern throws here, not in the constructor
                    pattern = wildcard;
                }
                catch (WildcardPatternException)
                {
                    // keep the literal pattern
                }
            }
            return pattern.IsMatch;
        }

        /// <summary>The name as it must be typed: bare when PowerShell reads it as one word, else quoted (in the user's quote, if they opened one).</summary>
        public static string Quote(string name, char userQuote, bool always = false)
        {
            if (!always && userQuote == '\0' && BareWord.IsMatch(name)) return name;
            if (userQuote == '"')
                return "\"" + name.Replace("`", "``").Replace("$", "`$").Replace("\"", "`\"") + "\"";
            return "'" + CodeGeneration.EscapeSingleQuotedStringContent(name) + "'";
        }

        private static bool IsQuote(char c) => c == '\'' || IsSingleQuoteVariant(c) || IsDoubleQuote(c);

        private static bool IsSingleQuoteVariant(char c) => c == '\u2018' || c == '\u2019' || c == '\u201a' || c == '\u201b';

        private static bool IsDoubleQuote(char c) => c == '"' || c == '\u201c' || c == '\u201d' || c == '\u201e';
    }
}

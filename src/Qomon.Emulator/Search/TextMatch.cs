namespace Qomon.Emulator.Search
{
    /// <summary>String tests of the search operators.</summary>
    public static class TextMatch
    {
        /// <summary>
        /// Qomon's observed "eql": case-insensitive, and true when the value starts the text or starts any word of
        /// it. So city eql "Test" matches "Testville" and mail eql "doe" matches "john.doe@example.org".
        /// </summary>
        public static bool TokenOrPrefix(string? text, string value)
        {
            if (text is null) return false;
            if (value.Length == 0) return text.Length == 0;
            if (text.StartsWith(value, StringComparison.OrdinalIgnoreCase)) return true;
            for (var i = 1; i < text.Length; i++)
            {
                if (!char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i])
                    && text.AsSpan(i).StartsWith(value, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            return false;
        }

        public static bool Contains(string? text, string value) => text is not null && text.Contains(value, StringComparison.OrdinalIgnoreCase);

        public static bool StartsWith(string? text, string value) => text is not null && text.StartsWith(value, StringComparison.OrdinalIgnoreCase);

        public static bool SameIgnoringCase(string? text, string value) => string.Equals(text, value, StringComparison.OrdinalIgnoreCase);

        public static int Compare(string? text, string value) => string.Compare(text, value, StringComparison.OrdinalIgnoreCase);
    }
}

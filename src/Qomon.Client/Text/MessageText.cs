using System;

namespace Qomon.Client.Text
{
    /// <summary>
    /// The one rule for composing a message from parts that may or may not end in their own period (a server's
    /// detail, an exception's message, a reason): a part goes in as a clause, without its final period, and the
    /// message ends its sentence once. Without it, "detail." + " (errors)" + "." read "detail. (errors).".
    /// </summary>
    internal static class MessageText
    {
        /// <summary>The text without trailing spaces and the one final period it may carry; an ellipsis stays.</summary>
        public static string Clause(string? text)
        {
            if (string.IsNullOrEmpty(text)) return "";
            var trimmed = text!.TrimEnd();
            return trimmed.EndsWith(".", StringComparison.Ordinal) && !trimmed.EndsWith("...", StringComparison.Ordinal)
                ? trimmed.Substring(0, trimmed.Length - 1).TrimEnd()
                : trimmed;
        }

        /// <summary>The text as a finished sentence: a period added unless it already ends with '.', '!' or '?'.</summary>
        public static string Sentence(string? text)
        {
            var trimmed = (text ?? "").TrimEnd();
            if (trimmed.Length == 0) return "";
            return ".!?".IndexOf(trimmed[trimmed.Length - 1]) >= 0 ? trimmed : trimmed + ".";
        }
    }
}

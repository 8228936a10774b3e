using System;
using System.Globalization;

namespace Qomon.Client.Errors
{
    /// <summary>
    /// Says what a body that is not JSON looks like, without quoting it (it may hold personal data or a portal's
    /// session token): an HTML page, XML, plain text or nothing, with its content type and length. An HTML page
    /// with a 200 is what a proxy, a gateway or a captive portal sends in place of the API's answer.
    /// </summary>
    internal static class BodyDescription
    {
        private const int SniffLength = 512;

        public static string Describe(string? text, string? mediaType)
        {
            var type = string.IsNullOrEmpty(mediaType) ? "no content type" : mediaType!;
            if (string.IsNullOrWhiteSpace(text)) return "an empty body (" + type + ")";
            var size = text!.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters";
            var start = text.TrimStart();
            var head = start.Length > SniffLength ? start.Substring(0, SniffLength) : start;
            if (IsHtml(head, mediaType))
                return "an HTML page (" + type + ", " + size + "), as a proxy, a gateway or a captive portal sends";
            if (head.StartsWith("<", StringComparison.Ordinal) || Contains(mediaType, "xml"))
                return "an XML document (" + type + ", " + size + ")";
            return (IsText(head) ? "plain text (" : "binary data (") + type + ", " + size + ")";
        }

        private static bool IsHtml(string head, string? mediaType) =>
            Contains(mediaType, "html")
            || head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.IndexOf("<html", StringComparison.OrdinalIgnoreCase) >= 0
            || head.IndexOf("<body", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool IsText(string head)
        {
            foreach (var c in head)
            {
                if (char.IsControl(c) && c != '\r' && c != '\n' && c != '\t') return false;
            }
            return true;
        }

        private static bool Contains(string? text, string part) =>
            text != null && text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}

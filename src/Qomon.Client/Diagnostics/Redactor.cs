using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
using System.Text;

namespace Qomon.Client.Diagnostics
{
    /// <summary>Renders headers and bodies for Debug output with every credential-bearing header masked.</summary>
    internal static class Redactor
    {
        public const string Mask = "[redacted]";
        public const int BodyPreviewChars = 4000;

        private static readonly HashSet<string> Sensitive = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key",
        };

        public static bool IsSensitive(string headerName) => Sensitive.Contains(headerName);

        public static void AppendHeaders(StringBuilder into, HttpHeaders? headers)
        {
            if (headers == null) return;
            foreach (var header in headers)
            {
                into.Append("\n  ").Append(header.Key).Append(": ")
                    .Append(IsSensitive(header.Key) ? Mask : string.Join(", ", header.Value));
            }
        }

        public static string BodyPreview(byte[]? body)
        {
            if (body == null || body.Length == 0) return "(no body)";
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, BodyPreviewChars * 4));
            return text.Length <= BodyPreviewChars ? text
                : text.Substring(0, BodyPreviewChars) + $"… ({body.Length} bytes in all)";
        }
    }
}

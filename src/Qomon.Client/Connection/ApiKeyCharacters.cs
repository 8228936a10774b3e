using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;

namespace Qomon.Client.Connection
{
    /// <summary>
    /// Checks an API key once, when a connection opens, so that a bad one is refused with a clear message instead
    /// of HttpClient's FormatException on every request (-SkipValidation would otherwise defer it to each command).
    /// </summary>
    internal static class ApiKeyCharacters
    {
        /// <summary>
        /// A read-only copy of the key without surrounding whitespace. The common case is a key read from a file
        /// (Get-Content key.txt -Raw, a secret store's export), which keeps its trailing line break; whitespace is
        /// never part of a key. Any other character outside printable ASCII, and an inner space, is refused: a
        /// bearer token (RFC 6750) holds neither. Throws InvalidApiKeyException, whose message never holds the key.
        /// </summary>
        public static SecureString Checked(SecureString apiKey)
        {
            var chars = new char[apiKey.Length];
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(apiKey);
                Marshal.Copy(ptr, chars, 0, chars.Length);
                int start = 0, end = chars.Length;
                while (start < end && char.IsWhiteSpace(chars[start])) start++;
                while (end > start && char.IsWhiteSpace(chars[end - 1])) end--;
                if (start == end) throw new InvalidApiKeyException("The API key is empty: it holds only whitespace.");
                for (int i = start; i < end; i++)
                {
                    if (chars[i] <= ' ' || chars[i] > '~') throw new InvalidApiKeyException(Describe(chars[i], i - start + 1, end - start));
                }
                var result = new SecureString();
                for (int i = start; i < end; i++) result.AppendChar(chars[i]);
                result.MakeReadOnly();
                return result;
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
            }
        }

        // Names the kind of character and where it is; the code point of a character that no key has reveals nothing.
        private static string Describe(char c, int position, int length)
        {
            var kind = c == '\r' || c == '\n' ? "a line break"
                : c == ' ' ? "a space"
                : char.IsControl(c) ? "a control character"
                : char.IsWhiteSpace(c) ? "a non-ASCII space"
                : "a non-ASCII character";
            var code = c == ' ' ? "" : " (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ")";
            return $"The API key has {kind}{code} at character {position.ToString(CultureInfo.InvariantCulture)} of {length.ToString(CultureInfo.InvariantCulture)}; " +
                   "a Qomon key is printable ASCII without spaces. Copy it again from Qomon (Settings > extensions > connect); " +
                   "surrounding spaces and line breaks, as a key read from a file has, are removed for you.";
        }
    }
}

using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace Qomon.Client.Connection
{
    /// <summary>
    /// The API key, kept as a read-only SecureString copy. It becomes a string only for the moment the
    /// authentication handler builds the header, so no field, property or formatter can show it.
    /// </summary>
    internal sealed class ApiKey : IDisposable
    {
        private readonly SecureString _secret;

        public ApiKey(SecureString apiKey)
        {
            if (apiKey == null) throw new ArgumentNullException(nameof(apiKey));
            if (apiKey.Length == 0) throw new ArgumentException("The API key is empty.", nameof(apiKey));
            _secret = ApiKeyCharacters.Checked(apiKey);
            Fingerprint = ComputeFingerprint();
        }

        /// <summary>First 8 hex characters of SHA-256 of the key: enough to tell keys apart, useless to an attacker.</summary>
        public string Fingerprint { get; }

        /// <summary>Only the authentication handler calls this; the result must go straight into a header.</summary>
        public string Reveal()
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                return Marshal.PtrToStringUni(ptr, _secret.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        /// <summary>Masks the key, and its base64 forms, wherever a server or a library echoed it into text.</summary>
        public string Scrub(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var key = Reveal();
            if (key.Length < 4) return text;
            var result = Replace(text, key);
            result = Replace(result, Convert.ToBase64String(Encoding.UTF8.GetBytes(key)));
            result = Replace(result, Convert.ToBase64String(Encoding.Unicode.GetBytes(key)));
            return result;
        }

        private static string Replace(string text, string secret) =>
            text.IndexOf(secret, StringComparison.Ordinal) < 0 ? text : text.Replace(secret, Diagnostics.Redactor.Mask);

        private string ComputeFingerprint()
        {
            var chars = new char[_secret.Length];
            byte[]? bytes = null;
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                Marshal.Copy(ptr, chars, 0, chars.Length);
                bytes = Encoding.UTF8.GetBytes(chars);
                using (var sha = SHA256.Create())
                {
                    var hash = sha.ComputeHash(bytes);
                    var sb = new StringBuilder(8);
                    for (int i = 0; i < 4; i++) sb.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    return sb.ToString();
                }
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
                if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
            }
        }

        public override string ToString() => "ApiKey " + Fingerprint;

        public void Dispose() => _secret.Dispose();
    }
}

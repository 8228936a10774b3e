using System;

namespace Qomon.Client.Connection
{
    /// <summary>
    /// The API key has a character no HTTP header can carry (a line break, a control or non-ASCII character, an
    /// inner space). The message names the character's kind and position, never the key.
    /// </summary>
    public sealed class InvalidApiKeyException : ArgumentException
    {
        public InvalidApiKeyException(string message) : base(message, "apiKey")
        {
        }
    }
}

using System;
using System.Net.Http;

namespace Qomon.Client.Http
{
    /// <summary>
    /// What happened to one logical call across its attempts. Stored in the request's properties so the outer
    /// handlers and QomonClient can read it after the retry handler is done.
    /// </summary>
    internal sealed class CallState
    {
        private const string Key = "Qomon.CallState";

        public int Attempts;
        /// <summary>Some attempt may have reached the server without us seeing the answer.</summary>
        public bool MaybeApplied;
        public TimeSpan? LastRetryAfter;
        /// <summary>Time all attempts of this call waited for tokens.</summary>
        public TimeSpan BudgetWait;
        /// <summary>Tokens the budget held for the last attempt (for the Verbose line).</summary>
        public string? BudgetNote;

        public static CallState For(HttpRequestMessage request)
        {
            if (request.Properties.TryGetValue(Key, out var value) && value is CallState state)
                return state;
            state = new CallState();
            request.Properties[Key] = state;
            return state;
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace Qomon.Client.Http
{
    /// <summary>
    /// At most N requests of one run under way at once (the cmdlets' -ThrottleLimit), counted per request rather than
    /// per record: an upserted record waits seconds for Qomon to apply it before its read-back, and holding a slot
    /// through that wait would cap a run at a few records per second whatever the budget allows.
    /// </summary>
    public sealed class RequestSlots
    {
        // Null for Unlimited: a request runs at once.
        private readonly SemaphoreSlim? _slots;

        public RequestSlots(int limit)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "Must be at least 1.");
            Limit = limit;
            _slots = new SemaphoreSlim(limit, limit);
        }

        private RequestSlots()
        {
            Limit = int.MaxValue;
        }

        /// <summary>No limit: for a writer used outside a cmdlet's run (tests, the client on its own), where only the budget paces.</summary>
        public static RequestSlots Unlimited { get; } = new RequestSlots();

        public int Limit { get; }

        /// <summary>Runs one request (or a GET-then-PATCH pair that must stay together) in a slot.</summary>
        public async Task<T> RunAsync<T>(Func<Task<T>> request, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (_slots == null) return await request().ConfigureAwait(false);
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { return await request().ConfigureAwait(false); }
            finally { _slots.Release(); }
        }
    }
}

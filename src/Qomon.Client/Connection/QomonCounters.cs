using System;
using System.Threading;

namespace Qomon.Client.Connection
{
    /// <summary>What a connection has done so far; shared by every command on it, updated lock-free.</summary>
    public sealed class QomonCounters
    {
        private long _requests, _tokensSpent, _throttled, _retries, _failures, _retryWaitTicks;

        /// <summary>HTTP attempts sent to the server (a retried call counts once per attempt).</summary>
        public long Requests => Interlocked.Read(ref _requests);

        /// <summary>Tokens charged, from x-ratelimit-cost, or the local estimate when absent or when no answer came.</summary>
        public long TokensSpent => Interlocked.Read(ref _tokensSpent);

        /// <summary>429 answers seen.</summary>
        public long Throttled => Interlocked.Read(ref _throttled);

        public long Retries => Interlocked.Read(ref _retries);

        /// <summary>Calls that ended in an error for the caller (non-success answer or transport failure).</summary>
        public long Failures => Interlocked.Read(ref _failures);

        /// <summary>Time spent in backoff and Retry-After waits (budget waits are TokenBudget.TotalWait).</summary>
        public TimeSpan RetryWait => TimeSpan.FromTicks(Interlocked.Read(ref _retryWaitTicks));

        internal void AddRetryWait(TimeSpan wait) => Interlocked.Add(ref _retryWaitTicks, wait.Ticks);
        internal void AddRequest() => Interlocked.Increment(ref _requests);
        internal void AddTokens(long cost) => Interlocked.Add(ref _tokensSpent, cost);
        internal void AddThrottled() => Interlocked.Increment(ref _throttled);
        internal void AddRetry() => Interlocked.Increment(ref _retries);
        internal void AddFailure() => Interlocked.Increment(ref _failures);

        public override string ToString() =>
            $"Requests={Requests} TokensSpent={TokensSpent} Throttled={Throttled} Retries={Retries} Failures={Failures}";
    }
}

using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Connection;

namespace Qomon.Client.Retry
{
    /// <summary>
    /// When to try a request again and how long to wait first: the connection's attempt and time limits, the
    /// server's Retry-After or else backoff with jitter. One policy for the retry handler (which resends what is safe
    /// to resend as is) and the contact writer (which resends a contact only after reading it again).
    /// </summary>
    internal sealed class RetryPolicy
    {
        private readonly QomonConnectionSettings _settings;
        private readonly QomonCounters _counters;
        private readonly Func<double> _random;

        internal RetryPolicy(QomonConnectionSettings settings, QomonCounters counters)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _counters = counters ?? throw new ArgumentNullException(nameof(counters));
            _random = settings.Random ?? SharedRandom.Next;
        }

        internal TimeProvider Time => _settings.TimeProvider;

        /// <summary>Attempts allowed in all, the first included.</summary>
        internal int MaxAttempts => _settings.MaxAttempts;

        /// <summary>How long to wait before attempt <paramref name="attempt"/> + 1.</summary>
        internal TimeSpan Delay(int attempt, TimeSpan? retryAfter) => retryAfter ?? Backoff.Delay(attempt, _random());

        /// <summary>Why attempt <paramref name="attempt"/> is the last one (null when another may follow after <paramref name="delay"/>).</summary>
        internal string? GiveUpReason(int attempt, long startedAt, TimeSpan delay) =>
            attempt >= _settings.MaxAttempts ? "attempt limit reached"
            : Time.GetElapsedTime(startedAt) + delay > _settings.RetryTimeLimit
                ? string.Format(CultureInfo.InvariantCulture, "the next try would pass the {0:0.#} s retry time limit", _settings.RetryTimeLimit.TotalSeconds)
                : null;

        /// <summary>Counts the retry and waits (cancellably) before it.</summary>
        internal async Task WaitBeforeRetryAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            _counters.AddRetry();
            var waitStarted = Time.GetTimestamp();
            try
            {
                await Time.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _counters.AddRetryWait(Time.GetElapsedTime(waitStarted));
            }
        }
    }
}

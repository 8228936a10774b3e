using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Diagnostics;

namespace Qomon.Client.Budget
{
    /// <summary>
    /// A local mirror of Qomon's token bucket, shared by every command on one connection. A request takes its
    /// tokens before it is sent, so bulk work runs at the refill rate instead of bouncing off 429 answers.
    /// Written here rather than taken from System.Threading.RateLimiting because it must be recalibrated from
    /// the server's headers and driven by a TimeProvider (see DEPENDENCIES.md).
    /// </summary>
    public sealed class TokenBudget : IDisposable
    {
        /// <summary>Waits longer than this are announced as warnings (runbook job history keeps warnings).</summary>
        internal static readonly TimeSpan LongWait = TimeSpan.FromSeconds(5);

        /// <summary>How long later requests wait for the first answer before going ahead uncalibrated.</summary>
        internal static readonly TimeSpan CalibrationPatience = TimeSpan.FromSeconds(2);

        private const double Epsilon = 1e-9;
        private readonly object _gate = new object();
        private readonly TimeProvider _time;
        // One acquirer at a time waits for tokens: first come, first served, so a 5-token write is never
        // starved by a stream of 1-token reads, and two waiters never both count the same refill.
        private readonly SemaphoreSlim _turnstile = new SemaphoreSlim(1, 1);

        private double _burst, _rate, _tokens, _inFlight;
        private int _inFlightRequests;
        // Until the server has answered once, the local bucket is a guess (another process may have drained
        // the server's), so only one request goes out: its answer calibrates the rest instead of many 429s.
        private bool _calibrated;
        private TaskCompletionSource<bool> _answered = NewSignal();
        private long _lastRefill, _pausedUntil;
        private readonly BudgetWaitStatistics _waits;

        public TokenBudget(TimeProvider timeProvider, double burst = 100, double ratePerSecond = 10)
            : this(timeProvider, burst, ratePerSecond, calibrated: false)
        {
        }

        internal TokenBudget(TimeProvider timeProvider, double burst, double ratePerSecond, bool calibrated)
        {
            _calibrated = calibrated;
            _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            _burst = burst;
            _rate = ratePerSecond;
            _tokens = burst;
            _lastRefill = _pausedUntil = _time.GetTimestamp();
            _waits = new BudgetWaitStatistics(_time);
        }

        /// <summary>Cost estimates per route, learned from x-ratelimit-cost.</summary>
        public CostTable Costs { get; } = new CostTable();

        public double Burst { get { lock (_gate) return _burst; } }

        /// <summary>Refill rate in tokens per second; 0 means the server does not limit (no pacing).</summary>
        public double RatePerSecond { get { lock (_gate) return _rate; } }

        /// <summary>Tokens the next request could take now (negative while paying back a deficit).</summary>
        public double Available { get { lock (_gate) { Refill(); return _tokens; } } }

        /// <summary>Tokens held by requests sent but not yet answered.</summary>
        public double InFlight { get { lock (_gate) return _inFlight; } }

        /// <summary>Whether a server answer has calibrated the bucket yet (before that, one request at a time).</summary>
        public bool IsCalibrated { get { lock (_gate) return _calibrated; } }

        /// <summary>Requests waiting for tokens right now.</summary>
        public int Waiting => _waits.Waiting;

        /// <summary>Wall-clock time during which at least one request was held back by the budget: how much the
        /// rate limit slowed the work down (reports, progress).</summary>
        public TimeSpan TotalWait => _waits.TotalWait;

        /// <summary>Sum of every request's own wait; larger than TotalWait when several requests wait together.</summary>
        public TimeSpan WaitSum => _waits.WaitSum;

        /// <summary>Waits (cancellably) until <paramref name="cost"/> tokens are available and takes them.
        /// Returns the tokens reserved, to hand back to <see cref="Complete"/> or <see cref="Abandon"/>.</summary>
        internal Task<double> AcquireAsync(double cost, CancellationToken cancellationToken) =>
            TakeAsync(cost, countsAsRequest: true, cancellationToken);

        /// <summary>
        /// Waits (cancellably) until <paramref name="cost"/> tokens are available and sets them aside for requests
        /// that will draw on them later (TokenReservation.Use): one record's read and write, taken together so that
        /// its write never waits for tokens after its read. Dispose the reservation to give back what was not drawn.
        /// </summary>
        internal async Task<TokenReservation> ReserveAsync(double cost, CancellationToken cancellationToken)
        {
            var taken = await TakeAsync(cost, countsAsRequest: false, cancellationToken).ConfigureAwait(false);
            return new TokenReservation(this, taken);
        }

        /// <summary>A request goes out on tokens a reservation already took: only the request is counted.</summary>
        internal void StartDrawn()
        {
            lock (_gate) _inFlightRequests++;
        }

        /// <summary>Gives back reserved tokens no request drew on.</summary>
        internal void Release(double unused)
        {
            if (unused <= 0) return;
            lock (_gate)
            {
                Refill();
                _inFlight = Math.Max(0, _inFlight - unused);
                _tokens = Math.Min(_burst, _tokens + unused);
            }
        }

        private async Task<double> TakeAsync(double cost, bool countsAsRequest, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = _waits.Enter();
            var warned = false;
            var entered = false;
            try
            {
                await _turnstile.WaitAsync(cancellationToken).ConfigureAwait(false);
                entered = true;
                while (true)
                {
                    TimeSpan wait;
                    Task? firstAnswer = null;
                    lock (_gate)
                    {
                        if (!_calibrated && _inFlightRequests > 0)
                            firstAnswer = _answered.Task;
                    }
                    if (firstAnswer != null)
                    {
                        try
                        {
                            await firstAnswer.WaitAsync(CalibrationPatience, _time, cancellationToken).ConfigureAwait(false);
                        }
                        catch (TimeoutException)
                        {
                            // A slow first answer must not hold everyone else up for a whole request timeout.
                            lock (_gate) _calibrated = true;
                        }
                        continue;
                    }
                    lock (_gate)
                    {
                        Refill();
                        var needed = Math.Max(0, Math.Min(cost, _burst));
                        var paused = PauseRemaining();
                        if (_rate <= 0 || (paused <= TimeSpan.Zero && _tokens + Epsilon >= needed))
                        {
                            _tokens -= needed;
                            _inFlight += needed;
                            if (countsAsRequest) _inFlightRequests++;
                            return needed;
                        }
                        var refill = TimeSpan.FromTicks((long)Math.Ceiling((needed - _tokens) / _rate * TimeSpan.TicksPerSecond));
                        wait = paused > refill ? paused : refill;
                    }
                    if (!warned && wait > LongWait)
                    {
                        warned = true;
                        QomonLog.Current.Warning(string.Format(CultureInfo.InvariantCulture,
                            "Waiting {0:0.0} s for Qomon rate-limit tokens (budget {1}/{2}, {3:0.##} tokens/s).", wait.TotalSeconds, Math.Floor(Available), Burst, RatePerSecond));
                    }
                    await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (entered) _turnstile.Release();
                _waits.Exit(started);
            }
        }

        /// <summary>
        /// Settles a reservation with the server's answer and returns the tokens it was charged.
        /// Rules, in order: calibrate burst and rate from x-ratelimit-limit; replace the estimate with
        /// x-ratelimit-cost; a 429 empties the bucket and pauses it for Retry-After; and never hold more than
        /// x-ratelimit-remaining minus what other requests still in flight will be charged. That last rule can
        /// only lower the local count: the server's number may predate or postdate those requests, and when in
        /// doubt waiting a little is cheaper than a 429.
        /// </summary>
        internal double Complete(double reserved, string routeKey, int statusCode, RateLimitHeaders headers, TimeSpan? retryAfter)
        {
            lock (_gate)
            {
                Refill();
                _inFlight = Math.Max(0, _inFlight - reserved);
                _inFlightRequests = Math.Max(0, _inFlightRequests - 1);
                _calibrated = true;
                _answered.TrySetResult(true);

                if (headers.Burst.HasValue && headers.Burst.Value > 0) _burst = headers.Burst.Value;
                if (headers.Rate.HasValue) _rate = headers.Rate.Value;

                var throttled = statusCode == 429;
                var charged = throttled ? 0 : headers.Cost ?? reserved;
                _tokens += reserved - charged;
                if (!throttled && statusCode >= 200 && statusCode < 300 && headers.Cost.HasValue)
                    Costs.Learn(routeKey, headers.Cost.Value);

                if (throttled)
                {
                    _tokens = Math.Min(_tokens, 0);
                    if (retryAfter.HasValue && retryAfter.Value > TimeSpan.Zero)
                    {
                        var until = _time.GetTimestamp() + (long)(retryAfter.Value.TotalSeconds * _time.TimestampFrequency);
                        if (until > _pausedUntil) _pausedUntil = until;
                    }
                }
                if (headers.Remaining.HasValue)
                    _tokens = Math.Min(_tokens, headers.Remaining.Value - _inFlight);
                _tokens = Math.Min(_tokens, _burst);
                return charged;
            }
        }

        /// <summary>The request failed without an answer: the server may or may not have charged it, so keep the tokens spent.</summary>
        internal void Abandon(double reserved)
        {
            lock (_gate)
            {
                _inFlight = Math.Max(0, _inFlight - reserved);
                _inFlightRequests = Math.Max(0, _inFlightRequests - 1);
                if (!_calibrated)
                {
                    // No answer to calibrate from: let the next request be the probe.
                    var waiting = _answered;
                    _answered = NewSignal();
                    waiting.TrySetResult(false);
                }
            }
        }

        private static TaskCompletionSource<bool> NewSignal() =>
            new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        public override string ToString()
        {
            lock (_gate)
            {
                Refill();
                return string.Format(CultureInfo.InvariantCulture, "{0}/{1} tokens, {2:0.##}/s", Math.Floor(_tokens), _burst, _rate);
            }
        }

        public void Dispose() => _turnstile.Dispose();

        private void Refill()
        {
            var now = _time.GetTimestamp();
            var elapsed = (now - _lastRefill) / (double)_time.TimestampFrequency;
            _lastRefill = now;
            if (elapsed > 0 && _rate > 0)
                _tokens = Math.Min(_burst, _tokens + elapsed * _rate);
        }

        private TimeSpan PauseRemaining()
        {
            var remaining = _pausedUntil - _time.GetTimestamp();
            return remaining <= 0 ? TimeSpan.Zero
                : TimeSpan.FromTicks((long)Math.Ceiling(remaining * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency));
        }
    }
}

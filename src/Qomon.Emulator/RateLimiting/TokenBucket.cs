namespace Qomon.Emulator.RateLimiting
{
    /// <summary>The bucket's answer to one request.</summary>
    /// <param name="Admitted">Whether the request may proceed (its cost has then been taken).</param>
    /// <param name="Remaining">Whole tokens left after the decision.</param>
    /// <param name="RetryAfter">When refused: how long until enough tokens have come back.</param>
    public readonly record struct Admission(bool Admitted, int Remaining, TimeSpan RetryAfter);

    /// <summary>
    /// A token bucket: holds up to burst tokens, refills continuously at rate tokens per second, and admits a
    /// request only when its whole cost is available. Time comes from a TimeProvider, so tests drive refill with
    /// FakeTimeProvider instead of sleeping.
    /// </summary>
    public sealed class TokenBucket
    {
        private readonly TimeProvider _time;
        private readonly object _gate = new();
        private double _tokens;
        private long _lastRefill;
        private int _burst;
        private double _rate;

        public TokenBucket(TimeProvider time, int burst, double rate)
        {
            _time = time;
            _burst = burst;
            _rate = rate;
            _tokens = burst;
            _lastRefill = time.GetTimestamp();
        }

        public Admission TryTake(int cost)
        {
            lock (_gate)
            {
                if (_rate <= 0) return new Admission(true, _burst, TimeSpan.Zero);
                Refill();
                if (_tokens >= cost)
                {
                    _tokens -= cost;
                    return new Admission(true, (int)Math.Floor(_tokens), TimeSpan.Zero);
                }
                var wait = TimeSpan.FromSeconds((cost - _tokens) / _rate);
                return new Admission(false, (int)Math.Floor(_tokens), wait);
            }
        }

        public int Available
        {
            get { lock (_gate) { Refill(); return (int)Math.Floor(_tokens); } }
        }

        /// <summary>New size or rate at run time: tokens carry over, capped at the new size.</summary>
        public void Reconfigure(int newBurst, double newRate)
        {
            lock (_gate)
            {
                Refill();
                _burst = newBurst;
                _rate = newRate;
                _tokens = Math.Min(_tokens, _burst);
            }
        }

        public void Fill()
        {
            lock (_gate)
            {
                _tokens = _burst;
                _lastRefill = _time.GetTimestamp();
            }
        }

        private void Refill()
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_lastRefill, now);
            _lastRefill = now;
            if (_rate > 0 && elapsed > TimeSpan.Zero)
                _tokens = Math.Min(_burst, _tokens + elapsed.TotalSeconds * _rate);
        }
    }
}

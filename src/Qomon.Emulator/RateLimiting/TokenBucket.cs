namespace Qomon.Emulator.RateLimiting;

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
    readonly TimeProvider time;
    readonly object gate = new();
    double tokens;
    long lastRefill;
    int burst;
    double rate;

    public TokenBucket(TimeProvider time, int burst, double rate)
    {
        this.time = time;
        this.burst = burst;
        this.rate = rate;
        tokens = burst;
        lastRefill = time.GetTimestamp();
    }

    public Admission TryTake(int cost)
    {
        lock (gate)
        {
            if (rate <= 0) return new Admission(true, burst, TimeSpan.Zero);
            Refill();
            if (tokens >= cost)
            {
                tokens -= cost;
                return new Admission(true, (int)Math.Floor(tokens), TimeSpan.Zero);
            }
            var wait = TimeSpan.FromSeconds((cost - tokens) / rate);
            return new Admission(false, (int)Math.Floor(tokens), wait);
        }
    }

    public int Available
    {
        get { lock (gate) { Refill(); return (int)Math.Floor(tokens); } }
    }

    /// <summary>New size or rate at run time: tokens carry over, capped at the new size.</summary>
    public void Reconfigure(int newBurst, double newRate)
    {
        lock (gate)
        {
            Refill();
            burst = newBurst;
            rate = newRate;
            tokens = Math.Min(tokens, burst);
        }
    }

    public void Fill()
    {
        lock (gate)
        {
            tokens = burst;
            lastRefill = time.GetTimestamp();
        }
    }

    void Refill()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(lastRefill, now);
        lastRefill = now;
        if (rate > 0 && elapsed > TimeSpan.Zero)
            tokens = Math.Min(burst, tokens + elapsed.TotalSeconds * rate);
    }
}

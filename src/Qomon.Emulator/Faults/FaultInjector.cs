using Qomon.Emulator.Settings;

namespace Qomon.Emulator.Faults
{
    public enum FaultKind { None, ServerError, ConnectionReset, Slow }

    /// <summary>What to do to one request: nothing, answer a 5xx, reset the connection, or hold it for a while.</summary>
    public readonly record struct Fault(FaultKind Kind, int Status = 0);

    /// <summary>
    /// Rolls the dice for each API request, in a fixed order (reset, then 5xx, then slow) from a seeded Random,
    /// so a given random seed and request sequence injects the same faults every run.
    /// </summary>
    public sealed class FaultInjector
    {
        private static readonly int[] ServerErrors = [500, 502, 503];
        private readonly object _gate = new();
        private Random _random;

        public FaultInjector(int randomSeed) => _random = new Random(randomSeed);

        public void Reseed(int randomSeed)
        {
            lock (_gate) _random = new Random(randomSeed);
        }

        public Fault Next(EmulatorSettings settings)
        {
            if (settings.ResetRate <= 0 && settings.FaultRate <= 0 && settings.SlowRate <= 0) return default;
            lock (_gate)
            {
                if (Roll(settings.ResetRate)) return new Fault(FaultKind.ConnectionReset);
                if (Roll(settings.FaultRate)) return new Fault(FaultKind.ServerError, ServerErrors[_random.Next(ServerErrors.Length)]);
                if (Roll(settings.SlowRate)) return new Fault(FaultKind.Slow);
                return default;
            }
        }

        /// <summary>
        /// True when this request is refused 429 as if another client had spent the key's tokens (throttle-rate).
        /// Rolled before the bucket and the other faults, so it takes no tokens.
        /// </summary>
        public bool NextThrottle(EmulatorSettings settings)
        {
            if (settings.ThrottleRate <= 0) return false;
            lock (_gate) return Roll(settings.ThrottleRate);
        }

        /// <summary>
        /// Whether this contact read, write or search gets a bad body (bad-body-rate), which kind among those
        /// allowed for the route, and for a write whether it is applied; null when not, or no kind fits the route.
        /// </summary>
        public BadBody? NextBadBody(EmulatorSettings settings, bool search, bool write)
        {
            if (settings.BadBodyRate <= 0) return null;
            var selection = settings.BadBodyKinds;
            var eligible = selection.Kinds.Where(k => k.AppliesTo(search)).ToList();
            if (eligible.Count == 0) return null;
            lock (_gate)
            {
                if (!Roll(settings.BadBodyRate)) return null;
                var kind = eligible[_random.Next(eligible.Count)];
                var applied = write && selection.Effect switch
                {
                    BadBodyEffect.Applied => true,
                    BadBodyEffect.Unapplied => false,
                    _ => _random.Next(2) == 0,
                };
                return new BadBody(kind, applied);
            }
        }

        /// <summary>An index below count from the same dice (which other contact, which contact of a page).</summary>
        public int NextIndex(int count)
        {
            lock (_gate) return _random.Next(count);
        }

        /// <summary>A rate of 1 always fires and 0 never does, whatever the dice say.</summary>
        private bool Roll(double rate) => rate > 0 && (rate >= 1 || _random.NextDouble() < rate);
    }
}

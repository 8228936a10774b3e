using Qomon.Emulator.Hosting;

namespace Qomon.Emulator.Writes
{
    /// <summary>
    /// Applies accepted upserts after upsert-delay-ms, like Qomon's asynchronous queue. It uses the TimeProvider's
    /// timers, so with FakeTimeProvider an upsert is applied inside Advance(), deterministically.
    /// </summary>
    public sealed class UpsertScheduler(EmulatorState state)
    {
        private readonly object _gate = new();
        private readonly HashSet<ITimer> _pending = [];

        public int Pending { get { lock (_gate) return _pending.Count; } }

        public void Schedule(Action apply)
        {
            var delay = TimeSpan.FromMilliseconds(state.Settings.UpsertDelayMs);
            if (delay <= TimeSpan.Zero)
            {
                apply();
                return;
            }
            lock (_gate)
            {
                ITimer? timer = null;
                timer = state.Time.CreateTimer(_ =>
                {
                    lock (_gate)
                    {
                        // A reset in the meantime cancels the upsert: it belonged to the old data.
                        if (timer is null || !_pending.Remove(timer)) return;
                    }
                    timer.Dispose();
                    apply();
                }, null, delay, Timeout.InfiniteTimeSpan);
                _pending.Add(timer);
            }
        }

        public void CancelAll()
        {
            lock (_gate)
            {
                foreach (var timer in _pending) timer.Dispose();
                _pending.Clear();
            }
        }
    }
}

using Qomon.Emulator.Hosting;

namespace Qomon.Emulator.Writes;

/// <summary>
/// Applies accepted upserts after upsert-delay-ms, like Qomon's asynchronous queue. It uses the TimeProvider's
/// timers, so with FakeTimeProvider an upsert is applied inside Advance(), deterministically.
/// </summary>
public sealed class UpsertScheduler(EmulatorState state)
{
    readonly object gate = new();
    readonly HashSet<ITimer> pending = [];

    public int Pending { get { lock (gate) return pending.Count; } }

    public void Schedule(Action apply)
    {
        var delay = TimeSpan.FromMilliseconds(state.Settings.UpsertDelayMs);
        if (delay <= TimeSpan.Zero)
        {
            apply();
            return;
        }
        lock (gate)
        {
            ITimer? timer = null;
            timer = state.Time.CreateTimer(_ =>
            {
                lock (gate)
                {
                    // A reset in the meantime cancels the upsert: it belonged to the old data.
                    if (timer is null || !pending.Remove(timer)) return;
                }
                timer.Dispose();
                apply();
            }, null, delay, Timeout.InfiniteTimeSpan);
            pending.Add(timer);
        }
    }

    public void CancelAll()
    {
        lock (gate)
        {
            foreach (var timer in pending) timer.Dispose();
            pending.Clear();
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace Qomon.Client.Tests.Fakes
{
    /// <summary>
    /// FakeTimeProvider timers fire only when the clock is advanced. These helpers move fake time forward in
    /// small steps, giving continuations a real moment to run in between, until the task completes.
    /// </summary>
    public static class ClockDriver
    {
        public static readonly TimeSpan DefaultStep = TimeSpan.FromMilliseconds(50);

        public static async Task<T> Drive<T>(this FakeTimeProvider clock, Task<T> task, TimeSpan? step = null, TimeSpan? limit = null)
        {
            await clock.Drive((Task)task, step, limit);
            return await task;
        }

        public static async Task Drive(this FakeTimeProvider clock, Task task, TimeSpan? step = null, TimeSpan? limit = null) =>
            await clock.Drive(task, step, limit, blockedOnTime: null);

        /// <summary>
        /// As Drive, but fake time moves only while <paramref name="blockedOnTime"/> says the work waits for it (for
        /// example the budget has a waiter). Without it, a loaded machine that runs a continuation later than the
        /// 2 ms slice lets fake time run ahead of the work, and time-shaped assertions fail for no fault of the code.
        /// </summary>
        public static async Task Drive(this FakeTimeProvider clock, Task task, TimeSpan? step, TimeSpan? limit, Func<bool>? blockedOnTime)
        {
            var advanced = TimeSpan.Zero;
            var max = limit ?? TimeSpan.FromHours(2);
            while (!task.IsCompleted)
            {
                await Task.WhenAny(task, Task.Delay(2));
                if (task.IsCompleted) break;
                if (blockedOnTime != null && !blockedOnTime()) continue;
                clock.Advance(step ?? DefaultStep);
                advanced += step ?? DefaultStep;
                if (advanced > max)
                    throw new TimeoutException($"Task did not complete within {max} of fake time.");
            }
            await task;
        }

        /// <summary>Lets pending continuations run without moving fake time.</summary>
        public static async Task Settle(int milliseconds = 50) => await Task.Delay(milliseconds);
    }
}

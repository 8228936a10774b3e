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

        public static async Task Drive(this FakeTimeProvider clock, Task task, TimeSpan? step = null, TimeSpan? limit = null)
        {
            var advanced = TimeSpan.Zero;
            var max = limit ?? TimeSpan.FromHours(2);
            while (!task.IsCompleted)
            {
                await Task.WhenAny(task, Task.Delay(2));
                if (task.IsCompleted) break;
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

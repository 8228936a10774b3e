using System;

namespace Qomon.Client.Budget
{
    /// <summary>
    /// How long the rest of a bulk run will take. The token budget makes it predictable: the records left will
    /// cost what the records done cost on average, the bucket pays for part of that at once and the refill rate
    /// for the rest. When latency rather than the budget sets the pace, the pace seen so far is the better
    /// guess, so the longer of the two is given. Pure arithmetic: the caller reads the clock and the budget.
    /// </summary>
    internal static class RunForecast
    {
        /// <param name="done">Records finished so far.</param>
        /// <param name="total">Records in the whole run, when known.</param>
        /// <param name="tokensSpent">Tokens the run has spent so far.</param>
        /// <param name="available">Tokens in the bucket now (negative while a deficit is paid back).</param>
        /// <param name="ratePerSecond">The bucket's refill rate; 0 when the server does not limit.</param>
        /// <param name="elapsed">Time since the run started.</param>
        /// <returns>The time left, or null when it cannot be told yet (no total, nothing done).</returns>
        internal static TimeSpan? TimeLeft(long done, long? total, double tokensSpent, double available, double ratePerSecond, TimeSpan elapsed)
        {
            if (!(total is long all) || done <= 0) return null;
            var left = all - done;
            if (left <= 0) return TimeSpan.Zero;
            var byPace = elapsed.TotalSeconds / done * left;
            var byBudget = 0.0;
            if (ratePerSecond > 0 && tokensSpent > 0)
                byBudget = Math.Max(0, tokensSpent / done * left - Math.Max(0, available)) / ratePerSecond
                    + Math.Max(0, -available) / ratePerSecond;
            return TimeSpan.FromSeconds(Math.Max(byPace, byBudget));
        }
    }
}

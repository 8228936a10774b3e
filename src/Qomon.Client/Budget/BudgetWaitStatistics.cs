using System;

namespace Qomon.Client.Budget
{
    /// <summary>
    /// How long requests were held back by the token budget: the wall-clock time during which at least one
    /// request waited, and the sum of every request's own wait. Kept apart from the bucket so that its lock
    /// never holds up taking tokens.
    /// </summary>
    internal sealed class BudgetWaitStatistics
    {
        private readonly object _gate = new object();
        private readonly TimeProvider _time;
        private long _waitingSince, _unionWaitTicks, _sumWaitTicks;
        private int _waiting;

        public BudgetWaitStatistics(TimeProvider timeProvider)
        {
            _time = timeProvider;
        }

        /// <summary>Requests waiting for tokens right now.</summary>
        public int Waiting { get { lock (_gate) return _waiting; } }

        /// <summary>Wall-clock time during which at least one request was waiting.</summary>
        public TimeSpan TotalWait
        {
            get
            {
                lock (_gate)
                    return TimeSpan.FromTicks(_unionWaitTicks) + (_waiting > 0 ? _time.GetElapsedTime(_waitingSince) : TimeSpan.Zero);
            }
        }

        /// <summary>Sum of every request's own wait.</summary>
        public TimeSpan WaitSum { get { lock (_gate) return TimeSpan.FromTicks(_sumWaitTicks); } }

        /// <summary>A request starts waiting; returns its start, to hand back to <see cref="Exit"/>.</summary>
        public long Enter()
        {
            var now = _time.GetTimestamp();
            lock (_gate)
            {
                if (_waiting++ == 0) _waitingSince = now;
            }
            return now;
        }

        public void Exit(long started)
        {
            var now = _time.GetTimestamp();
            lock (_gate)
            {
                _sumWaitTicks += _time.GetElapsedTime(started, now).Ticks;
                if (--_waiting == 0) _unionWaitTicks += _time.GetElapsedTime(_waitingSince, now).Ticks;
            }
        }
    }
}

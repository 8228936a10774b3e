using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Threading;

namespace QomonBench
{
    /// <summary>
    /// Records every HTTP request's start and stop in this process from the runtime's own "System.Net.Http"
    /// event source, with the thread pool's size and queue at each event, and summarises how many requests
    /// were in flight over time. Needs no change to the code under test.
    /// </summary>
    public sealed class InFlightTrace : EventListener
    {
        private readonly ConcurrentQueue<(long Ticks, int Delta, int Threads, long Queued)> _events = new ConcurrentQueue<(long, int, int, long)>();
        private volatile bool _recording;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "System.Net.Http") EnableEvents(source, EventLevel.Informational);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (!_recording) return;
            var delta = e.EventName == "RequestStart" ? 1 : e.EventName == "RequestStop" ? -1 : 0;
            if (delta != 0) _events.Enqueue((Stopwatch.GetTimestamp(), delta, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount));
        }

        public void Start() => _recording = true;

        public void Stop() => _recording = false;

        /// <summary>Time-weighted mean and max in flight, the share of time at each level, and thread-pool figures.</summary>
        public Dictionary<string, object> Summary()
        {
            var events = _events.OrderBy(e => e.Ticks).ToList();
            var result = new Dictionary<string, object> { ["Requests"] = events.Count(e => e.Delta > 0) };
            if (events.Count < 2) return result;
            var level = 0; var max = 0; double weighted = 0;
            var atLevel = new SortedDictionary<int, double>();
            for (var i = 0; i < events.Count - 1; i++)
            {
                level += events[i].Delta;
                max = Math.Max(max, level);
                var span = (events[i + 1].Ticks - events[i].Ticks) / (double)Stopwatch.Frequency;
                weighted += level * span;
                atLevel[level] = (atLevel.TryGetValue(level, out var s) ? s : 0) + span;
            }
            var total = (events[^1].Ticks - events[0].Ticks) / (double)Stopwatch.Frequency;
            result["Seconds"] = Math.Round(total, 3);
            result["MeanInFlight"] = Math.Round(weighted / total, 2);
            result["MaxInFlight"] = max;
            result["ShareOfTimeByInFlight"] = atLevel.ToDictionary(p => p.Key.ToString(), p => Math.Round(p.Value / total, 3));
            result["MaxThreadPoolThreads"] = events.Max(e => e.Threads);
            result["MaxThreadPoolQueue"] = events.Max(e => e.Queued);
            return result;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace QomonBench
{
    /// <summary>
    /// Samples this process's memory every interval on a timer thread: the managed heap in use (live objects and
    /// garbage not yet collected), the GC heap as of the last collection, the working set, and the GC counts.
    /// Tells memory that is held (the heap after collections keeps growing) from memory the GC has not yet
    /// reclaimed (the working set grows while the heap after collections stays flat).
    /// </summary>
    public sealed class MemorySampler : IDisposable
    {
        private readonly List<Dictionary<string, object>> _samples = new List<Dictionary<string, object>>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Timer _timer;

        public MemorySampler(int intervalMs)
        {
            _timer = new Timer(_ => Sample(), null, 0, intervalMs);
        }

        private void Sample()
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var background = GC.GetGCMemoryInfo(GCKind.Background);
            var lastGen2 = full.Index > background.Index ? full : background;
            var sample = new Dictionary<string, object>
            {
                ["Seconds"] = Math.Round(_clock.Elapsed.TotalSeconds, 1),
                ["WorkingSetMB"] = Environment.WorkingSet / 1048576,
                ["ManagedInUseMB"] = GC.GetTotalMemory(false) / 1048576,
                ["HeapAfterLastGcMB"] = info.HeapSizeBytes / 1048576,
                ["PromotedAtLastGen2MB"] = lastGen2.PromotedBytes / 1048576,
                ["CommittedMB"] = info.TotalCommittedBytes / 1048576,
                ["LohAfterLastGcMB"] = info.GenerationInfo.Length > 3 ? info.GenerationInfo[3].SizeAfterBytes / 1048576 : -1,
                ["Gen0"] = GC.CollectionCount(0),
                ["Gen1"] = GC.CollectionCount(1),
                ["Gen2"] = GC.CollectionCount(2),
            };
            lock (_samples) _samples.Add(sample);
        }

        /// <summary>About <paramref name="count"/> samples spread over the run, the last one included.</summary>
        public List<Dictionary<string, object>> Timeline(int count)
        {
            lock (_samples)
            {
                var result = new List<Dictionary<string, object>>();
                if (_samples.Count == 0) return result;
                var step = Math.Max(1, _samples.Count / count);
                for (var i = 0; i < _samples.Count; i += step) result.Add(_samples[i]);
                if (result[result.Count - 1] != _samples[_samples.Count - 1]) result.Add(_samples[_samples.Count - 1]);
                return result;
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
            Sample();
        }
    }
}

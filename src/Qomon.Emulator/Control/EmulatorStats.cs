using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Qomon.Emulator.Control
{
    /// <summary>
    /// Counters behind GET /_emulator/stats. Lock-free so that counting never slows the request path. A request
    /// whose connection was reset by the fault injector counts under status "0".
    /// </summary>
    public sealed class EmulatorStats
    {
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, long>> _requests = new();
        private long _requestsTotal;
        private long _tokensSpent;
        private long _throttled;
        private long _faultsInjected;
        private long _upsertsApplied;
        private long _upsertsDropped;
        private readonly ConcurrentDictionary<string, long> _badBodies = new();
        private long _badBodyWritesApplied;
        private long _badBodyWritesNotApplied;

        public void Request(string route, int status)
        {
            Interlocked.Increment(ref _requestsTotal);
            _requests.GetOrAdd(route, _ => new()).AddOrUpdate(status, 1, (_, n) => n + 1);
        }

        public void TokensSpent(int cost) => Interlocked.Add(ref _tokensSpent, cost);
        public void Throttled() => Interlocked.Increment(ref _throttled);
        public void FaultInjected() => Interlocked.Increment(ref _faultsInjected);
        public void UpsertApplied() => Interlocked.Increment(ref _upsertsApplied);
        public void UpsertDropped() => Interlocked.Increment(ref _upsertsDropped);

        /// <summary>A bad body given (bad-body-rate): a fault, counted by kind and, for a write, by whether it was applied.</summary>
        public void BadBody(Faults.BadBody bad, bool write)
        {
            FaultInjected();
            _badBodies.AddOrUpdate(Faults.BadBodyKinds.Name(bad.Kind), 1, (_, n) => n + 1);
            if (!write) return;
            if (bad.Applied) Interlocked.Increment(ref _badBodyWritesApplied);
            else Interlocked.Increment(ref _badBodyWritesNotApplied);
        }

        public void Reset()
        {
            _requests.Clear();
            Interlocked.Exchange(ref _requestsTotal, 0);
            Interlocked.Exchange(ref _tokensSpent, 0);
            Interlocked.Exchange(ref _throttled, 0);
            Interlocked.Exchange(ref _faultsInjected, 0);
            Interlocked.Exchange(ref _upsertsApplied, 0);
            Interlocked.Exchange(ref _upsertsDropped, 0);
            _badBodies.Clear();
            Interlocked.Exchange(ref _badBodyWritesApplied, 0);
            Interlocked.Exchange(ref _badBodyWritesNotApplied, 0);
        }

        /// <summary>The shape fixed in docs/design/contracts.md, plus upsert counters.</summary>
        public void Write(Utf8JsonWriter w, int upsertsPending)
        {
            w.WriteStartObject();
            w.WriteNumber("requestsTotal", Interlocked.Read(ref _requestsTotal));
            w.WriteStartObject("requests");
            foreach (var (route, byStatus) in _requests.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(route);
                foreach (var (status, count) in byStatus.OrderBy(s => s.Key))
                    w.WriteNumber(status.ToString(CultureInfo.InvariantCulture), count);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteNumber("tokensSpent", Interlocked.Read(ref _tokensSpent));
            w.WriteNumber("throttled", Interlocked.Read(ref _throttled));
            w.WriteNumber("faultsInjected", Interlocked.Read(ref _faultsInjected));
            w.WriteNumber("upsertsPending", upsertsPending);
            w.WriteNumber("upsertsApplied", Interlocked.Read(ref _upsertsApplied));
            w.WriteNumber("upsertsDropped", Interlocked.Read(ref _upsertsDropped));
            w.WriteStartObject("badBodies");
            foreach (var (kind, count) in _badBodies.OrderBy(k => k.Key, StringComparer.Ordinal)) w.WriteNumber(kind, count);
            w.WriteEndObject();
            w.WriteNumber("badBodyWritesApplied", Interlocked.Read(ref _badBodyWritesApplied));
            w.WriteNumber("badBodyWritesNotApplied", Interlocked.Read(ref _badBodyWritesNotApplied));
            w.WriteEndObject();
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Qomon.Emulator.Control;

/// <summary>
/// Counters behind GET /_emulator/stats. Lock-free so that counting never slows the request path. A request
/// whose connection was reset by the fault injector counts under status "0".
/// </summary>
public sealed class EmulatorStats
{
    readonly ConcurrentDictionary<string, ConcurrentDictionary<int, long>> requests = new();
    long requestsTotal;
    long tokensSpent;
    long throttled;
    long faultsInjected;
    long upsertsApplied;
    long upsertsDropped;
    readonly ConcurrentDictionary<string, long> badBodies = new();
    long badBodyWritesApplied;
    long badBodyWritesNotApplied;

    public void Request(string route, int status)
    {
        Interlocked.Increment(ref requestsTotal);
        requests.GetOrAdd(route, _ => new()).AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    public void TokensSpent(int cost) => Interlocked.Add(ref tokensSpent, cost);
    public void Throttled() => Interlocked.Increment(ref throttled);
    public void FaultInjected() => Interlocked.Increment(ref faultsInjected);
    public void UpsertApplied() => Interlocked.Increment(ref upsertsApplied);
    public void UpsertDropped() => Interlocked.Increment(ref upsertsDropped);

    /// <summary>A bad body given (bad-body-rate): a fault, counted by kind and, for a write, by whether it was applied.</summary>
    public void BadBody(Faults.BadBody bad, bool write)
    {
        FaultInjected();
        badBodies.AddOrUpdate(Faults.BadBodyKinds.Name(bad.Kind), 1, (_, n) => n + 1);
        if (!write) return;
        if (bad.Applied) Interlocked.Increment(ref badBodyWritesApplied);
        else Interlocked.Increment(ref badBodyWritesNotApplied);
    }

    public void Reset()
    {
        requests.Clear();
        Interlocked.Exchange(ref requestsTotal, 0);
        Interlocked.Exchange(ref tokensSpent, 0);
        Interlocked.Exchange(ref throttled, 0);
        Interlocked.Exchange(ref faultsInjected, 0);
        Interlocked.Exchange(ref upsertsApplied, 0);
        Interlocked.Exchange(ref upsertsDropped, 0);
        badBodies.Clear();
        Interlocked.Exchange(ref badBodyWritesApplied, 0);
        Interlocked.Exchange(ref badBodyWritesNotApplied, 0);
    }

    /// <summary>The shape fixed in docs/design/contracts.md, plus upsert counters.</summary>
    public void Write(Utf8JsonWriter w, int upsertsPending)
    {
        w.WriteStartObject();
        w.WriteNumber("requestsTotal", Interlocked.Read(ref requestsTotal));
        w.WriteStartObject("requests");
        foreach (var (route, byStatus) in requests.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(route);
            foreach (var (status, count) in byStatus.OrderBy(s => s.Key))
                w.WriteNumber(status.ToString(CultureInfo.InvariantCulture), count);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteNumber("tokensSpent", Interlocked.Read(ref tokensSpent));
        w.WriteNumber("throttled", Interlocked.Read(ref throttled));
        w.WriteNumber("faultsInjected", Interlocked.Read(ref faultsInjected));
        w.WriteNumber("upsertsPending", upsertsPending);
        w.WriteNumber("upsertsApplied", Interlocked.Read(ref upsertsApplied));
        w.WriteNumber("upsertsDropped", Interlocked.Read(ref upsertsDropped));
        w.WriteStartObject("badBodies");
        foreach (var (kind, count) in badBodies.OrderBy(k => k.Key, StringComparer.Ordinal)) w.WriteNumber(kind, count);
        w.WriteEndObject();
        w.WriteNumber("badBodyWritesApplied", Interlocked.Read(ref badBodyWritesApplied));
        w.WriteNumber("badBodyWritesNotApplied", Interlocked.Read(ref badBodyWritesNotApplied));
        w.WriteEndObject();
    }
}

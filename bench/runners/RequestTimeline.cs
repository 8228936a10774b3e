using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;

namespace QomonBench
{
    /// <summary>
    /// Records when each HTTP request of this process starts (method, path, time) from the runtime's own
    /// "HttpHandlerDiagnosticListener", and works out the read-to-write window of a merge: for each contact, the
    /// time from its last GET before a PATCH to that PATCH. Needs no change to the code under test.
    /// </summary>
    public sealed class RequestTimeline : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object>>
    {
        private readonly ConcurrentQueue<(long Ticks, string Method, string Path)> _starts = new ConcurrentQueue<(long, string, string)>();
        private readonly List<IDisposable> _subscriptions = new List<IDisposable>();
        private volatile bool _recording;

        public RequestTimeline() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public void Start() => _recording = true;

        public void Stop() => _recording = false;

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "HttpHandlerDiagnosticListener") lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object> e)
        {
            if (!_recording || e.Key != "System.Net.Http.Request" || e.Value == null) return;
            if (e.Value.GetType().GetProperty("Request")?.GetValue(e.Value) is HttpRequestMessage request && request.RequestUri != null)
                _starts.Enqueue((Stopwatch.GetTimestamp(), request.Method.Method, request.RequestUri.AbsolutePath));
        }

        public void OnError(Exception error) { }

        public void OnCompleted() { }

        /// <summary>Seconds from each PATCH /contacts/{id}'s last earlier GET of the same contact to the PATCH.</summary>
        public double[] Windows()
        {
            var lastRead = new Dictionary<string, long>();
            var windows = new List<double>();
            foreach (var (ticks, method, path) in _starts.OrderBy(s => s.Ticks))
            {
                if (!path.StartsWith("/contacts/", StringComparison.Ordinal)) continue;
                if (method == "GET") lastRead[path] = ticks;
                else if (method == "PATCH" && lastRead.TryGetValue(path, out var read))
                    windows.Add((ticks - read) / (double)Stopwatch.Frequency);
            }
            return windows.ToArray();
        }

        public int Count(string method) => _starts.Count(s => s.Method == method);
    }
}

using System;
using System.Threading;

namespace Qomon.Client.Diagnostics
{
    /// <summary>
    /// The log of the current async flow. AsyncLocal, not a static sink, so two pipelines (or runspaces)
    /// sharing a connection each see only their own requests' lines.
    /// </summary>
    public static class QomonLog
    {
        private static readonly AsyncLocal<IQomonLog?> CurrentLog = new AsyncLocal<IQomonLog?>();

        public static IQomonLog Current => CurrentLog.Value ?? NullLog.Instance;

        /// <summary>Routes log lines of this flow to <paramref name="log"/> until the scope is disposed.</summary>
        public static IDisposable Use(IQomonLog log)
        {
            var previous = CurrentLog.Value;
            CurrentLog.Value = log ?? throw new ArgumentNullException(nameof(log));
            return new Scope(previous);
        }

        private sealed class Scope : IDisposable
        {
            private readonly IQomonLog? _previous;
            private int _disposed;
            public Scope(IQomonLog? previous) => _previous = previous;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                    CurrentLog.Value = _previous;
            }
        }

        private sealed class NullLog : IQomonLog
        {
            public static readonly NullLog Instance = new NullLog();
            public void Verbose(string message) { }
            public void Debug(string message) { }
            public void Warning(string message) { }
        }
    }
}

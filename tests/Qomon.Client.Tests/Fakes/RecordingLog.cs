using System.Collections.Concurrent;
using Qomon.Client.Diagnostics;

namespace Qomon.Client.Tests.Fakes
{
    public sealed class RecordingLog : IQomonLog
    {
        public ConcurrentQueue<(string Level, string Message)> Lines { get; } = new();

        public IEnumerable<string> Verbose => Lines.Where(l => l.Level == "Verbose").Select(l => l.Message);
        public IEnumerable<string> Debug => Lines.Where(l => l.Level == "Debug").Select(l => l.Message);
        public IEnumerable<string> Warnings => Lines.Where(l => l.Level == "Warning").Select(l => l.Message);
        public IEnumerable<string> All => Lines.Select(l => l.Message);

        void IQomonLog.Verbose(string message) => Lines.Enqueue(("Verbose", message));
        void IQomonLog.Debug(string message) => Lines.Enqueue(("Debug", message));
        void IQomonLog.Warning(string message) => Lines.Enqueue(("Warning", message));
    }
}

using System.Collections.Concurrent;
using System.Management.Automation;
using Qomon.Client;
using Qomon.Client.Diagnostics;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// The client's log for one command. HTTP handlers run on thread-pool threads, where calling
    /// WriteVerbose/WriteDebug/WriteWarning would throw; so lines are queued here and written by
    /// <see cref="Drain"/>, which the command calls on its pipeline thread.
    /// </summary>
    public sealed class PipelineLog : IQomonLog
    {
        private enum Stream { Verbose, Debug, Warning }

        private readonly ConcurrentQueue<(Stream Stream, string Message)> _lines = new ConcurrentQueue<(Stream, string)>();

        public void Verbose(string message) => _lines.Enqueue((Stream.Verbose, message));

        public void Debug(string message) => _lines.Enqueue((Stream.Debug, message));

        public void Warning(string message) => _lines.Enqueue((Stream.Warning, message));

        /// <summary>Writes every queued line to its stream. Pipeline thread only.</summary>
        public void Drain(Cmdlet cmdlet)
        {
            while (_lines.TryDequeue(out var line))
            {
                switch (line.Stream)
                {
                    case Stream.Verbose: cmdlet.WriteVerbose(line.Message); break;
                    case Stream.Debug: cmdlet.WriteDebug(line.Message); break;
                    default: cmdlet.WriteWarning(line.Message); break;
                }
            }
        }
    }
}

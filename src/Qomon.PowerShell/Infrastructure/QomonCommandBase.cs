using System;
using System.Management.Automation;
using System.Threading;
using Qomon.Client;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// The plumbing every Qomon command shares, connected or not: the stop token (cancelled by Ctrl+C and on
    /// dispose, so a Select-Object -First downstream leaves no request running), the log that carries the
    /// client's diagnostics to the Verbose/Debug/Warning streams on the pipeline thread, and the error helpers.
    /// Derived commands override Begin/Process/End and use <see cref="Pipeline"/> for every asynchronous call.
    /// </summary>
    public abstract class QomonCommandBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly PipelineLog _log = new PipelineLog();
        private PipelineThread? _pipeline;

        /// <summary>Starts and waits for async work on the pipeline thread, draining the log meanwhile.</summary>
        protected PipelineThread Pipeline => _pipeline ??= new PipelineThread(this, _log, _stopping.Token);

        /// <summary>Cancelled when the command is stopped.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        protected override void BeginProcessing()
        {
            Begin();
            Pipeline.DrainLog();
        }

        protected sealed override void ProcessRecord()
        {
            Process();
            Pipeline.DrainLog();
        }

        protected sealed override void EndProcessing()
        {
            End();
            Pipeline.DrainLog();
        }

        protected sealed override void StopProcessing()
        {
            StopRequested = true;
            Cancel();
        }

        /// <summary>True once the command was stopped (Ctrl+C, PowerShell.Stop), not merely ended by an error or disposed.</summary>
        protected bool StopRequested { get; private set; }

        /// <summary>Once per command: validate parameters, build queries.</summary>
        protected virtual void Begin() { }

        /// <summary>Once per pipeline input (or once, without pipeline input).</summary>
        protected virtual void Process() { }

        /// <summary>After the last input: flush work still in flight.</summary>
        protected virtual void End() { }

        /// <summary>True when the caller gave the parameter (even as $false or $null).</summary>
        protected bool ParameterSpecified(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <summary>A per-record API failure as a non-terminating error; the pipeline goes on to the next record.</summary>
        protected void WriteApiError(QomonApiException exception, object? target, string notFoundId = ErrorIds.NotFound) =>
            WriteError(QomonErrors.FromApi(exception, target, notFoundId));

        /// <summary>A terminating error for a failure that makes the whole command pointless (401 on first call).</summary>
        protected void ThrowApiError(QomonApiException exception, object? target, string notFoundId = ErrorIds.NotFound) =>
            ThrowTerminatingError(QomonErrors.FromApi(exception, target, notFoundId));

        /// <summary>A terminating error for a bad parameter value or combination.</summary>
        protected void ThrowInvalidArgument(string message, object? target, string errorId = ErrorIds.InvalidArgument) =>
            ThrowTerminatingError(QomonErrors.InvalidArgument(message, target, errorId));

        private void Cancel()
        {
            try { _stopping.Cancel(); }
            catch (ObjectDisposedException) { }
        }

        public void Dispose()
        {
            Cancel();
            Dispose(true);
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Derived commands release what they hold (in-flight queues) here.</summary>
        protected virtual void Dispose(bool disposing) { }
    }
}

using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.Client.Diagnostics;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// Runs asynchronous client work for a command while keeping every Write* call on the pipeline thread.
    /// Work is started under the command's <see cref="PipelineLog"/> scope (the client's QomonLog is AsyncLocal,
    /// so the scope flows into the work and nowhere else) and waited on in short slices, draining the log
    /// between slices, so verbose lines and budget-wait warnings appear while a request is still pending.
    /// A stop (Ctrl+C, StopProcessing) ends any wait within one slice.
    /// </summary>
    public sealed class PipelineThread
    {
        private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

        private readonly Cmdlet _cmdlet;
        private readonly PipelineLog _log;

        public PipelineThread(Cmdlet cmdlet, PipelineLog log, CancellationToken stopping)
        {
            _cmdlet = cmdlet;
            _log = log;
            Stopping = stopping;
        }

        /// <summary>Cancelled when the command is stopped or disposed; pass it to every call.</summary>
        public CancellationToken Stopping { get; }

        /// <summary>Starts work with the command's log attached; returns at once.</summary>
        public Task<T> Start<T>(Func<CancellationToken, Task<T>> work)
        {
            using (QomonLog.Use(_log))
            {
                // Task.Run so that a synchronous prefix of the work never runs on the pipeline thread.
                return Task.Run(() => work(Stopping), Stopping);
            }
        }

        /// <summary>Starts work and waits for its result on the pipeline thread.</summary>
        public T Run<T>(Func<CancellationToken, Task<T>> work) => Wait(Start(work));

        /// <summary>Runs work without a result.</summary>
        public void Run(Func<CancellationToken, Task> work) =>
            Run(async ct => { await work(ct).ConfigureAwait(false); return true; });

        /// <summary>
        /// Waits for a task, draining the log meanwhile. Returns its result or rethrows its own exception
        /// (not an AggregateException). A stop surfaces as PipelineStoppedException, never as an API error.
        /// </summary>
        public T Wait<T>(Task<T> task)
        {
            WaitUntilDone(task);
            return task.GetAwaiter().GetResult();
        }

        /// <summary>Waits until the task has finished (any outcome) without observing its result.</summary>
        public void WaitUntilDone(Task task)
        {
            try
            {
                while (!task.Wait(Slice))
                {
                    _log.Drain(_cmdlet);
                    if (Stopping.IsCancellationRequested) throw new PipelineStoppedException();
                }
            }
            catch (AggregateException)
            {
                // The task faulted or was cancelled; the caller observes the outcome.
            }
            _log.Drain(_cmdlet);
            if (task.IsCanceled && Stopping.IsCancellationRequested) throw new PipelineStoppedException();
        }

        /// <summary>Writes queued log lines now.</summary>
        public void DrainLog() => _log.Drain(_cmdlet);
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>The outcome of one work item, handed back in submission order.</summary>
    public sealed class WorkOutcome<TItem, TResult>
    {
        internal WorkOutcome(TItem item, Task<TResult> task)
        {
            Item = item;
            Task = task;
        }

        /// <summary>What was submitted (the input record, an id...).</summary>
        public TItem Item { get; }

        /// <summary>The finished task. Read <see cref="Result"/> to get the value or rethrow the failure.</summary>
        public Task<TResult> Task { get; }

        public bool Succeeded => Task.Status == TaskStatus.RanToCompletion;

        /// <summary>The result, or the work's own exception rethrown (QomonApiException, ...).</summary>
        public TResult Result => Task.GetAwaiter().GetResult();

        /// <summary>The failure (unwrapped), or null.</summary>
        public Exception? Exception => Task.IsFaulted ? Task.Exception?.GetBaseException() : null;
    }

    /// <summary>
    /// An ordered, bounded pipeline of concurrent work: submit items as they arrive, at most ThrottleLimit run
    /// at once and they start in submission order (each also waits for the connection's token budget inside the
    /// client, so they ask for tokens in about that order too), and results come back in submission order so the command writes output and errors in input order, on the pipeline thread.
    /// At most Window items are held (running or finished but not yet handed back): when the window is full,
    /// Submit waits for the oldest, so memory stays bounded however long the input.
    /// <code>
    /// ProcessRecord: foreach (var done in queue.Submit(id, (id, ct) => client.GetContactAsync(id, ct))) Emit(done);
    /// EndProcessing: foreach (var done in queue.Complete()) Emit(done);
    /// Dispose:       queue.Dispose();   // cancels what is still running (Ctrl+C, Select-Object -First)
    /// </code>
    /// Not thread-safe: call it from the pipeline thread only.
    /// </summary>
    public sealed class OrderedWorkQueue<TItem, TResult> : IDisposable
    {
        private readonly Queue<WorkOutcome<TItem, TResult>> _pending = new Queue<WorkOutcome<TItem, TResult>>();
        private readonly SemaphoreSlim _running;
        private readonly CancellationTokenSource _cancel;
        private readonly PipelineThread _pipeline;
        private readonly Func<TItem, CancellationToken, Task<TResult>> _work;
        private Task _lastStarted = Task.CompletedTask;
        private bool _disposed;

        /// <param name="pipeline">The command's pipeline thread (stop token, log, waits).</param>
        /// <param name="throttleLimit">How many items run at once.</param>
        /// <param name="work">What to do for one item; runs off the pipeline thread: no Write* calls in it.</param>
        /// <param name="window">How many items may be held; at least throttleLimit. Default: four times throttleLimit.</param>
        public OrderedWorkQueue(PipelineThread pipeline, int throttleLimit, Func<TItem, CancellationToken, Task<TResult>> work, int? window = null)
        {
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "Must be at least 1.");
            _pipeline = pipeline;
            _work = work;
            ThrottleLimit = throttleLimit;
            Window = Math.Max(throttleLimit, window ?? throttleLimit * 4);
            _running = new SemaphoreSlim(throttleLimit, throttleLimit);
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(pipeline.Stopping);
        }

        public int ThrottleLimit { get; }

        public int Window { get; }

        /// <summary>Items submitted and not yet handed back.</summary>
        public int Count => _pending.Count;

        /// <summary>
        /// Starts the work for one item and returns the outcomes that are ready in order (possibly none).
        /// Waits (cancellably, draining the log) only when the window is full.
        /// </summary>
        public IReadOnlyList<WorkOutcome<TItem, TResult>> Submit(TItem item)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(OrderedWorkQueue<TItem, TResult>));
            var ready = new List<WorkOutcome<TItem, TResult>>();
            while (_pending.Count >= Window)
            {
                _pipeline.WaitUntilDone(_pending.Peek().Task);
                ready.Add(_pending.Dequeue());
            }
            // Items start in submission order: the slot is asked for here, on the pipeline thread (SemaphoreSlim serves
            // async waiters first come, first served), and an item's work starts only once the previous item's has run
            // up to its first wait, which for a record is its place in the budget's queue. Left to the thread pool, that
            // order is scrambled whenever several slots free up at once, and a record then waits for tokens behind later
            // ones while its read grows old.
            var slot = _running.WaitAsync(_cancel.Token);
            var previousStarted = _lastStarted;
            var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _lastStarted = started.Task;
            _pending.Enqueue(new WorkOutcome<TItem, TResult>(item, _pipeline.Start(_ => RunInSlot(slot, previousStarted, started, item))));
            TakeReady(ready);
            return ready;
        }

        /// <summary>Outcomes ready now, in order, without waiting.</summary>
        public IReadOnlyList<WorkOutcome<TItem, TResult>> TakeReady()
        {
            var ready = new List<WorkOutcome<TItem, TResult>>();
            TakeReady(ready);
            return ready;
        }

        /// <summary>Every remaining outcome in order, each handed back as soon as it and those before it are done.</summary>
        public IEnumerable<WorkOutcome<TItem, TResult>> Complete()
        {
            while (_pending.Count > 0)
            {
                _pipeline.WaitUntilDone(_pending.Peek().Task);
                yield return _pending.Dequeue();
            }
        }

        private void TakeReady(List<WorkOutcome<TItem, TResult>> ready)
        {
            while (_pending.Count > 0 && _pending.Peek().Task.IsCompleted) ready.Add(_pending.Dequeue());
        }

        private async Task<TResult> RunInSlot(Task slot, Task previousStarted, TaskCompletionSource<bool> started, TItem item)
        {
            Task<TResult> work;
            try
            {
                await slot.ConfigureAwait(false);
                await previousStarted.ConfigureAwait(false);
                try
                {
                    work = _work(item, _cancel.Token);
                }
                catch
                {
                    _running.Release();
                    throw;
                }
            }
            finally
            {
                started.TrySetResult(true);
            }
            try
            {
                return await work.ConfigureAwait(false);
            }
            finally
            {
                _running.Release();
            }
        }

        /// <summary>Cancels work still running and forgets it; its failures are observed so none goes unobserved.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            try { _cancel.Cancel(); } catch (ObjectDisposedException) { }
            foreach (var pending in _pending) pending.Task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            _pending.Clear();
            // The semaphore and token source may still be touched by work that is winding down; leave them to the GC.
        }
    }
}

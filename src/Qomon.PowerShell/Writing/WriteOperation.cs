using System.Threading;
using System.Threading.Tasks;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// What one write command does to one record, in the three phases of a batch (see BatchWriter): an optional
    /// read off the pipeline thread, the confirmation on the pipeline thread, and the write off it. Each phase
    /// records its outcome on the record (Outcome, Errors, Stored) instead of throwing, so one bad record never
    /// stops the others; only cancellation propagates.
    /// </summary>
    internal abstract class WriteOperation
    {
        /// <summary>True when the record needs the read phase (merge: always; -Replace: for a preview only).</summary>
        internal virtual bool NeedsRead(WriteRecord record) => false;

        /// <summary>Reads what the write depends on; leaves the record NeedsWrite, or settles it (Unchanged, Conflict, Failed).</summary>
        internal virtual Task ReadAsync(WriteRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>Pipeline thread: ShouldProcess and any further confirmation. False leaves the record settled (Skipped or Failed).</summary>
        internal abstract bool Confirm(WriteRecord record);

        /// <summary>
        /// Null: each batch is written and reported before the next starts, at most ThrottleLimit writes at once. A
        /// number: the operation limits its own requests to ThrottleLimit, and up to this many records may be in
        /// flight, across batches (see BatchWriter).
        /// </summary>
        internal virtual int? RecordsInFlight => null;

        /// <summary>
        /// Pipeline thread, before the run's first batch is read: how many records it holds, and whether they are the
        /// whole input (the input ended before the batch was full).
        /// </summary>
        internal virtual void FirstBatch(int records, bool wholeInput) { }

        /// <summary>Sends the write; sets Outcome (and Stored), or records the failure.</summary>
        internal abstract Task WriteAsync(WriteRecord record, CancellationToken cancellationToken);
    }
}

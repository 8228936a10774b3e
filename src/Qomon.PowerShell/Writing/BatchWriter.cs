using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Text;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Takes a write command's input in batches. Within a batch, reads run concurrently (at most ThrottleLimit
    /// at once, each waiting for the connection's shared token budget inside the client); each record is
    /// confirmed on the pipeline thread in input order (ShouldProcess, -Confirm, -WhatIf) as soon as it and
    /// those before it have been read, and its write starts at once (at most ThrottleLimit writes at once) while
    /// later reads go on; output and errors are written on the pipeline thread in input order as soon as a record
    /// and those before it are settled.
    /// <para>
    /// With -ErrorAction Stop the command must stop at the first error and write nothing after it: then records are
    /// written and reported one at a time (reads run a few records ahead), so the error that stops the command is the
    /// last write that happened.
    /// </para>
    /// <para>
    /// Ctrl+C ends every wait within a slice of PipelineThread's wait; records that were written but could not be
    /// reported any more, and writes that were in flight, are named on the host before the stop goes on.
    /// </para>
    /// </summary>
    internal sealed class BatchWriter
    {
        private readonly PSCmdlet _cmdlet;
        private readonly PipelineThread _pipeline;
        private readonly WriteOperation _operation;
        private readonly WriteRunSummary _summary;
        private readonly WriteRunProgress _progress;
        private readonly Func<WriteRecord, object?>? _passThru;
        private readonly BatchOptions _options;
        private readonly List<WriteRecord> _batch = new List<WriteRecord>();
        // With the operation's RecordsInFlight: the write queue left open between batches, and the records of earlier
        // batches not reported yet, oldest first.
        private OrderedWorkQueue<WriteRecord, WriteRecord>? _openWrites;
        private List<WriteRecord> _held = new List<WriteRecord>();
        private int _batchNumber;
        private string _phase = "";
        private bool _stopReported;
        /// <summary>Told of each record as it is reported (the journal's done line).</summary>
        internal Action<WriteRecord>? Reported { get; set; }
        // The record being reported: counted in the summary before its output or error is written, which may throw.
        private WriteRecord? _emitting;

        internal BatchWriter(PSCmdlet cmdlet, PipelineThread pipeline, WriteOperation operation, WriteRunSummary summary,
            WriteRunProgress progress, BatchOptions options, Func<WriteRecord, object?>? passThru)
        {
            _cmdlet = cmdlet;
            _pipeline = pipeline;
            _operation = operation;
            _summary = summary;
            _progress = progress;
            _options = options;
            _passThru = passThru;
        }

        /// <summary>Queues a record; a full batch is processed at once.</summary>
        internal void Add(WriteRecord record)
        {
            _batch.Add(record);
            if (_batch.Count >= _options.BatchSize) Flush();
        }

        /// <summary>Processes what is queued (a full batch); records the operation keeps in flight may stay so.</summary>
        internal void Flush() => Flush(inputEnded: false);

        private void Flush(bool inputEnded)
        {
            if (_batch.Count == 0) return;
            var batch = new List<WriteRecord>(_batch);
            _batch.Clear();
            _batchNumber++;
            if (_batchNumber == 1) _operation.FirstBatch(batch.Count, inputEnded);
            RefuseLaterDuplicates(batch);
            try
            {
                if (_options.StopAtFirstError) ProcessOneByOne(batch);
                else ProcessConcurrently(batch);
            }
            finally
            {
                // A planned write that was never committed (declined, -WhatIf, stopped) gives its tokens back.
                foreach (var record in batch) record.Plan?.Dispose();
            }
        }

        /// <summary>The end of the input: processes what is queued, then waits for and reports every record still in flight.</summary>
        internal void Finish()
        {
            Flush(inputEnded: true);
            DrainCarried();
        }

        // Reads, confirmations and writes overlap: a record is confirmed (in input order, on the pipeline thread) as
        // soon as it and the records before it have been read, and its write starts at once while later reads go
        // on. Waiting for the whole batch's reads before the first write would leave the connection half idle
        // when latency, not the budget, sets the pace.
        // An operation with RecordsInFlight (upsert: each record waits seconds for Qomon to apply it) leaves its writes
        // running when the batch's input is done: they are reported, in input order, as later batches go on.
        private void ProcessConcurrently(List<WriteRecord> batch)
        {
            var carry = _operation.RecordsInFlight;
            // Two writes of one contact at once would each start from the same contact and the later would undo the earlier.
            if (_openWrites != null && SharesContactWithHeld(batch)) DrainCarried();
            var toRead = new HashSet<WriteRecord>(batch.Where(r => r.IsPending && _operation.NeedsRead(r)));
            // The records to report, in input order: those still in flight from earlier batches, then this batch.
            var order = new List<WriteRecord>(_held);
            order.AddRange(batch);
            var toWrite = _held.Where(r => r.WriteStarted).ToList();
            var emitted = 0;
            var keepOpen = false;
            _phase = Describe("reading and writing", batch.Count);
            var writes = _openWrites ?? (carry is int inFlight ? NewQueue(inFlight, inFlight, WriteOne) : NewQueue(batch.Count, WriteOne));
            try
            {
                using (var reads = NewQueue(batch.Count, (record, ct) => toRead.Contains(record) ? _operation.ReadAsync(record, ct) : Task.CompletedTask))
                {
                    try
                    {
                        foreach (var record in batch)
                        {
                            foreach (var done in reads.Submit(record)) emitted = ConfirmAndStartWrite(order, emitted, Settle(done), writes, toWrite);
                        }
                        foreach (var done in reads.Complete())
                        {
                            emitted = ConfirmAndStartWrite(order, emitted, Settle(done), writes, toWrite);
                            foreach (var written in writes.TakeReady()) Settle(written);
                            emitted = EmitSettled(order, emitted);
                        }
                        if (carry == null)
                        {
                            foreach (var done in writes.Complete()) { Settle(done); emitted = EmitSettled(order, emitted); }
                            EmitSettled(order, emitted);
                        }
                        else
                        {
                            foreach (var written in writes.TakeReady()) Settle(written);
                            emitted = EmitSettled(order, emitted);
                            _held = order.GetRange(emitted, order.Count - emitted);
                            _openWrites = writes;
                            keepOpen = true;
                        }
                    }
                    catch (PipelineStoppedException)
                    {
                        ReportStop(order, emitted, toWrite);
                        throw;
                    }
                }
            }
            finally
            {
                if (!keepOpen) CloseCarried(writes);
            }
        }

        // Waits for the writes still in flight from earlier batches and reports them, in input order.
        private void DrainCarried()
        {
            if (_openWrites == null) return;
            var writes = _openWrites;
            var order = _held;
            var emitted = 0;
            _phase = Describe("waiting for the writes under way", order.Count);
            try
            {
                foreach (var done in writes.Complete()) { Settle(done); emitted = EmitSettled(order, emitted); }
                EmitSettled(order, emitted);
            }
            catch (PipelineStoppedException)
            {
                ReportStop(order, emitted, order.Where(r => r.WriteStarted).ToList());
                throw;
            }
            finally { CloseCarried(writes); }
        }

        private void CloseCarried(OrderedWorkQueue<WriteRecord, WriteRecord> writes)
        {
            writes.Dispose();
            _openWrites = null;
            _held = new List<WriteRecord>();
        }

        private bool SharesContactWithHeld(List<WriteRecord> batch)
        {
            var held = new HashSet<long>(_held.Where(r => r.Id.HasValue).Select(r => r.Id!.Value));
            return batch.Any(r => r.Id.HasValue && held.Contains(r.Id.Value));
        }

        /// <summary>Cancels writes still in flight when the command ends without Finish (stopped, or torn down).</summary>
        internal void Dispose()
        {
            if (_openWrites != null) CloseCarried(_openWrites);
        }

        // Pipeline thread, in input order: a record that is still in play is confirmed and, when confirmed, written;
        // one that is settled already (unchanged, failed, declined) is reported as soon as those before it are.
        private int ConfirmAndStartWrite(List<WriteRecord> batch, int emitted, WriteRecord record,
            OrderedWorkQueue<WriteRecord, WriteRecord> writes, List<WriteRecord> toWrite)
        {
            if (record.Outcome == RecordOutcome.Pending) record.Outcome = RecordOutcome.NeedsWrite;
            if (record.Outcome == RecordOutcome.NeedsWrite) _operation.Confirm(record);
            _progress.Update(_phase);
            if (record.Outcome != RecordOutcome.NeedsWrite)
            {
                record.Plan?.Dispose();
                return EmitSettled(batch, emitted);
            }
            toWrite.Add(record);
            foreach (var done in writes.Submit(record)) { Settle(done); emitted = EmitSettled(batch, emitted); }
            return emitted;
        }

        // -ErrorAction Stop: records are confirmed, written and reported one at a time, in input order, so reporting the
        // first failure throws and nothing after it is ever written. Reads run at most ThrottleLimit records ahead (a
        // stop wastes at most that many reads, never a write); reading the whole batch first would leave every read
        // seconds old at Qomon's pace by the time its write came, and each would be read again.
        private void ProcessOneByOne(List<WriteRecord> batch)
        {
            var toRead = new HashSet<WriteRecord>(batch.Where(r => r.IsPending && _operation.NeedsRead(r)));
            _phase = Describe("reading and writing one at a time", batch.Count);
            using (var reads = NewQueue(_options.ThrottleLimit, (record, ct) => toRead.Contains(record) ? _operation.ReadAsync(record, ct) : Task.CompletedTask))
            {
                try
                {
                    foreach (var record in batch)
                    {
                        foreach (var done in reads.Submit(record)) WriteAndEmit(Settle(done));
                    }
                    foreach (var done in reads.Complete()) WriteAndEmit(Settle(done));
                }
                catch (PipelineStoppedException)
                {
                    // Stopped during a read: every record written so far was reported as it was written.
                    ReportStop(batch, batch.Count, new List<WriteRecord>());
                    throw;
                }
            }
        }

        private void WriteAndEmit(WriteRecord record)
        {
            if (record.Outcome == RecordOutcome.Pending) record.Outcome = RecordOutcome.NeedsWrite;
            if (record.Outcome == RecordOutcome.NeedsWrite && _operation.Confirm(record)) WriteAlone(record);
            Emit(record);
        }

        private void WriteAlone(WriteRecord record)
        {
            var single = new List<WriteRecord> { record };
            _phase = Describe("writing", 1);
            using (var queue = NewQueue(1, WriteOne))
            {
                try
                {
                    queue.Submit(record);
                    foreach (var done in queue.Complete()) Settle(done);
                }
                catch (PipelineStoppedException)
                {
                    ReportStop(single, 0, single);
                    throw;
                }
            }
        }

        private Task WriteOne(WriteRecord record, CancellationToken cancellationToken)
        {
            record.WriteStarted = true;
            return _operation.WriteAsync(record, cancellationToken);
        }

        private OrderedWorkQueue<WriteRecord, WriteRecord> NewQueue(int window, Func<WriteRecord, CancellationToken, Task> work) =>
            NewQueue(_options.ThrottleLimit, window, work);

        private OrderedWorkQueue<WriteRecord, WriteRecord> NewQueue(int concurrency, int window, Func<WriteRecord, CancellationToken, Task> work) =>
            new OrderedWorkQueue<WriteRecord, WriteRecord>(_pipeline, concurrency,
                async (record, ct) => { await work(record, ct).ConfigureAwait(false); return record; }, window);

        // A failure the operation did not turn into a record error (a bug, not an API answer) still fails only its record.
        private static WriteRecord Settle(WorkOutcome<WriteRecord, WriteRecord> done)
        {
            var record = done.Item;
            var failure = done.Exception;
            if (failure != null && !(failure is OperationCanceledException) && record.IsPending)
                record.Fail(new ErrorRecord(failure, ErrorIds.WriteFailed, ErrorCategory.NotSpecified, record.Target)
                {
                    ErrorDetails = new ErrorDetails(record.Describe() + ": " + failure.Message)
                });
            return record;
        }

        /// <summary>Reports, in input order from <paramref name="from"/>, every record whose outcome is known; stops at the first still in play.</summary>
        private int EmitSettled(List<WriteRecord> batch, int from)
        {
            var index = from;
            while (index < batch.Count && batch[index].Outcome != RecordOutcome.NeedsWrite && batch[index].Outcome != RecordOutcome.Pending)
            {
                Emit(batch[index]);
                index++;
            }
            return index;
        }

        private void Emit(WriteRecord record)
        {
            _emitting = record;
            _summary.Count(record);
            Reported?.Invoke(record);
            _progress.Update(_phase);
            // Under -ErrorAction Stop this error ends the command: it says why, so no stop warning follows it.
            if (_options.StopAtFirstError && record.Errors.Count > 0) _stopReported = true;
            foreach (var error in record.Errors) _cmdlet.WriteError(error);
            if (_passThru != null && record.Stored != null &&
                (record.Outcome == RecordOutcome.Updated || record.Outcome == RecordOutcome.Created || record.Outcome == RecordOutcome.Unchanged))
            {
                var output = _passThru(record);
                if (output != null) _cmdlet.WriteObject(output);
            }
        }

        // One contact once per batch: two rows for it would each merge into the same read and the second would
        // silently undo the first.
        private static void RefuseLaterDuplicates(List<WriteRecord> batch)
        {
            var firstSeen = new Dictionary<long, int>();
            foreach (var record in batch)
            {
                if (!record.IsPending || !record.Id.HasValue) continue;
                if (firstSeen.TryGetValue(record.Id.Value, out var position)) record.Fail(WriteErrors.DuplicateInBatch(record, position));
                else firstSeen.Add(record.Id.Value, record.Position);
            }
        }

        // The pipeline is stopping: Write* would throw, but the host still shows a line. Say how many contacts the run
        // wrote (those reported and those not), which writes may have been applied, and that nothing after them was
        // written; never claim a write that did not finish.
        private void ReportStop(List<WriteRecord> batch, int emitted, List<WriteRecord> toWrite)
        {
            if (_stopReported) return;
            _stopReported = true;
            var written = batch.Skip(emitted).Where(r => r != _emitting && (r.Outcome == RecordOutcome.Updated || r.Outcome == RecordOutcome.Created || r.Outcome == RecordOutcome.Removed)).ToList();
            var inFlight = toWrite.Where(r => r.MayHaveBeenWritten && r.Outcome == RecordOutcome.NeedsWrite).ToList();
            var message = StopMessage(_summary, written, inFlight);
            try { _cmdlet.Host?.UI?.WriteWarningLine(message); }
            catch (Exception e) when (e is PipelineStoppedException || e is System.Management.Automation.Host.HostException || e is NotImplementedException) { }
        }

        /// <summary>
        /// The command was stopped between batches (while the commands before it were working): every record written was
        /// reported, except those still in flight from earlier batches, named as such.
        /// </summary>
        internal void ReportStopBetweenBatches() => ReportStop(_held, 0, _held.Where(r => r.WriteStarted).ToList());

        /// <summary>"Set-QomonContact was stopped. It had updated 40 contacts (38 reported above); the rest of its input was not written. Written before the stop: ..."</summary>
        internal static string StopMessage(WriteRunSummary summary, List<WriteRecord> writtenUnreported, List<WriteRecord> inFlight)
        {
            var count = summary.Written + writtenUnreported.Count;
            var message = string.Format(CultureInfo.InvariantCulture, "{0} was stopped. It had {1} {2} {3}", summary.Command, summary.WrittenWord,
                count, count == 1 ? "contact" : "contacts");
            if (writtenUnreported.Count > 0) message += string.Format(CultureInfo.InvariantCulture, " ({0} reported above)", summary.Written);
            message += inFlight.Count > 0 ? "; the rest of its input was not written, except the writes under way named below." : "; the rest of its input was not written.";
            if (writtenUnreported.Count > 0) message += " Written before the stop: " + Name(writtenUnreported) + ".";
            if (inFlight.Count > 0) message += " Being written when stopped (may or may not be applied; check them): " + Name(inFlight) + ".";
            return message;
        }

        private static string Name(List<WriteRecord> records) =>
            string.Join(", ", records.Select(r => r.Id.HasValue ? "contact " + r.Id.Value.ToString(CultureInfo.InvariantCulture) : r.Describe()));

        private string Describe(string phase, int count) =>
            string.Format(CultureInfo.InvariantCulture, "Batch {0}: {1} {2}", _batchNumber, phase, Counted.Of(count, "record"));
    }

    /// <summary>How BatchWriter runs: batch size, concurrency, and whether the first error ends the command.</summary>
    internal sealed class BatchOptions
    {
        internal int BatchSize { get; set; } = QomonWriteCommand.DefaultBatchSize;
        internal int ThrottleLimit { get; set; } = 8;
        internal bool StopAtFirstError { get; set; }
    }
}

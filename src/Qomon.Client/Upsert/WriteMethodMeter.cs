using System;
using System.Threading;
using System.Threading.Tasks;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// The Auto method's meter. Every token the upsert path spends on a record (the upsert, its share of the
    /// verification reads, a PATCH fallback's GET and PATCH), as learnt from x-ratelimit-cost, is charged to that
    /// record from its send on (the upsert and its read at once, verification and fallback later); the next record goes by upsert while that average stays 10% below what the PATCH path
    /// spends per record (6 by the docs: GET 1 + PATCH 5, or as measured). Qomon does not document upsert's cost, so
    /// this is how the module does well under either answer. Thread-safe; it holds no clock.
    /// </summary>
    public sealed class WriteMethodMeter
    {
        /// <summary>The documented PATCH path: GET (1 token) and PATCH (5 tokens).</summary>
        public const double DocumentedPatchTokens = 6;

        // The prior counts as a tenth of a record: the first answer (the probe, see ChooseAsync) all but settles it. A
        // fallback's tokens come 20 s after its send, by when many records are counted, so one cannot switch upsert off.
        private const double PriorWeight = 0.1;

        // Upsert must be clearly cheaper, not just cheaper: at about the same cost PATCH is the better way (applied when
        // answered, nothing to verify, no silent drop to wait out), and with a 5-token upsert and a GET for the base the
        // two paths cost 6 each.
        private const double UpsertShareOfPatch = 0.9;

        private readonly object _gate = new object();
        private readonly double _upsertPrior;
        private readonly int _probeEvery;
        private double _upsertTokens;
        private long _upsertRecords;
        private double _patchTokens;
        private long _patchRecords;
        private long _patchChoicesInARow;
        private bool _probing;
        // Set while a probe runs (_probing): the records waiting for its answer wait on it.
        private TaskCompletionSource<bool>? _probeEnded;

        /// <param name="expectedUpsertTokens">The upsert path's cost per record before any is measured: the route's known cost plus a verification read (1 + 1 by the observed costs).</param>
        /// <param name="probeEvery">While PATCH is cheaper, one record in this many still goes by upsert, so a change in upsert's cost is seen.</param>
        public WriteMethodMeter(double expectedUpsertTokens = 2, int probeEvery = 100)
        {
            if (expectedUpsertTokens < 0) throw new ArgumentOutOfRangeException(nameof(expectedUpsertTokens));
            if (probeEvery < 2) throw new ArgumentOutOfRangeException(nameof(probeEvery), "A probe every record would be no choice.");
            _upsertPrior = expectedUpsertTokens;
            _probeEvery = probeEvery;
        }

        /// <summary>
        /// One record sent by the upsert path, with the tokens it took so far (its read, the upsert): counted at once, as
        /// its verification takes seconds and the records sent meanwhile should choose knowing what an upsert costs.
        /// </summary>
        public void UpsertSent(double tokens)
        {
            if (tokens < 0) throw new ArgumentOutOfRangeException(nameof(tokens));
            lock (_gate)
            {
                _upsertTokens += tokens;
                _upsertRecords++;
            }
            ProbeEnded();
        }

        /// <summary>More tokens for a record already sent: its verification reads, a PATCH fallback.</summary>
        public void UpsertCostMore(double tokens)
        {
            if (tokens < 0) throw new ArgumentOutOfRangeException(nameof(tokens));
            lock (_gate) _upsertTokens += tokens;
        }

        /// <summary>One record done by the PATCH path, with the tokens its GET and PATCH took.</summary>
        public void PatchDone(double tokens)
        {
            if (tokens < 0) throw new ArgumentOutOfRangeException(nameof(tokens));
            lock (_gate)
            {
                _patchTokens += tokens;
                _patchRecords++;
            }
        }

        /// <summary>Tokens per record on the upsert path: measured, weighted with the prior until records accumulate.</summary>
        public double UpsertTokensPerRecord
        {
            get { lock (_gate) return UpsertTokensPerRecordLocked(); }
        }

        private double UpsertTokensPerRecordLocked() => (_upsertPrior * PriorWeight + _upsertTokens) / (PriorWeight + _upsertRecords);

        /// <summary>Tokens per record on the PATCH path: measured once any record went that way, the documented 6 before.</summary>
        public double PatchTokensPerRecord
        {
            get { lock (_gate) return PatchTokensPerRecordLocked(); }
        }

        private double PatchTokensPerRecordLocked() => _patchRecords == 0 ? DocumentedPatchTokens : _patchTokens / _patchRecords;

        public long UpsertRecords { get { lock (_gate) return _upsertRecords; } }
        public long PatchRecords { get { lock (_gate) return _patchRecords; } }

        /// <summary>
        /// The method for a record starting now. Until one upsert has been answered (its x-ratelimit-cost read), its cost
        /// is a guess: the first record to choose upsert is the probe and goes alone, and the others wait for its answer
        /// (or for it to end without an upsert, when the next becomes the probe). Records start all at once, so without
        /// it a whole batch would choose on the guess. The probe's writer calls ProbeEnded when it is done.
        /// </summary>
        public async Task<MethodChoice> ChooseAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                Task probe;
                lock (_gate)
                {
                    if (!_probing)
                    {
                        var method = NextLocked();
                        if (method != WriteMethod.Upsert || _upsertRecords > 0) return new MethodChoice(method, false);
                        _probing = true;
                        _probeEnded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                        return new MethodChoice(method, true);
                    }
                    probe = _probeEnded!.Task;
                }
                var cancelled = new TaskCompletionSource<bool>();
                using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                    await Task.WhenAny(probe, cancelled.Task).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        /// <summary>The probe's record is done with choosing (answered, or ended without an upsert): the others may choose.</summary>
        public void ProbeEnded()
        {
            TaskCompletionSource<bool> ended;
            lock (_gate)
            {
                if (!_probing) return;
                _probing = false;
                ended = _probeEnded!;
            }
            ended.TrySetResult(true);
        }

        /// <summary>The method for the next record that upsert could carry (a record upsert cannot say goes by PATCH anyway).</summary>
        public WriteMethod Next()
        {
            lock (_gate) return NextLocked();
        }

        private WriteMethod NextLocked()
        {
            if (UpsertTokensPerRecordLocked() < PatchTokensPerRecordLocked() * UpsertShareOfPatch)
            {
                _patchChoicesInARow = 0;
                return WriteMethod.Upsert;
            }
            _patchChoicesInARow++;
            if (_patchChoicesInARow < _probeEvery) return WriteMethod.Patch;
            _patchChoicesInARow = 0;
            return WriteMethod.Upsert;
        }

        /// <summary>For -Verbose and the summary: "upsert 1.2 tokens/record over 340 records, PATCH 6.0".</summary>
        public override string ToString() => FormattableString.Invariant(
            $"upsert {UpsertTokensPerRecord:0.0} tokens/record over {Text.Counted.Of(UpsertRecords, "record")}, PATCH {PatchTokensPerRecord:0.0}");
    }
}

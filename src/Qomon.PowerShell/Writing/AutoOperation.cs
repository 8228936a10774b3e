using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Text;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Set-QomonContact -WriteMethod Auto: a run whose whole input fits in its first batch, with at most SmallRun
    /// records, goes by PATCH; any other run goes through UpsertOperation, which measures which way costs fewer tokens.
    /// An upsert is seen applied only seconds after it is sent. In a large run that wait is shared by the many records
    /// in flight, and the tokens upsert saves set the pace; a small run (a contact changed at the prompt, a script that
    /// calls the command once per contact) would wait it every time, while PATCH answers at once and a few records'
    /// tokens do not matter.
    /// </summary>
    internal sealed class AutoOperation : WriteOperation
    {
        /// <summary>
        /// The largest run written by PATCH: at Qomon's budget (burst 100, 10 tokens/s) about 16 PATCH merges fit in a
        /// full bucket, and past about a dozen records an upsert run's one wait of seconds costs less than PATCH's extra
        /// 4 to 5 tokens a record.
        /// </summary>
        internal const int SmallRun = 20;

        private readonly Cmdlet _cmdlet;
        private readonly WriteOperation _patch;
        private readonly WriteOperation _upsert;
        private WriteOperation? _chosen;

        internal AutoOperation(Cmdlet cmdlet, WriteOperation patch, WriteOperation upsert)
        {
            _cmdlet = cmdlet;
            _patch = patch;
            _upsert = upsert;
        }

        private WriteOperation Chosen => _chosen ?? _upsert;

        internal override void FirstBatch(int records, bool wholeInput)
        {
            if (!wholeInput || records > SmallRun)
            {
                _chosen = _upsert;
                return;
            }
            _chosen = _patch;
            _cmdlet.WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                "-WriteMethod Auto writes this run's {0} by PATCH: a run of at most {1} records gets every answer at once that way, where an upsert is seen applied only seconds later.",
                Counted.Of(records, "record"), SmallRun));
        }

        internal override bool NeedsRead(WriteRecord record) => Chosen.NeedsRead(record);

        internal override Task ReadAsync(WriteRecord record, CancellationToken cancellationToken) => Chosen.ReadAsync(record, cancellationToken);

        internal override bool Confirm(WriteRecord record) => Chosen.Confirm(record);

        internal override int? RecordsInFlight => Chosen.RecordsInFlight;

        internal override Task WriteAsync(WriteRecord record, CancellationToken cancellationToken) => Chosen.WriteAsync(record, cancellationToken);
    }
}

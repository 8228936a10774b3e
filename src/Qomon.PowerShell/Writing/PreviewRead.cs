using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// The read a -Replace or a delete makes only so that a person can see whom the question is about (Set -Replace
    /// also shows what it would clear). A contact that cannot be read fails its record at once, before anyone is asked.
    /// </summary>
    internal static class PreviewRead
    {
        internal static async Task ReadCurrentAsync(QomonClient client, WriteRecord record, CancellationToken cancellationToken)
        {
            try
            {
                record.Current = await client.GetContactAsync(record.Id!.Value, cancellationToken).ConfigureAwait(false);
                record.Outcome = RecordOutcome.NeedsWrite;
            }
            catch (QomonApiException e)
            {
                record.Fail(WriteErrors.FromApi(record, e));
            }
        }
    }
}

using System.Management.Automation;
using Qomon.Client;
using Qomon.PowerShell.Connections;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Disconnect-Qomon: disposes the runspace's default connection (or the one given with -Connection) and
    /// forgets it. Doing so twice, or without a connection, is not an error, so it fits a finally block.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Qomon", HelpUri = HelpLinks.Commands + "Disconnect-Qomon.md")]
    [OutputType(typeof(void))]
    public sealed class DisconnectQomonCommand : QomonCommandBase
    {
        /// <summary>The connection to close (from Connect-Qomon -PassThru); default: the runspace's default.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public QomonConnection? Connection { get; set; }

        protected override void Process()
        {
            var connection = Connection != null ? DefaultConnectionStore.Clear(Connection) ?? Connection : DefaultConnectionStore.Clear();
            if (connection == null)
            {
                WriteVerbose("No connection to close.");
                return;
            }
            connection.Dispose();
            WriteVerbose($"Closed the connection to {connection.BaseUri} (key {connection.KeyFingerprint}).");
        }
    }
}

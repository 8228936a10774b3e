using System.Management.Automation;
using Qomon.Client;
using Qomon.PowerShell.Connections;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Get-QomonConnection: the runspace's default connection (nothing when not connected, so
    /// `if (-not (Get-QomonConnection)) { Connect-Qomon }` works): base URI, key fingerprint, the token
    /// budget's state and the counters of requests, tokens, throttled answers and retries. Live values.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QomonConnection", HelpUri = HelpLinks.Commands + "Get-QomonConnection.md")]
    [OutputType(typeof(QomonConnection))]
    public sealed class GetQomonConnectionCommand : QomonCommandBase
    {
        protected override void Begin()
        {
            var connection = DefaultConnectionStore.Get();
            if (connection == null)
            {
                WriteVerbose(QomonErrors.NotConnectedMessage);
                return;
            }
            WriteObject(ConnectionOutput.Create(connection));
        }
    }
}

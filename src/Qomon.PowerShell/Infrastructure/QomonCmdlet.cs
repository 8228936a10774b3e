using System;
using System.Management.Automation;
using Qomon.Client;
using Qomon.PowerShell.Connections;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// Base of every command that talks to Qomon: adds -Connection and resolves it before Begin (-Connection,
    /// else the runspace's default, else a terminating "Not connected" error that says how to connect).
    /// </summary>
    public abstract class QomonCmdlet : QomonCommandBase
    {
        private QomonConnection? _connection;

        /// <summary>The connection to use instead of the runspace's default (from Connect-Qomon -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public QomonConnection? Connection { get; set; }

        /// <summary>The resolved connection; valid from Begin on.</summary>
        protected QomonConnection QomonConnection =>
            _connection ?? throw new InvalidOperationException("The connection is resolved before Begin.");

        /// <summary>The resolved connection's client.</summary>
        protected QomonClient Client => QomonConnection.Client;

        protected sealed override void BeginProcessing()
        {
            _connection = Connection ?? DefaultConnectionStore.Get();
            if (_connection == null) ThrowTerminatingError(QomonErrors.NotConnected());
            if (_connection!.IsDisposed) ThrowTerminatingError(QomonErrors.ConnectionClosed(_connection));
            base.BeginProcessing();
        }
    }
}

using System.Management.Automation;
using Qomon.Client;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// The connection as commands write it: the live QomonConnection (so it binds to -Connection) named
    /// Qomon.Connection, whose counters and budget are shown through Qomon.Types.ps1xml and Qomon.Format.ps1xml.
    /// The object holds the key only as a SecureString inside the client, and its ToString names no key.
    /// </summary>
    public static class ConnectionOutput
    {
        public const string TypeName = "Qomon.Connection";

        public static PSObject Create(QomonConnection connection)
        {
            var result = PSObject.AsPSObject(connection);
            if (!result.TypeNames.Contains(TypeName)) result.TypeNames.Insert(0, TypeName);
            return result;
        }
    }
}

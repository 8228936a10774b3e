using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;

namespace Qomon.Desktop.Tests
{
    /// <summary>
    /// Connect-Qomon's part: open a connection and send the first request, in code that names no
    /// System.Text.Json type, so that the module's own assemblies (Qomon.Client, then Microsoft.Bcl.TimeProvider
    /// asking for Microsoft.Bcl.AsyncInterfaces) make the first loads, in the order Windows PowerShell sees them.
    /// A host that touched JsonObject first would load System.Text.Json and its dependencies itself and hide
    /// the loads the module's rule must answer.
    /// </summary>
    public static class FirstRequest
    {
        public static async Task RunAsync(EmulatorProcess emulator)
        {
            using (var connection = Connections.Open(emulator, attempts: 6, timeout: System.TimeSpan.FromSeconds(10)))
            {
                var forms = await connection.Client.GetFormsByTypeAsync("survey", CancellationToken.None).ConfigureAwait(false);
                CheckList.That(forms.Count > 0, "no survey form");
            }
        }
    }
}

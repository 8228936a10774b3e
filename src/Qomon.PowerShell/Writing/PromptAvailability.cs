using System;
using System.Management.Automation.Host;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Whether this session can ask the user a question. A prompt in a scheduled task or a runbook would either
    /// hang the job or throw half-way, so -Replace without -Force fails each record with a clear error instead.
    /// [Environment]::UserInteractive says nothing useful (PowerShell/PowerShell#8154), so we look at what does:
    /// a host without a UI, a hosted runspace ("Default Host", as in [powershell]::Create() and Azure Functions),
    /// and pwsh started with -NonInteractive. Hosts that still cannot prompt throw when asked; the caller turns
    /// that into the same error.
    /// </summary>
    internal static class PromptAvailability
    {
        // Everything after these belongs to the script or command, not to pwsh itself.
        private static readonly string[] ScriptStarters = { "file", "command", "encodedcommand", "ec", "f", "c" };

        /// <summary>Null when a prompt can be shown; otherwise why not, for the error message.</summary>
        internal static string? WhyNot(PSHost? host)
        {
            if (host == null || host.UI == null) return "the host has no user interface";
            if (string.Equals(host.Name, "Default Host", StringComparison.OrdinalIgnoreCase)) return "it runs in a runspace without a user interface";
            if (StartedNonInteractive(Environment.GetCommandLineArgs())) return "PowerShell was started with -NonInteractive";
            return null;
        }

        /// <summary>What a host throws when asked a question it cannot show: the same "cannot ask" as <see cref="WhyNot"/>.</summary>
        internal static bool IsCannotAsk(Exception e) =>
            e is System.Management.Automation.PSInvalidOperationException || e is HostException || e is NotImplementedException || e is System.Management.Automation.PSNotImplementedException;

        /// <summary>True when the process's own arguments (before -File or -Command) include -NonInteractive or a prefix of it.</summary>
        internal static bool StartedNonInteractive(string[] arguments)
        {
            foreach (var argument in arguments)
            {
                var name = argument.TrimStart('-', '/').ToLowerInvariant();
                if (name.Length == 0 || name.Length == argument.Length) continue; // not a switch
                if (Array.IndexOf(ScriptStarters, name) >= 0 || (name.Length >= 3 && ("file".StartsWith(name, StringComparison.Ordinal) || "command".StartsWith(name, StringComparison.Ordinal)))) return false;
                if (name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.Ordinal)) return true;
            }
            return false;
        }
    }
}

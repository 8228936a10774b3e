namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// Where Get-Help -Online leads: each command's own page under docs/commands in the project's repository
    /// (ProjectUri in Qomon.psd1). tools/Build-Help.ps1 writes the same address as the first related link of the
    /// built help, because PowerShell prefers a link from the help over the cmdlet's HelpUri.
    /// </summary>
    internal static class HelpLinks
    {
        internal const string Commands = "https://github.com/qomon-powershell/Qomon.PowerShell/blob/main/docs/commands/";
    }
}

using System;
using System.Security;

namespace Qomon.PowerShell.Connections
{
    /// <summary>Where Connect-Qomon finds the key when no parameter gives it: the environment, never a prompt.</summary>
    public static class ApiKeySource
    {
        public const string KeyVariable = "QOMON_API_KEY";
        public const string BaseUriVariable = "QOMON_BASE_URI";

        public const string HowToConnect =
            "No Qomon API key was given. Connect without a prompt in one of these ways: " +
            "at the prompt, Connect-Qomon -ApiKey (Read-Host -AsSecureString 'Qomon API key'); " +
            "in a scheduled script, set the environment variable QOMON_API_KEY (from a secret store) and run Connect-Qomon; " +
            "in an Azure Automation runbook, Connect-Qomon -Credential (Get-AutomationPSCredential -Name 'Qomon') " +
            "with the key as the credential's password.";

        /// <summary>The key from QOMON_API_KEY as a read-only SecureString, or null when unset or blank.</summary>
        public static SecureString? FromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable(KeyVariable);
            if (string.IsNullOrWhiteSpace(text)) return null;
            var key = new SecureString();
            foreach (var c in text!.Trim()) key.AppendChar(c);
            key.MakeReadOnly();
            return key;
        }

        public static string? BaseUriFromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable(BaseUriVariable);
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }
    }
}

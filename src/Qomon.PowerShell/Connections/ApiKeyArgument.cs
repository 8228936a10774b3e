using System.Management.Automation;
using System.Security;

namespace Qomon.PowerShell.Connections
{
    /// <summary>
    /// Connect-Qomon -ApiKey: takes a SecureString, or a PSCredential's password (what Get-Credential and
    /// Get-AutomationPSCredential return). Plain text is refused with the ways to pass the key instead of
    /// PowerShell's own conversion error, which repeats the text it could not convert: the key itself.
    /// </summary>
    internal sealed class ApiKeyArgumentAttribute : ArgumentTransformationAttribute
    {
        internal const string PlainTextRefused =
            "-ApiKey takes the key as a SecureString, not as text: typed or pasted into a command, the key would stay in the " +
            "command history and in scripts. Pass it one of these ways: at the prompt, -ApiKey (Read-Host -AsSecureString 'Qomon API key'); " +
            "from a secret vault, -ApiKey (Get-Secret -Name 'QomonApiKey'); from an environment variable, " +
            "-ApiKey (ConvertTo-SecureString $env:QOMON_API_KEY -AsPlainText -Force), or just set QOMON_API_KEY and run Connect-Qomon; " +
            "as a credential whose password is the key, -Credential (Get-Credential) or, in an Azure Automation runbook, " +
            "-Credential (Get-AutomationPSCredential -Name 'Qomon').";

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case PSCredential credential: return credential.Password;
                case string _:
                case char[] _:
                    // The message must not hold the text: it is the key.
                    throw new ArgumentTransformationMetadataException(PlainTextRefused);
                default: return inputData;
            }
        }
    }
}

using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using Qomon.Client;
using Qomon.Client.Connection;
using Qomon.PowerShell.Connections;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Connect-Qomon: opens a connection with an API key from -ApiKey, -Credential (a runbook's
    /// Get-AutomationPSCredential) or QOMON_API_KEY, checks the key with one cheap call, and makes it the
    /// runspace's default (or, with -PassThru, returns it and leaves the default alone). Never prompts.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Qomon", DefaultParameterSetName = EnvironmentSet, HelpUri = HelpLinks.Commands + "Connect-Qomon.md")]
    [OutputType(typeof(QomonConnection))]
    public sealed class ConnectQomonCommand : QomonCommandBase
    {
        private const string ApiKeySet = "ApiKey";
        private const string CredentialSet = "Credential";
        private const string EnvironmentSet = "Environment";

        /// <summary>The API key (Qomon: Settings > extensions > connect), as a SecureString or a PSCredential whose password it is; plain text is refused with the ways to pass it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet, Position = 0)]
        [ValidateNotNull]
        [ApiKeyArgument]
        public SecureString? ApiKey { get; set; }

        /// <summary>A credential whose password is the API key; the user name is ignored.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Read QOMON_API_KEY (and QOMON_BASE_URI). Also what happens when no key parameter is given.</summary>
        [Parameter(ParameterSetName = EnvironmentSet)]
        public SwitchParameter FromEnvironment { get; set; }

        /// <summary>The API host. Default: QOMON_BASE_URI, else https://incoming.qomon.app.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>EU (incoming.qomon.app) or US (incoming-us.qomon.app); instead of -BaseUri.</summary>
        [Parameter]
        public QomonRegion Region { get; set; }

        /// <summary>An explicit proxy; without it the system proxy is used.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        [Parameter]
        [ValidateNotNull]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Timeout of one attempt, in seconds (default 100). Budget waits and retries are not cut by it.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>How many times a failed request is retried (429, 5xx, network errors; default 5).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetryCount { get; set; } = 5;

        /// <summary>No retry starts later than this many seconds after the first attempt (default 600).</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int RetryTimeLimitSec { get; set; } = 600;

        /// <summary>Do not check the key with GET /v1/forms/type/consent.</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        /// <summary>Return the connection instead of making it the runspace's default.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Begin()
        {
            var settings = BuildSettings();
            var key = ResolveKey();
            QomonConnection connection;
            try
            {
                connection = QomonConnection.Open(settings, key);
            }
            catch (InvalidApiKeyException e)
            {
                // No target: the key itself must not travel in the error record.
                ThrowInvalidArgument(e.Message, null, ErrorIds.InvalidApiKey);
                return;
            }
            catch (ArgumentException e)
            {
                ThrowInvalidArgument(e.Message, settings.BaseUri);
                return;
            }

            if (!SkipValidation) Validate(connection);

            if (PassThru)
            {
                WriteVerbose($"Opened a connection to {connection.BaseUri} (key {connection.KeyFingerprint}); the default connection is unchanged.");
                WriteObject(ConnectionOutput.Create(connection));
                return;
            }
            // The connection replaced is not disposed: a script may still hold it for -Connection.
            DefaultConnectionStore.Set(connection);
            WriteVerbose($"Connected to {connection.BaseUri} (key {connection.KeyFingerprint}); this runspace's commands use it by default.");
        }

        private QomonConnectionSettings BuildSettings()
        {
            if (ParameterSpecified(nameof(BaseUri)) && ParameterSpecified(nameof(Region)))
                ThrowInvalidArgument("Give -BaseUri or -Region, not both.", Region);

            var baseUri = BaseUri;
            if (ParameterSpecified(nameof(Region))) baseUri = QomonRegions.BaseUriOf(Region);
            if (baseUri == null)
            {
                var fromEnvironment = ApiKeySource.BaseUriFromEnvironment();
                if (fromEnvironment != null && !Uri.TryCreate(fromEnvironment, UriKind.Absolute, out baseUri))
                    ThrowInvalidArgument($"{ApiKeySource.BaseUriVariable} is not an absolute URI: '{fromEnvironment}'.", fromEnvironment);
            }
            baseUri ??= QomonConnectionSettings.DefaultBaseUri;

            if (!baseUri!.IsAbsoluteUri)
                ThrowInvalidArgument($"-BaseUri must be absolute, such as https://incoming.qomon.app; got '{baseUri}'.", baseUri);
            if (baseUri.Scheme != Uri.UriSchemeHttps && !(baseUri.Scheme == Uri.UriSchemeHttp && baseUri.IsLoopback))
                ThrowInvalidArgument(
                    $"Refusing {baseUri.Scheme}://{baseUri.Host}: the API key would travel unencrypted. Use https; plain http is allowed only for loopback addresses (a local emulator).",
                    baseUri, ErrorIds.InsecureBaseUri);

            return new QomonConnectionSettings
            {
                BaseUri = baseUri,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxAttempts = MaxRetryCount + 1,
                RetryTimeLimit = TimeSpan.FromSeconds(RetryTimeLimitSec),
                Proxy = Proxy,
                ProxyCredential = ProxyCredential?.GetNetworkCredential(),
                ProxyUseDefaultCredentials = ProxyUseDefaultCredentials,
                UserAgentComment = PowerShellVersion(),
            };
        }

        private SecureString ResolveKey()
        {
            SecureString? key = ParameterSetName switch
            {
                ApiKeySet => ApiKey,
                CredentialSet => Credential?.Password,
                _ => ApiKeySource.FromEnvironment(),
            };
            if (key == null || key.Length == 0)
            {
                var message = ParameterSetName == EnvironmentSet
                    ? ApiKeySource.HowToConnect
                    : "The API key is empty. " + ApiKeySource.HowToConnect;
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.NoApiKey, ErrorCategory.AuthenticationError, null));
            }
            return key!;
        }

        // One cheap call proves the key and the host; it also fills the consent forms into the connection's cache.
        private void Validate(QomonConnection connection)
        {
            try
            {
                Pipeline.Run(ct => FormCache.For(connection).GetKindAsync(connection.Client, "consent", false, ct));
            }
            catch (QomonApiException e)
            {
                connection.Dispose();
                if (e.StatusCode == 401 || e.StatusCode == 403)
                {
                    var message = $"Qomon refused the API key (key {connection.KeyFingerprint}, {e.StatusCode} on {e.Method} {e.Path}). Check the key, or that it belongs to the space at {connection.BaseUri}.";
                    ThrowTerminatingError(new ErrorRecord(e, ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, connection.BaseUri)
                    {
                        ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Create or copy the key in Qomon (Settings > extensions > connect) and run Connect-Qomon again." }
                    });
                }
                ThrowApiError(e, connection.BaseUri);
            }
        }

        private string PowerShellVersion()
        {
            var table = SessionState.PSVariable.GetValue("PSVersionTable") as Hashtable;
            var version = table?["PSVersion"]?.ToString() ?? "unknown";
            var edition = table?["PSEdition"]?.ToString() ?? "Desktop";
            return $"PowerShell/{version} ({edition})";
        }
    }
}

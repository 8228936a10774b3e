using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Qomon.Client;
using Qomon.Client.Text;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// Where API failures and connection problems become ErrorRecords, with the ids and categories of
    /// <see cref="ErrorIds"/> (the table of every id). Messages are built from
    /// the request line, status and the server's problem text only, never from headers, so no key can leak.
    /// </summary>
    public static class QomonErrors
    {
        /// <summary>The message and guidance for "no connection", shared by every command.</summary>
        public const string NotConnectedMessage =
            "Not connected. Run Connect-Qomon -ApiKey <SecureString> (or -Credential <PSCredential>, or set QOMON_API_KEY " +
            "and run Connect-Qomon), or pass -Connection.";

        public static ErrorRecord NotConnected() =>
            new ErrorRecord(new InvalidOperationException(NotConnectedMessage), ErrorIds.NotConnected, ErrorCategory.ConnectionError, null)
            {
                ErrorDetails = new ErrorDetails(NotConnectedMessage)
                {
                    RecommendedAction = "Unattended: $env:QOMON_API_KEY = '<key>'; Connect-Qomon. In a runbook: " +
                                        "Connect-Qomon -Credential (Get-AutomationPSCredential -Name 'Qomon')."
                }
            };

        /// <summary>A connection used after Disconnect-Qomon (kept in a variable and passed with -Connection).</summary>
        public static ErrorRecord ConnectionClosed(QomonConnection connection)
        {
            var message = $"This Qomon connection ({connection.BaseUri}) was closed by Disconnect-Qomon. Connect again with Connect-Qomon -PassThru.";
            return new ErrorRecord(new InvalidOperationException(message), ErrorIds.ConnectionClosed, ErrorCategory.ConnectionError, null)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Run Connect-Qomon again and use the new connection." }
            };
        }

        /// <summary>
        /// An ArgumentException's message as a user should read it: without the " (Parameter 'since')" that .NET
        /// appends, which names a parameter of the module's code, not of the command, and follows the message's
        /// own period.
        /// </summary>
        public static string MessageOf(ArgumentException exception)
        {
            if (exception.ParamName == null) return exception.Message;
            // The runtime's own form of the suffix (.NET Framework writes it on a new line instead).
            var suffix = new ArgumentException("", exception.ParamName).Message;
            return exception.Message.EndsWith(suffix, StringComparison.Ordinal)
                ? exception.Message.Substring(0, exception.Message.Length - suffix.Length)
                : exception.Message;
        }

        /// <summary>A bad parameter value or combination, as a terminating error.</summary>
        public static ErrorRecord InvalidArgument(string message, object? target, string errorId = ErrorIds.InvalidArgument) =>
            new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        /// <summary>
        /// Maps an API failure to an ErrorRecord. <paramref name="notFoundId"/> names what a 404 means here
        /// (Qomon.ContactNotFound for a contact id); <paramref name="target"/> is the record's id or input.
        /// </summary>
        public static ErrorRecord FromApi(QomonApiException exception, object? target, string notFoundId = ErrorIds.NotFound)
        {
            var (id, category, action) = Classify(exception, notFoundId);
            return new ErrorRecord(exception, id, category, target)
            {
                ErrorDetails = new ErrorDetails(Describe(exception)) { RecommendedAction = action }
            };
        }

        private static (string Id, ErrorCategory Category, string Action) Classify(QomonApiException e, string notFoundId)
        {
            if (e.IsUnexpectedResponse)
                return (ErrorIds.UnexpectedResponse, ErrorCategory.InvalidResult,
                    "Nothing was built on this answer. Check -BaseUri, any proxy between here and Qomon, and the record; then try again.");
            if (e.IsTransportFailure || e.StatusCode == 0 || e.StatusCode >= 500)
                return (ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError,
                    "Check the network, the proxy settings and -BaseUri; the module gave up after " + Attempts(e) + ".");
            switch (e.StatusCode)
            {
                case 400:
                case 422:
                    return (ErrorIds.InvalidData, ErrorCategory.InvalidData, "Correct the values named in the message and send the record again.");
                case 401:
                    return (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, "Check the API key (Qomon: Settings > extensions > connect) and run Connect-Qomon again.");
                case 403:
                    return (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, "The API key is valid but may not do this; ask a space administrator.");
                case 404:
                    return (notFoundId, ErrorCategory.ObjectNotFound, "Check the id; it may have been deleted.");
                case 409:
                    return (ErrorIds.Conflict, ErrorCategory.ResourceExists, "Read the record again and retry.");
                case 429:
                    return (ErrorIds.RateLimitExceeded, ErrorCategory.LimitsExceeded,
                        "The rate limit still held after " + Attempts(e) + "; raise -MaxRetryCount or -RetryTimeLimitSec on Connect-Qomon, or lower -ThrottleLimit.");
                default:
                    return (ErrorIds.RequestFailed, ErrorCategory.NotSpecified, "See the status and detail in the message.");
            }
        }

        private static string Attempts(QomonApiException e) => Counted.Of(e.Attempts, "attempt");

        /// <summary>
        /// "GET /contacts/5 failed: 404 Not Found. Detail (location: message)." The server's detail is a sentence
        /// of its own; it goes in as a clause (<see cref="MessageText"/>) and the description ends once.
        /// </summary>
        public static string Describe(QomonApiException e)
        {
            var text = new StringBuilder();
            var requestLine = e.Method + " " + e.Path;
            if (e.IsTransportFailure || e.StatusCode == 0)
            {
                // The client's message already names the request.
                if (!e.Message.StartsWith(requestLine, StringComparison.Ordinal)) text.Append(requestLine).Append(" failed: ");
                text.Append(e.Message);
            }
            else
            {
                text.Append(requestLine).Append(" failed: ").Append(e.StatusCode.ToString(CultureInfo.InvariantCulture));
                if (!string.IsNullOrEmpty(e.Title)) text.Append(' ').Append(MessageText.Clause(e.Title));
                if (!string.IsNullOrEmpty(e.Detail)) text.Append(". ").Append(MessageText.Clause(e.Detail));
            }
            var errors = e.Errors != null && e.Errors.Count > 0;
            if (errors)
                text.Append(" (").Append(string.Join("; ", e.Errors!.Select(f => MessageText.Clause(f.Location + ": " + f.Message)))).Append(')');
            var sentence = !string.IsNullOrEmpty(e.Detail) || errors || e.Message.EndsWith(".", StringComparison.Ordinal);
            return sentence ? MessageText.Sentence(text.ToString()) : text.ToString();
        }
    }
}

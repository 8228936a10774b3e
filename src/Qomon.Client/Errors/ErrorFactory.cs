using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using Qomon.Client.Http;
using Qomon.Client.Text;

namespace Qomon.Client.Errors
{
    /// <summary>Turns a non-success answer into a QomonApiException whose message says what failed and why.</summary>
    internal static class ErrorFactory
    {
        public static QomonApiException FromResponse(HttpRequestMessage request, HttpResponseMessage response, string? body, Func<string, string> scrub)
        {
            var state = CallState.For(request);
            var method = request.Method.Method;
            var path = RequestInfo.DisplayPath(request);
            var status = (int)response.StatusCode;
            var reason = ReasonPhrase(response);
            var problem = ErrorBodyParser.Parse(body == null ? null : scrub(body));
            var title = problem.Title == null || problem.Title == "fail" ? reason : problem.Title;

            var message = new StringBuilder()
                .Append(method).Append(' ').Append(path).Append(" failed: ")
                .Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(reason);
            if (!string.Equals(title, reason, StringComparison.OrdinalIgnoreCase)) message.Append(": ").Append(title);
            var hasDetail = !string.IsNullOrEmpty(problem.Detail);
            if (hasDetail) message.Append(": ").Append(MessageText.Clause(problem.Detail));
            if (problem.Errors.Count > 0)
                message.Append(" (").Append(string.Join("; ", problem.Errors.Select(e => e.ToString()))).Append(')');
            if (state.Attempts > 1)
                message.Append(string.Format(CultureInfo.InvariantCulture, " [gave up after {0} attempts]", state.Attempts));
            // Any attempt that may have reached the server leaves the outcome open, whatever the last answer says.
            var outcomeUnknown = state.MaybeApplied;
            // The detail is a sentence of the server's; its period moved to the end of ours.
            var text = hasDetail || outcomeUnknown ? MessageText.Sentence(message.ToString()) : message.ToString();
            if (outcomeUnknown) text += " The outcome is unknown: the server may have applied it; read it back before retrying.";

            return new QomonApiException(scrub(text), status, method, path, Math.Max(1, state.Attempts),
                title, problem.Detail, problem.Errors, isTransportFailure: false, outcomeUnknown: outcomeUnknown,
                retryAfter: state.LastRetryAfter);
        }

        internal static string ReasonPhrase(HttpResponseMessage response)
        {
            if (!string.IsNullOrEmpty(response.ReasonPhrase)) return response.ReasonPhrase!;
            var name = ((HttpStatusCode)response.StatusCode).ToString();
            return Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ");
        }
    }
}

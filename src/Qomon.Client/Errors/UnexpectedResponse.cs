using System;
using System.Globalization;
using System.Net.Http;
using Qomon.Client.Http;

namespace Qomon.Client.Errors
{
    /// <summary>
    /// Builds the QomonApiException for an answer the client will not build on (IsUnexpectedResponse): a body
    /// that is not what the call asked for, a body that is not JSON, or a redirect. For a call that writes, an
    /// answer other than the written contact leaves the outcome unknown (the server may have applied it all the
    /// same), so the caller reads the contact back, as after a lost answer. Messages name keys, shapes, content
    /// types and hosts, never a body's values or a query string.
    /// </summary>
    internal static class UnexpectedResponse
    {
        public const string Title = "Unexpected response";
        private const string OutcomeUnknownNote = " The outcome is unknown: the server may have applied it; read it back before retrying.";

        /// <summary>A 2xx whose JSON is not what the call asked for; <paramref name="problem"/> comes from ContactBaseCheck.</summary>
        public static QomonApiException BadBody(HttpRequestMessage request, HttpResponseMessage response, string expected, string problem, Func<string, string> scrub) =>
            Build(request, response, "the answer is not " + expected + ": " + problem + ".", writeOutcomeUnknown: true, scrub, null);

        /// <summary>A 2xx whose body does not parse as JSON, described by what it looks like.</summary>
        public static QomonApiException NotJson(HttpRequestMessage request, HttpResponseMessage response, string text, Exception parseError, Func<string, string> scrub) =>
            Build(request, response, "the body is not JSON; it looks like " + BodyDescription.Describe(text, response.Content?.Headers.ContentType?.MediaType) + ".",
                writeOutcomeUnknown: true, scrub, parseError);

        /// <summary>A 3xx. Never followed: Qomon does not redirect its API, so whoever redirects is not Qomon (a proxy, a portal, a wrong -BaseUri).</summary>
        public static QomonApiException Redirect(HttpRequestMessage request, HttpResponseMessage response, Func<string, string> scrub)
        {
            var status = (int)response.StatusCode;
            var target = Target(request.RequestUri, response.Headers.Location);
            var detail = string.Format(CultureInfo.InvariantCulture, "a redirect ({0} {1}) {2}, which API calls never follow: Qomon does not redirect its API, so something else answered (a proxy, a portal, or a wrong -BaseUri).",
                status, ErrorFactory.ReasonPhrase(response), target == null ? "without a Location" : "to " + target);
            // Whoever redirected a write may have passed it on first: its outcome is as unknown as any other odd answer's.
            return Build(request, response, detail, writeOutcomeUnknown: true, scrub, null);
        }

        /// <summary>scheme://host:port/path of the Location, resolved against the request; never its query (it may carry a token).</summary>
        internal static string? Target(Uri? requestUri, Uri? location)
        {
            if (location == null) return null;
            var absolute = location;
            if (!location.IsAbsoluteUri)
            {
                if (requestUri == null || !Uri.TryCreate(requestUri, location, out absolute)) return "a relative location";
            }
            return absolute.Scheme + "://" + absolute.Authority + absolute.AbsolutePath;
        }

        private static QomonApiException Build(HttpRequestMessage request, HttpResponseMessage response, string detail, bool writeOutcomeUnknown,
            Func<string, string> scrub, Exception? inner)
        {
            var state = CallState.For(request);
            var method = request.Method.Method;
            var path = RequestInfo.DisplayPath(request);
            var status = (int)response.StatusCode;
            var outcomeUnknown = state.MaybeApplied || (writeOutcomeUnknown && !RequestInfo.IsRead(request));
            var fullDetail = Capitalize(detail) + (outcomeUnknown ? OutcomeUnknownNote : "");
            var message = string.Format(CultureInfo.InvariantCulture, "{0} {1} answered {2}, but {3}", method, path, status, detail) +
                          (outcomeUnknown ? OutcomeUnknownNote : "");
            return new QomonApiException(scrub(message), status, method, path, Math.Max(1, state.Attempts), Title, scrub(fullDetail),
                outcomeUnknown: outcomeUnknown, innerException: inner, unexpectedResponse: true);
        }

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}

using System;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace Qomon.Client.Http
{
    /// <summary>Facts about a request that several handlers need: its route, whether a retry is safe.</summary>
    internal static class RequestInfo
    {
        private static readonly Regex NumericSegment = new Regex(@"/\d+(?=/|$)", RegexOptions.CultureInvariant);

        /// <summary>Path and query as shown to users, e.g. /contacts/123.</summary>
        public static string DisplayPath(HttpRequestMessage request) =>
            request.RequestUri == null ? "" : request.RequestUri.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;

        /// <summary>"PATCH /contacts/{id}": numeric segments folded so that costs are learned per route, not per contact.</summary>
        public static string RouteKey(HttpRequestMessage request) => request.Method.Method + " " + RouteTemplate(request);

        public static string RouteTemplate(HttpRequestMessage request)
        {
            var path = request.RequestUri == null ? "/" : request.RequestUri.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
            path = NumericSegment.Replace(path.TrimEnd('/'), "/{id}");
            return path.Length == 0 ? "/" : path;
        }

        /// <summary>
        /// Whether sending the request twice leaves the same result as sending it once. Reads are; PATCH is
        /// Qomon's full replacement, so resending the same body is safe. POST /contacts creates, so a second send
        /// could create a duplicate.
        /// </summary>
        public static bool IsIdempotent(HttpRequestMessage request)
        {
            if (CallerResends(request)) return false;
            if (IsRead(request)) return true;
            switch (request.Method.Method.ToUpperInvariant())
            {
                case "DELETE":
                case "PUT":
                case "PATCH":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Whether the request only reads: GET, HEAD, OPTIONS, and Qomon's POST /search and /kpi.</summary>
        public static bool IsRead(HttpRequestMessage request)
        {
            var method = request.Method.Method.ToUpperInvariant();
            if (method == "GET" || method == "HEAD" || method == "OPTIONS") return true;
            var route = RouteTemplate(request);
            return method == "POST" && (EndsWith(route, "/search") || EndsWith(route, "/kpi"));
        }

        private const string NoResendKey = "Qomon.CallerResends";

        /// <summary>Never resent by the retry handler, not even after a 429: the caller reads the contact again and
        /// works the body out anew before any resend (see ContactWriter).</summary>
        public static void LeaveResendToCaller(HttpRequestMessage request) => request.Properties[NoResendKey] = true;

        public static bool CallerResends(HttpRequestMessage request) => request.Properties.ContainsKey(NoResendKey);

        private static bool EndsWith(string route, string suffix) => route.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }
}

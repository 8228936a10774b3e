using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Errors;
using Qomon.Client.Http;
using Qomon.Client.Json;
using Qomon.Client.Model;

namespace Qomon.Client
{
    // The typed calls every cmdlet makes. All calls go through the connection's handler chain
    // (diagnostics, retry, budget, authentication). Non-success answers throw QomonApiException;
    // cancellation throws OperationCanceledException.
    public sealed partial class QomonClient
    {
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");
        private readonly HttpClient _http;
        private readonly string _base;
        private readonly Func<string, string> _scrub;

        internal QomonClient(HttpClient http, Uri baseUri, Func<string, string> scrub)
        {
            _http = http;
            _base = baseUri.AbsoluteUri.TrimEnd('/');
            _scrub = scrub;
        }

        /// <summary>GET /contacts/{id}; unwraps data.contact (falling back to data, then the root).</summary>
        public async Task<JsonObject> GetContactAsync(long id, CancellationToken cancellationToken)
        {
            var answer = await ExecuteAsync(HttpMethod.Get, ContactPath(id), null, cancellationToken).ConfigureAwait(false);
            return Envelope.Contact(answer.Body);
        }

        /// <summary>POST /contacts with {"data":{"contact":…}}; returns the created contact with its id.
        /// Never retried on an unknown outcome: see QomonApiException.OutcomeUnknown.</summary>
        public async Task<JsonObject> CreateContactAsync(JsonObject contact, CancellationToken cancellationToken)
        {
            var answer = await ExecuteAsync(HttpMethod.Post, "/contacts", JsonBody.ContactEnvelope(contact), cancellationToken).ConfigureAwait(false);
            return Envelope.Contact(answer.Body);
        }

        /// <summary>PATCH /contacts/{id}: a FULL replacement. Returns the contact as stored.
        /// An attempt whose answer was lost is resent with the same body (a full replacement is idempotent).</summary>
        public Task<JsonObject> ReplaceContactAsync(long id, JsonObject contact, CancellationToken cancellationToken) =>
            ReplaceContactAsync(id, contact, resendOnUnknownOutcome: true, cancellationToken);

        /// <summary>PATCH /contacts/{id}. With <paramref name="resendOnUnknownOutcome"/> false, an attempt whose answer
        /// was lost (dropped connection, timeout, 5xx) is not resent: the QomonApiException has OutcomeUnknown set so
        /// the caller can read the contact back and merge again. 429 and refused connections are still retried.</summary>
        public async Task<JsonObject> ReplaceContactAsync(long id, JsonObject contact, bool resendOnUnknownOutcome, CancellationToken cancellationToken)
        {
            var answer = await ExecuteAsync(Patch, ContactPath(id), JsonBody.ContactEnvelope(contact), cancellationToken,
                resendOnUnknownOutcome: resendOnUnknownOutcome).ConfigureAwait(false);
            return Envelope.Contact(answer.Body);
        }

        /// <summary>DELETE /contacts/{id}. A 404 on a retry after an attempt whose answer was lost counts as
        /// deleted: that lost attempt is the likeliest reason the contact is gone.</summary>
        public async Task DeleteContactAsync(long id, CancellationToken cancellationToken)
        {
            try
            {
                await ExecuteAsync(HttpMethod.Delete, ContactPath(id), null, cancellationToken).ConfigureAwait(false);
            }
            catch (QomonApiException ex) when (ex.StatusCode == 404 && ex.Attempts > 1 && ex.OutcomeUnknown)
            {
                QomonLog.Current.Verbose($"DELETE {ex.Path}: 404 after an attempt whose answer was lost; taking the contact as deleted.");
            }
        }

        /// <summary>One POST /search page. query is the two-level tree ({"$all":[…]}); page is 0-based; perPage 1..1000.</summary>
        public async Task<IReadOnlyList<JsonObject>> SearchPageAsync(JsonObject query, int page, int perPage, string? sortAttribute, bool sortAscending, CancellationToken cancellationToken)
        {
            var body = SearchBody.Page(query, page, perPage, sortAttribute, sortAscending);
            var answer = await ExecuteAsync(HttpMethod.Post, "/search", JsonBody.Of(body), cancellationToken).ConfigureAwait(false);
            return Envelope.List(answer.Body, "contacts");
        }

        /// <summary>POST /kpi: how many contacts match the query.</summary>
        public async Task<long> CountAsync(JsonObject query, CancellationToken cancellationToken)
        {
            var answer = await ExecuteAsync(HttpMethod.Post, "/kpi", JsonBody.Of(SearchBody.Count(query)), cancellationToken).ConfigureAwait(false);
            return Envelope.Total(answer.Body);
        }

        /// <summary>GET /v1/forms/type/{type}: forms of one kind with their refvalues (Kind set to type).</summary>
        public async Task<IReadOnlyList<QomonForm>> GetFormsByTypeAsync(string type, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(type)) throw new ArgumentException("A form type is required.", nameof(type));
            var answer = await ExecuteAsync(HttpMethod.Get, "/v1/forms/type/" + Uri.EscapeDataString(type), null, cancellationToken).ConfigureAwait(false);
            return FormParser.List(answer.Body, type);
        }

        /// <summary>GET /forms/{id}.</summary>
        public async Task<QomonForm> GetFormAsync(long id, CancellationToken cancellationToken)
        {
            var answer = await ExecuteAsync(HttpMethod.Get, "/forms/" + id.ToString(CultureInfo.InvariantCulture), null, cancellationToken).ConfigureAwait(false);
            return FormParser.Single(answer.Body, "");
        }

        /// <summary>Any request (Invoke-QomonRequest): path relative to the base URI, optional JSON body. Returns the parsed body (null when empty).</summary>
        public async Task<QomonRawResponse> SendAsync(HttpMethod method, string relativePath, JsonNode? body, CancellationToken cancellationToken)
        {
            if (method == null) throw new ArgumentNullException(nameof(method));
            var answer = await ExecuteAsync(method, relativePath, body == null ? null : JsonBody.Of(body), cancellationToken, lenientBody: true).ConfigureAwait(false);
            return new QomonRawResponse { StatusCode = answer.StatusCode, Body = answer.Body, Headers = answer.Headers };
        }

        private static string ContactPath(long id) => "/contacts/" + id.ToString(CultureInfo.InvariantCulture);

        internal Uri BuildUri(string relativePath)
        {
            if (relativePath == null) throw new ArgumentNullException(nameof(relativePath));
            if (Uri.TryCreate(relativePath, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            {
                // The key must only ever go to the connection's own host.
                if (!absolute.AbsoluteUri.StartsWith(_base + "/", StringComparison.OrdinalIgnoreCase) && absolute.AbsoluteUri.TrimEnd('/') != _base)
                    throw new ArgumentException($"'{relativePath}' is not under the connection's base URI {_base}; give a path such as /contacts/123.", nameof(relativePath));
                return absolute;
            }
            return new Uri(_base + "/" + relativePath.TrimStart('/'));
        }

        private async Task<Answer> ExecuteAsync(HttpMethod method, string relativePath, HttpContent? body, CancellationToken cancellationToken,
            bool lenientBody = false, bool resendOnUnknownOutcome = true)
        {
            using (var request = new HttpRequestMessage(method, BuildUri(relativePath)))
            {
                if (!resendOnUnknownOutcome) RequestInfo.ForbidResendOnUnknownOutcome(request);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Content = body;

                using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false))
                {
                    var text = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                        throw ErrorFactory.FromResponse(request, response, text, _scrub);

                    var answer = new Answer { StatusCode = (int)response.StatusCode };
                    RequestCloner.CopyHeaders(response.Headers, answer.Headers);
                    if (response.Content != null) RequestCloner.CopyHeaders(response.Content.Headers, answer.Headers);
                    answer.Body = Parse(text, request, response, lenientBody);
                    return answer;
                }
            }
        }

        private JsonNode? Parse(string text, HttpRequestMessage request, HttpResponseMessage response, bool lenient)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException ex)
            {
                if (lenient) return JsonValue.Create(text);
                var path = RequestInfo.DisplayPath(request);
                throw new QomonApiException(_scrub($"{request.Method.Method} {path} answered {(int)response.StatusCode} with a body that is not JSON: {ex.Message}"),
                    (int)response.StatusCode, request.Method.Method, path, Math.Max(1, CallState.For(request).Attempts), title: "Invalid JSON", innerException: ex);
            }
        }

        private sealed class Answer
        {
            public int StatusCode;
            public JsonNode? Body;
            public IDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }
    }

    public sealed class QomonRawResponse
    {
        public int StatusCode { get; set; }
        public JsonNode? Body { get; set; }
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }
}

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
using Qomon.Client.Diagnostics;
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

        /// <summary>GET /contacts/{id}: the contact, checked by ContactBaseCheck before anything can be built on it
        /// (one object, the id asked for, its answer lists). Any other answer throws QomonApiException with
        /// IsUnexpectedResponse set.</summary>
        public Task<JsonObject> GetContactAsync(long id, CancellationToken cancellationToken) =>
            CallAsync(HttpMethod.Get, ContactPath(id), null, TheContact(id), cancellationToken);

        /// <summary>POST /contacts with {"data":{"contact":…}}; returns the created contact with its id.
        /// Never retried on an unknown outcome: see QomonApiException.OutcomeUnknown. An answer that does not carry
        /// the new contact's id leaves the outcome unknown (OutcomeUnknown and IsUnexpectedResponse).</summary>
        public Task<JsonObject> CreateContactAsync(JsonObject contact, CancellationToken cancellationToken) =>
            CallAsync(HttpMethod.Post, "/contacts", JsonBody.ContactEnvelope(contact),
                new Expectation<JsonObject>("the created contact", ContactBaseCheck.TryCreated),
                cancellationToken);

        /// <summary>PATCH /contacts/{id}: a FULL replacement. Returns the contact as stored.
        /// An attempt whose answer was lost is resent with the same body (a full replacement is idempotent).</summary>
        public Task<JsonObject> ReplaceContactAsync(long id, JsonObject contact, CancellationToken cancellationToken) =>
            ReplaceContactAsync(id, contact, callerResends: false, cancellationToken);

        /// <summary>PATCH /contacts/{id}. With <paramref name="callerResends"/>, one attempt only: a 429 or a refused
        /// connection (not applied) throws a QomonApiException, and an attempt whose answer was lost (dropped
        /// connection, timeout, 5xx) throws one with OutcomeUnknown set, so that the caller reads the contact again and
        /// merges again before any resend. An answer that is not the contact (ContactBaseCheck) is an unknown outcome too.</summary>
        public Task<JsonObject> ReplaceContactAsync(long id, JsonObject contact, bool callerResends, CancellationToken cancellationToken) =>
            CallAsync(Patch, ContactPath(id), JsonBody.ContactEnvelope(contact), TheContact(id), cancellationToken, callerResends);

        /// <summary>POST /contacts/upsert with {"kind":"contact","data":{…}}: Qomon answers 202 with an empty body and applies
        /// the record about 2 s later, or drops it without a word, so only a read can tell. Resent only when it surely
        /// was not processed (429, a refused connection): upsert adds notes, tags and free-text answers, so a resend
        /// after a lost answer could add them twice; that throws with OutcomeUnknown set, and the caller verifies by reading.</summary>
        public async Task UpsertContactAsync(JsonObject envelope, CancellationToken cancellationToken)
        {
            if (envelope == null) throw new ArgumentNullException(nameof(envelope));
            await ExecuteAsync(HttpMethod.Post, "/contacts/upsert", JsonBody.Of(envelope), cancellationToken, lenientBody: true).ConfigureAwait(false);
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

        /// <summary>One POST /search page. query is the two-level tree ({"$all":[…]}); page is 0-based; perPage 1..1000.
        /// A page whose contacts are not all objects with an id fails whole (IsUnexpectedResponse): skipping one
        /// would hide it from the caller.</summary>
        public Task<IReadOnlyList<JsonObject>> SearchPageAsync(JsonObject query, int page, int perPage, string? sortAttribute, bool sortAscending, CancellationToken cancellationToken)
        {
            var body = SearchBody.Page(query, page, perPage, sortAttribute, sortAscending);
            return CallAsync(HttpMethod.Post, "/search", JsonBody.Of(body),
                new Expectation<IReadOnlyList<JsonObject>>("a page of contacts", ContactPage.TryRead),
                cancellationToken);
        }

        /// <summary>POST /kpi: how many contacts match the query.</summary>
        public Task<long> CountAsync(JsonObject query, CancellationToken cancellationToken) =>
            CallAsync(HttpMethod.Post, "/kpi", JsonBody.Of(SearchBody.Count(query)),
                new Expectation<long>("a count", Envelope.TryTotal), cancellationToken);

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

        private static Expectation<JsonObject> TheContact(long id) =>
            new Expectation<JsonObject>("the contact asked for", (JsonNode? body, out JsonObject contact, out string problem) => ContactBaseCheck.TryContact(body, id, out contact, out problem));

        // A call whose answer must hold what expectation reads from it; anything else throws UnexpectedResponse
        // while the request and response are still at hand to name it.
        private async Task<T> CallAsync<T>(HttpMethod method, string relativePath, HttpContent? body, Expectation<T> expectation,
            CancellationToken cancellationToken, bool callerResends = false)
        {
            var result = default(T)!;
            await ExecuteAsync(method, relativePath, body, cancellationToken, callerResends: callerResends,
                check: (request, response, parsed) =>
                {
                    if (!expectation.TryRead(parsed, out result, out var problem))
                        throw UnexpectedResponse.BadBody(request, response, expectation.What, problem, _scrub);
                }).ConfigureAwait(false);
            return result;
        }

        private async Task<Answer> ExecuteAsync(HttpMethod method, string relativePath, HttpContent? body, CancellationToken cancellationToken,
            bool lenientBody = false, bool callerResends = false, Action<HttpRequestMessage, HttpResponseMessage, JsonNode?>? check = null)
        {
            using (var request = new HttpRequestMessage(method, BuildUri(relativePath)))
            {
                if (callerResends) RequestInfo.LeaveResendToCaller(request);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Content = body;

                using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false))
                {
                    var text = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if ((int)response.StatusCode >= 300 && (int)response.StatusCode < 400)
                        throw UnexpectedResponse.Redirect(request, response, _scrub);
                    if (!response.IsSuccessStatusCode)
                        throw ErrorFactory.FromResponse(request, response, text, _scrub);

                    var answer = new Answer { StatusCode = (int)response.StatusCode };
                    RequestCloner.CopyHeaders(response.Headers, answer.Headers);
                    if (response.Content != null) RequestCloner.CopyHeaders(response.Content.Headers, answer.Headers);
                    answer.Body = Parse(text, request, response, lenientBody);
                    check?.Invoke(request, response, answer.Body);
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
                throw UnexpectedResponse.NotJson(request, response, text, ex, _scrub);
            }
        }

        private delegate bool BodyReader<T>(JsonNode? body, out T value, out string problem);

        private sealed class Expectation<T>
        {
            public Expectation(string what, BodyReader<T> tryRead)
            {
                What = what;
                TryRead = tryRead;
            }

            /// <summary>What the answer should be, for the message: "the contact asked for".</summary>
            public string What { get; }
            public BodyReader<T> TryRead { get; }
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

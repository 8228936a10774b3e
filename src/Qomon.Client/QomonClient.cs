using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Model;

namespace Qomon.Client
{
    // CONTRACT (to be implemented by the client-core work): the typed calls every cmdlet makes.
    // All calls go through the connection's handler chain (auth, diagnostics, budget, retry).
    // Non-success answers throw QomonApiException; cancellation throws OperationCanceledException.
    public sealed partial class QomonClient
    {
        /// <summary>GET /contacts/{id}; unwraps data.contact (falling back to data, then the root).</summary>
        public Task<JsonObject> GetContactAsync(long id, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>POST /contacts with {"data":{"contact":…}}; returns the created contact with its id.</summary>
        public Task<JsonObject> CreateContactAsync(JsonObject contact, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>PATCH /contacts/{id}: a FULL replacement. Returns the contact as stored.</summary>
        public Task<JsonObject> ReplaceContactAsync(long id, JsonObject contact, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>DELETE /contacts/{id}.</summary>
        public Task DeleteContactAsync(long id, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>One POST /search page. query is the two-level tree ({"$all":[…]}); page is 0-based; perPage 1..1000.</summary>
        public Task<IReadOnlyList<JsonObject>> SearchPageAsync(JsonObject query, int page, int perPage, string? sortAttribute, bool sortAscending, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>POST /kpi: how many contacts match the query.</summary>
        public Task<long> CountAsync(JsonObject query, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>GET /v1/forms/type/{type}: forms of one kind with their refvalues (Kind set to type).</summary>
        public Task<IReadOnlyList<QomonForm>> GetFormsByTypeAsync(string type, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>GET /forms/{id}.</summary>
        public Task<QomonForm> GetFormAsync(long id, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>Any request (Invoke-QomonRequest): path relative to the base URI, optional JSON body. Returns the parsed body (null when empty).</summary>
        public Task<QomonRawResponse> SendAsync(HttpMethod method, string relativePath, JsonNode? body, CancellationToken cancellationToken) => throw new NotImplementedException();
    }

    public sealed class QomonRawResponse
    {
        public int StatusCode { get; set; }
        public JsonNode? Body { get; set; }
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }
}

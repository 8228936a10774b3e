using System.Collections.Concurrent;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;

namespace Qomon.Client.Tests.Writing
{
    /// <summary>What the network does to one request on its way to the emulator and back.</summary>
    public enum NetworkFault
    {
        /// <summary>The request reaches the server and is applied; its answer is lost.</summary>
        LoseAnswerAfterApplying,
        /// <summary>The connection drops before the server sees the request.</summary>
        LoseBeforeArriving,
        /// <summary>The server refuses the request with 429 (no Retry-After) before processing it.</summary>
        Throttle,
        /// <summary>The connection is refused: the request provably never left.</summary>
        RefuseConnection,
    }

    /// <summary>
    /// The real network to the emulator, with faults a test scripts per method (lost answers) and a rewriter for
    /// PATCH answers (a server that stores something other than what was sent).
    /// </summary>
    public sealed class TamperingTransport : DelegatingHandler
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<NetworkFault>> _faults = new();

        public TamperingTransport() : base(new HttpClientHandler()) { }

        /// <summary>Runs when a fault strikes, before the caller sees it: another user's edit, made while the caller waits to resend.</summary>
        public Func<Task>? DuringFault { get; set; }

        /// <summary>Rewrites data.contact of each PATCH answer.</summary>
        public Action<JsonObject>? RewritePatchAnswer { get; set; }

        public TamperingTransport Then(string method, NetworkFault fault)
        {
            _faults.GetOrAdd(method, _ => new ConcurrentQueue<NetworkFault>()).Enqueue(fault);
            return this;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var fault = _faults.TryGetValue(request.Method.Method, out var queue) && queue.TryDequeue(out var next) ? next : (NetworkFault?)null;
            if (fault != null && DuringFault != null) await DuringFault();
            if (fault == NetworkFault.LoseBeforeArriving) throw new HttpRequestException("The connection was reset (test).");
            if (fault == NetworkFault.RefuseConnection)
                throw new HttpRequestException("Connection refused (test).", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
            if (fault == NetworkFault.Throttle)
                return new HttpResponseMessage((System.Net.HttpStatusCode)429) { Content = new StringContent("{\"message\":\"Too Many Requests\"}", Encoding.UTF8, "application/json") };
            var response = await base.SendAsync(request, cancellationToken);
            if (fault == NetworkFault.LoseAnswerAfterApplying)
            {
                response.Dispose();
                throw new HttpRequestException("The answer was lost (test).");
            }
            if (RewritePatchAnswer == null || request.Method.Method != "PATCH" || !response.IsSuccessStatusCode) return response;
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            var data = body["data"]!.AsObject();
            RewritePatchAnswer(data["contact"] as JsonObject ?? data);
            var rewritten = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            foreach (var header in response.Headers) rewritten.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Dispose();
            return rewritten;
        }
    }
}

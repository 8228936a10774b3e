using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Qomon.Client.Tests.Fakes
{
    /// <summary>What the network saw: one entry per attempt, with the fake time it was sent at.</summary>
    public sealed record SentRequest(string Method, string PathAndQuery, string? Authorization, string? UserAgent, string? Body, TimeSpan SentAt);

    /// <summary>
    /// Stands in for the network. Answers come from a queue of scripted responders; when the queue is empty the
    /// fallback answers (MinimalAnswers unless set).
    /// </summary>
    public sealed class FakeTransport : HttpMessageHandler
    {
        private readonly FakeTimeProvider _clock;
        private readonly DateTimeOffset _start;
        private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();

        public FakeTransport(FakeTimeProvider clock)
        {
            _clock = clock;
            _start = clock.GetUtcNow();
        }

        public ConcurrentQueue<SentRequest> Sent { get; } = new();

        public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Fallback { get; set; } = MinimalAnswers.Answer;

        public FakeTransport Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
        {
            _script.Enqueue(responder);
            return this;
        }

        public FakeTransport Then(Func<HttpResponseMessage> response) => Then((_, _) => Task.FromResult(response()));

        public FakeTransport ThenStatus(int status, string? body = null, Action<HttpResponseMessage>? headers = null) =>
            Then(() =>
            {
                var r = Json((HttpStatusCode)status, body ?? "");
                headers?.Invoke(r);
                return r;
            });

        public FakeTransport ThenThrow(Exception ex) => Then((_, _) => Task.FromException<HttpResponseMessage>(ex));

        /// <summary>Never answers: only the attempt's cancellation (timeout) ends it.</summary>
        public FakeTransport ThenHang() => Then(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

        public static HttpResponseMessage Json(HttpStatusCode status, string body)
        {
            var response = new HttpResponseMessage(status);
            if (body.Length > 0)
                response.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return response;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Sent.Enqueue(new SentRequest(request.Method.Method, request.RequestUri!.PathAndQuery,
                request.Headers.Authorization?.ToString(), request.Headers.UserAgent.ToString(), body, _clock.GetUtcNow() - _start));
            var responder = _script.TryDequeue(out var next) ? next : Fallback;
            var response = await responder(request, cancellationToken);
            response.RequestMessage = request;
            return response;
        }
    }
}

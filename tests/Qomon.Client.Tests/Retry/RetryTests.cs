using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Retry
{
    public class RetryTests
    {
        internal const string ContactBody = "{\"status\":\"success\",\"data\":{\"contact\":{\"id\":7,\"firstname\":\"Ada\",\"formdatas\":[],\"custom_fields\":[]}}}";

        private static Task<JsonObject> Get(TestConnection t) => t.Drive(t.Client.GetContactAsync(7, CancellationToken.None));

        [Theory]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public async Task RetriableStatusesAreRetried(int status)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(status).ThenStatus(200, ContactBody);

            var contact = await Get(t);

            Assert.Equal("Ada", (string?)contact["firstname"]);
            Assert.Equal(2, t.Sent.Count);
            Assert.Equal(1, t.Connection.Counters.Retries);
            Assert.Equal(2, t.Connection.Counters.Requests);
            Assert.Equal(0, t.Connection.Counters.Failures);
        }

        [Fact]
        public async Task AConnectionFailureOfAReadIsRetried()
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(new HttpRequestException("connection reset", new IOException("reset by peer"))).ThenStatus(200, ContactBody);

            await Get(t);

            Assert.Equal(2, t.Sent.Count);
        }

        [Fact]
        public async Task AnAttemptThatTimesOutIsRetried()
        {
            using var t = new TestConnection(s => s.Timeout = TimeSpan.FromSeconds(10));
            t.Transport.ThenHang().ThenStatus(200, ContactBody);

            await t.Drive(t.Client.GetContactAsync(7, CancellationToken.None), TimeSpan.FromMilliseconds(500));

            var sent = t.Sent;
            Assert.Equal(2, sent.Count);
            Assert.True(sent[1].SentAt >= TimeSpan.FromSeconds(10), $"second attempt at {sent[1].SentAt}");
            Assert.Contains(t.Log.Verbose, l => l.Contains("no answer within 10 s"));
        }

        [Fact]
        public async Task RetryAfterInSecondsIsObeyedAndALongWaitWarns()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(429, "", r => r.Headers.TryAddWithoutValidation("Retry-After", "7")).ThenStatus(200, ContactBody);

            await Get(t);

            var sent = t.Sent;
            Assert.True(sent[1].SentAt >= TimeSpan.FromSeconds(7), $"retried at {sent[1].SentAt}");
            Assert.True(sent[1].SentAt < TimeSpan.FromSeconds(8));
            Assert.Contains(t.Log.Warnings, w => w.Contains("retry 1 of 5 in 7.0 s"));
            Assert.True(t.Connection.Counters.RetryWait >= TimeSpan.FromSeconds(7));
            Assert.Equal(1, t.Connection.Counters.Throttled);
        }

        [Fact]
        public async Task RetryAfterAsAnHttpDateIsObeyed()
        {
            using var t = new TestConnection();
            var at = TestConnection.Start.AddSeconds(4);
            t.Transport.ThenStatus(503, "", r => r.Headers.TryAddWithoutValidation("Retry-After", at.ToString("R"))).ThenStatus(200, ContactBody);

            await Get(t);

            var sent = t.Sent;
            Assert.True(sent[1].SentAt >= TimeSpan.FromSeconds(4), $"retried at {sent[1].SentAt}");
            Assert.True(sent[1].SentAt < TimeSpan.FromSeconds(5));
            Assert.Empty(t.Log.Warnings);
        }

        [Fact]
        public async Task WithoutRetryAfterTheBackoffIsExponentialWithJitter()
        {
            using var t = new TestConnection(s => s.Random = () => 0.0);
            t.Transport.ThenStatus(503).ThenStatus(503).ThenStatus(503).ThenStatus(200, ContactBody);

            await t.Drive(t.Client.GetContactAsync(7, CancellationToken.None), TimeSpan.FromMilliseconds(10));

            var sent = t.Sent;
            // jitter 0 → half of 0.5 s, 1 s, 2 s
            AssertGap(sent, 1, 0.25);
            AssertGap(sent, 2, 0.5);
            AssertGap(sent, 3, 1.0);
        }

        [Theory]
        [InlineData(1, 0.0, 0.25)]
        [InlineData(1, 0.999999, 0.5)]
        [InlineData(3, 0.5, 1.5)]
        [InlineData(20, 0.0, 15)]
        [InlineData(20, 0.999999, 30)]
        public void BackoffDelays(int retry, double random, double seconds) =>
            Assert.Equal(seconds, Qomon.Client.Retry.Backoff.Delay(retry, random).TotalSeconds, 3);

        private static void AssertGap(List<SentRequest> sent, int index, double seconds)
        {
            var gap = sent[index].SentAt - sent[index - 1].SentAt;
            Assert.True(gap >= TimeSpan.FromSeconds(seconds), $"retry {index} after {gap}, expected {seconds} s");
            Assert.True(gap < TimeSpan.FromSeconds(seconds + 0.2), $"retry {index} after {gap}, expected {seconds} s");
        }

        [Fact]
        public async Task GivesUpAfterMaxAttempts()
        {
            using var t = new TestConnection(s => s.MaxAttempts = 3);
            t.Transport.Fallback = (_, _) => Task.FromResult(FakeTransport.Json(HttpStatusCode.ServiceUnavailable, ""));

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => Get(t));

            Assert.Equal(503, ex.StatusCode);
            Assert.Equal(3, ex.Attempts);
            Assert.Equal(3, t.Sent.Count);
            Assert.Contains("gave up after 3 attempts", ex.Message);
            Assert.False(ex.OutcomeUnknown); // a read
            Assert.Equal(1, t.Connection.Counters.Failures);
        }

        [Fact]
        public async Task GivesUpWhenTheNextWaitWouldPassTheTimeLimit()
        {
            using var t = new TestConnection(s => s.RetryTimeLimit = TimeSpan.FromSeconds(5));
            t.Transport.Fallback = (_, _) =>
            {
                var r = FakeTransport.Json((HttpStatusCode)429, "");
                r.Headers.TryAddWithoutValidation("Retry-After", "10");
                return Task.FromResult(r);
            };

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => Get(t));

            Assert.Equal(429, ex.StatusCode);
            Assert.True(ex.IsThrottled);
            Assert.Equal(1, ex.Attempts);
            Assert.Equal(TimeSpan.FromSeconds(10), ex.RetryAfter);
            Assert.Single(t.Sent);
        }

        [Fact]
        public async Task AConnectionFailureGivenUpIsATransportFailure()
        {
            using var t = new TestConnection(s => s.MaxAttempts = 2);
            t.Transport.Fallback = (_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("connection reset"));

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => Get(t));

            Assert.True(ex.IsTransportFailure);
            Assert.Equal(0, ex.StatusCode);
            Assert.Equal(2, ex.Attempts);
            Assert.StartsWith("GET /contacts/7 failed: connection failure", ex.Message);
        }

        [Fact]
        public async Task ACreateWhoseConnectionDroppedIsNotRetriedAndReportsAnUnknownOutcome()
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(new HttpRequestException("The response ended prematurely.", new IOException("reset")));

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.CreateContactAsync(new JsonObject { ["firstname"] = "Ada" }, CancellationToken.None)));

            Assert.Single(t.Sent);
            Assert.True(ex.IsTransportFailure);
            Assert.True(ex.OutcomeUnknown);
            Assert.Equal(1, ex.Attempts);
            Assert.Equal("POST", ex.Method);
            Assert.Equal("/contacts", ex.Path);
            Assert.Contains("read it back", ex.Message);
        }

        [Fact]
        public async Task ACreateThatTimedOutIsNotRetried()
        {
            using var t = new TestConnection(s => s.Timeout = TimeSpan.FromSeconds(5));
            t.Transport.ThenHang().ThenStatus(200, ContactBody);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.CreateContactAsync(new JsonObject(), CancellationToken.None), TimeSpan.FromMilliseconds(500)));

            Assert.Single(t.Sent);
            Assert.True(ex.OutcomeUnknown);
            Assert.Equal("Timeout", ex.Title);
        }

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public async Task ACreateAnsweredWithAServerErrorIsNotRetried(int status)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(status).ThenStatus(200, ContactBody);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.CreateContactAsync(new JsonObject(), CancellationToken.None)));

            Assert.Single(t.Sent);
            Assert.Equal(status, ex.StatusCode);
            Assert.True(ex.OutcomeUnknown);
        }

        [Fact]
        public async Task ACreateAnswered429IsRetriedBecauseItWasNotProcessed()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(429).ThenStatus(200, ContactBody);

            var created = await t.Drive(t.Client.CreateContactAsync(new JsonObject { ["firstname"] = "Ada" }, CancellationToken.None));

            Assert.Equal(7, (long)created["id"]!);
            Assert.Equal(2, t.Sent.Count);
        }

        [Fact]
        public async Task ACreateWhoseConnectionWasRefusedIsRetriedBecauseNothingWasSent()
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))).ThenStatus(200, ContactBody);

            await t.Drive(t.Client.CreateContactAsync(new JsonObject(), CancellationToken.None));

            Assert.Equal(2, t.Sent.Count);
        }

        [Fact]
        public async Task AReplaceIsRetriedWithTheSameBody()
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(new HttpRequestException("reset")).ThenStatus(200, ContactBody);

            await t.Drive(t.Client.ReplaceContactAsync(7, new JsonObject { ["firstname"] = "Ada", ["x_unknown"] = 1 }, CancellationToken.None));

            var sent = t.Sent;
            Assert.Equal(2, sent.Count);
            Assert.Equal("PATCH", sent[1].Method);
            Assert.Equal(sent[0].Body, sent[1].Body);
            Assert.Equal("{\"data\":{\"contact\":{\"firstname\":\"Ada\",\"x_unknown\":1}}}", sent[1].Body);
        }

        [Fact]
        public async Task SearchIsRetriedOnAGatewayError()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(502).ThenStatus(200, "{\"status\":\"success\",\"data\":{\"contacts\":[{\"id\":1}]}}");

            var page = await t.Drive(t.Client.SearchPageAsync(new JsonObject { ["$all"] = new JsonArray() }, 0, 10, null, true, CancellationToken.None));

            Assert.Single(page);
            Assert.Equal(2, t.Sent.Count);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(409)]
        [InlineData(422)]
        [InlineData(501)]
        public async Task OtherErrorsAreNotRetried(int status)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(status).ThenStatus(200, ContactBody);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => Get(t));

            Assert.Equal(status, ex.StatusCode);
            Assert.Single(t.Sent);
            Assert.Equal(1, ex.Attempts);
        }

        [Fact]
        public async Task ABackoffWaitIsCancellable()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(503, "", r => r.Headers.TryAddWithoutValidation("Retry-After", "30"));
            using var cts = new CancellationTokenSource();

            var call = t.Client.GetContactAsync(7, cts.Token);
            await ClockDriver.Settle();
            Assert.Single(t.Sent);
            Assert.False(call.IsCompleted);

            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.Single(t.Sent);
        }

        [Fact]
        public async Task EachRetryIsLoggedAsVerbose()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(503).ThenStatus(502).ThenStatus(200, ContactBody);

            await Get(t);

            Assert.Equal(2, t.Log.Verbose.Count(l => l.Contains("GET /contacts/7 -> 50") && l.Contains("retry")));
            Assert.Contains(t.Log.Verbose, l => l.StartsWith("GET /contacts/7 -> 200 in") && l.Contains("3 attempts"));
        }

        [Fact]
        public async Task ADeleteWhoseFirstAnswerWasLostAndThenGives404CountsAsDeleted()
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(new HttpRequestException("reset")).ThenStatus(404);

            await t.Drive(t.Client.DeleteContactAsync(7, CancellationToken.None));

            Assert.Equal(2, t.Sent.Count);
        }

        [Fact]
        public async Task ADeleteOfAMissingContactIsNotFound()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(404);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.DeleteContactAsync(7, CancellationToken.None)));

            Assert.True(ex.IsNotFound);
            Assert.False(ex.OutcomeUnknown);
        }

        [Fact]
        public async Task CancellingARequestOnTheWireIsACancellationNotAnError()
        {
            using var t = new TestConnection();
            t.Transport.ThenHang();
            using var cts = new CancellationTokenSource();

            var call = t.Client.ReplaceContactAsync(7, new JsonObject(), cts.Token);
            await ClockDriver.Settle();
            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.Single(t.Sent);
            Assert.Equal(0, t.Connection.Counters.Retries);
            Assert.Equal(0, t.Connection.Counters.Failures);
        }

        [Fact]
        public async Task ATransportErrorRaisedByCancellationIsStillACancellation()
        {
            using var t = new TestConnection();
            using var cts = new CancellationTokenSource();
            t.Transport.Then((_, _) =>
            {
                cts.Cancel();
                return Task.FromException<HttpResponseMessage>(new HttpRequestException("The request was aborted: The request was canceled."));
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Client.GetContactAsync(7, cts.Token));
            Assert.Single(t.Sent);
        }

        [Fact]
        public async Task AReplaceThatMustNotBeResentBlindlyReportsTheUnknownOutcome()
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(new HttpRequestException("reset")).ThenStatus(200, ContactBody);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.ReplaceContactAsync(7, new JsonObject(), callerResends: true, CancellationToken.None)));

            Assert.True(ex.OutcomeUnknown);
            Assert.Single(t.Sent);
        }

        // The writer reads the contact again before any resend: a body resent as it was after the wait would carry the
        // contact as read before it, and undo what another user wrote meanwhile.
        [Theory]
        [InlineData(429)]
        [InlineData(0)]
        public async Task APatchWhoseCallerResendsIsNeverResentByTheHandlerNotEvenAfterA429OrARefusedConnection(int status)
        {
            using var t = new TestConnection();
            if (status == 0) t.Transport.ThenThrow(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)));
            else t.Transport.ThenStatus(status);
            t.Transport.ThenStatus(200, ContactBody);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.ReplaceContactAsync(7, new JsonObject(), callerResends: true, CancellationToken.None)));

            Assert.Single(t.Sent);
            Assert.Equal(status, ex.StatusCode);
            Assert.False(ex.OutcomeUnknown);
        }
    }
}

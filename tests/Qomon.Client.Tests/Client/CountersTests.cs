using System.Net.Http;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Client
{
    public class CountersTests
    {
        [Fact]
        public async Task CountersTrackRequestsTokensThrottlingRetriesAndFailures()
        {
            using var t = new TestConnection();
            t.Transport
                .ThenStatus(200, MinimalAnswers.Contact(1), r => r.Headers.TryAddWithoutValidation("x-ratelimit-cost", "3")) // charged by header
                .ThenStatus(200, "{}")                                                                   // charged by estimate (1)
                .ThenStatus(429)                                                                         // throttled, not charged
                .ThenStatus(200, "{}")                                                                   // its retry
                .ThenStatus(404);                                                                        // a failure

            await t.Drive(t.Client.GetContactAsync(1, CancellationToken.None));
            await t.Drive(t.Client.GetFormAsync(1, CancellationToken.None));
            await t.Drive(t.Client.GetFormAsync(2, CancellationToken.None));
            await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetContactAsync(2, CancellationToken.None)));

            var c = t.Connection.Counters;
            Assert.Equal(5, c.Requests);
            // 3 (header) + 1 (estimate) + 0 (429) + 1 (estimate) + 3 (the 404, estimated at the cost learned for GET /contacts/{id})
            Assert.Equal(8, c.TokensSpent);
            Assert.Equal(1, c.Throttled);
            Assert.Equal(1, c.Retries);
            Assert.Equal(1, c.Failures);
        }

        [Fact]
        public async Task AnAttemptWithoutAnswerCountsItsEstimatedCost()
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(new System.Net.Http.HttpRequestException("reset")).ThenStatus(200, MinimalAnswers.Contact(1), r => r.Headers.TryAddWithoutValidation("x-ratelimit-cost", "5"));

            await t.Drive(t.Client.ReplaceContactAsync(1, new System.Text.Json.Nodes.JsonObject(), CancellationToken.None));

            Assert.Equal(10, t.Connection.Counters.TokensSpent);
            Assert.Equal(2, t.Connection.Counters.Requests);
        }

        [Fact]
        public async Task CallsCalibrateTheSharedBudget()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, MinimalAnswers.Contact(1), r =>
            {
                r.Headers.TryAddWithoutValidation("x-ratelimit-limit", "burst:100;rate:500.0");
                r.Headers.TryAddWithoutValidation("x-ratelimit-remaining", "60");
                r.Headers.TryAddWithoutValidation("x-ratelimit-cost", "2");
            });

            await t.Drive(t.Client.ReplaceContactAsync(1, new System.Text.Json.Nodes.JsonObject(), CancellationToken.None));

            var b = t.Connection.Budget;
            Assert.Equal(100, b.Burst);
            Assert.Equal(500, b.RatePerSecond);
            Assert.Equal(60, b.Available, 6);
            Assert.Equal(2, b.Costs.Estimate("PATCH /contacts/{id}"));
            Assert.Equal(2, t.Connection.Counters.TokensSpent);
        }

        [Fact]
        public async Task WritesThroughTheClientArePacedByTheBudget()
        {
            using var t = new TestConnection();

            async Task<int> Writes()
            {
                for (var i = 0; i < 30; i++)
                    await t.Client.ReplaceContactAsync(i + 1, new System.Text.Json.Nodes.JsonObject(), CancellationToken.None);
                return 0;
            }

            // Time moves only while a write waits for tokens, so the pace measured is the budget's, not the machine's load.
            await t.Clock.Drive(Writes(), TimeSpan.FromMilliseconds(10), null, () => t.Connection.Budget.Waiting > 0);

            var sent = t.Sent;
            Assert.Equal(30, sent.Count);
            Assert.All(sent.Take(20), s => Assert.Equal(TimeSpan.Zero, s.SentAt));
            for (var i = 20; i < 30; i++)
                Assert.True(sent[i].SentAt >= TimeSpan.FromSeconds((i - 19) * 0.5), $"write {i + 1} at {sent[i].SentAt}");
            Assert.True(sent[29].SentAt <= TimeSpan.FromSeconds(5.5));
            Assert.Equal(0, t.Connection.Counters.Throttled);
            Assert.True(t.Connection.Budget.TotalWait >= TimeSpan.FromSeconds(5));
        }
    }
}

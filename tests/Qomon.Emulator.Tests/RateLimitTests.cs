using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Qomon.Emulator.RateLimiting;
using Qomon.Emulator.Settings;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>The per-key token bucket, its headers and its 429s; time moves only through FakeTimeProvider.</summary>
    public class RateLimitTests
    {
        private static Task<EmulatorHost> StartAsync(int burst = 100, double rate = 10, RetryAfterStyle retryAfter = RetryAfterStyle.Seconds) =>
            EmulatorHost.StartAsync(s => s with { Burst = burst, Rate = rate, RetryAfter = retryAfter });

        [Fact]
        public async Task Every_api_response_carries_the_three_headers()
        {
            await using var host = await StartAsync();
            var replies = new[]
            {
                await host.GetAsync($"/contacts/{host.FirstId}"),
                await host.GetAsync("/contacts/1"),
                await host.PostAsync("/search", SearchBody(null, perPage: 0)),
                await host.GetAsync("/nowhere"),
                await host.GetAsync($"/contacts/{host.FirstId}", key: null),
            };
            foreach (var reply in replies)
            {
                Assert.Equal("burst:100;rate:10.0", reply.Header("x-ratelimit-limit"));
                Assert.NotNull(reply.Header("x-ratelimit-cost"));
                Assert.NotNull(reply.Header("x-ratelimit-remaining"));
            }
            Assert.Equal("0", replies[^1].Header("x-ratelimit-cost"));
        }

        [Fact]
        public async Task The_limit_header_shows_the_actual_settings()
        {
            await using var host = await StartAsync(burst: 20, rate: 2.5);
            Assert.Equal("burst:20;rate:2.5", (await host.GetAsync($"/contacts/{host.FirstId}")).Header("x-ratelimit-limit"));
        }

        [Fact]
        public async Task Sync_writes_cost_five_and_everything_else_one()
        {
            await using var host = await StartAsync();
            var id = host.FirstId;
            var calls = new (Func<Task<Reply>> Call, int Cost)[]
            {
                (() => host.GetAsync($"/contacts/{id}"), 1),
                (() => host.PostAsync("/contacts", Contact(new JsonObject { ["firstname"] = "New" })), 5),
                (() => host.PatchAsync($"/contacts/{id}", Contact(new JsonObject { ["firstname"] = "Changed" })), 5),
                (() => host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 1000)), 1),
                (() => host.PostAsync("/kpi", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: null)), 1),
                (() => host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = id })), 1),
                (() => host.GetAsync("/v1/forms/type/consent"), 1),
                (() => host.GetAsync("/forms/47566"), 1),
                (() => host.DeleteAsync($"/contacts/{id}"), 1),
            };
            var remaining = 100;
            foreach (var (call, cost) in calls)
            {
                var reply = await call();
                remaining -= cost;
                Assert.Equal(cost.ToString(CultureInfo.InvariantCulture), reply.Header("x-ratelimit-cost"));
                Assert.Equal(remaining.ToString(CultureInfo.InvariantCulture), reply.Header("x-ratelimit-remaining"));
            }
            Assert.Equal(100 - remaining, (long)(await host.GetAsync("/_emulator/stats", null)).Body!["tokensSpent"]!);
        }

        [Fact]
        public async Task Costs_are_settings()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Rate = 10, CostRead = 2, CostWrite = 7, CostUpsert = 3 });
            Assert.Equal("2", (await host.GetAsync($"/contacts/{host.FirstId}")).Header("x-ratelimit-cost"));
            Assert.Equal("7", (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject()))).Header("x-ratelimit-cost"));
            Assert.Equal("3", (await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = host.FirstId }))).Header("x-ratelimit-cost"));
            Assert.Equal(2 + 7 + 3, (long)(await host.GetAsync("/_emulator/stats", null)).Body!["tokensSpent"]!);
        }

        [Fact]
        public async Task An_empty_bucket_answers_429_with_a_problem_and_takes_nothing()
        {
            await using var host = await StartAsync(burst: 10, rate: 2);
            for (var i = 0; i < 10; i++)
                Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/contacts/{host.FirstId}")).Status);
            var refused = await host.GetAsync($"/contacts/{host.FirstId}");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            Assert.Equal("application/problem+json", refused.ContentHeaders.ContentType?.MediaType);
            Assert.Equal(429, (int)refused.Body!["status"]!);
            Assert.Equal("0", refused.Header("x-ratelimit-cost"));
            Assert.Equal("0", refused.Header("x-ratelimit-remaining"));
            Assert.Equal("1", refused.Header("Retry-After"));
            var again = await host.GetAsync($"/contacts/{host.FirstId}");
            Assert.Equal(HttpStatusCode.TooManyRequests, again.Status);

            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            Assert.Equal(2, (long)stats["throttled"]!);
            Assert.Equal(10, (long)stats["tokensSpent"]!);
            Assert.Equal(2, (long)stats["requests"]!["GET /contacts/{id}"]!["429"]!);
        }

        [Fact]
        public async Task Retry_after_in_seconds_is_the_ceiling_of_the_wait_for_the_whole_cost()
        {
            await using var host = await StartAsync(burst: 10, rate: 2);
            for (var i = 0; i < 10; i++) await host.GetAsync($"/contacts/{host.FirstId}");
            var refused = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject()));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            Assert.Equal("3", refused.Header("Retry-After"));

            host.Time.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal("1", (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject()))).Header("Retry-After"));
            host.Time.Advance(TimeSpan.FromSeconds(0.5));
            var admitted = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject()));
            Assert.Equal(HttpStatusCode.OK, admitted.Status);
            Assert.Equal("0", admitted.Header("x-ratelimit-remaining"));
        }

        [Fact]
        public async Task Retry_after_can_be_an_http_date()
        {
            await using var host = await StartAsync(burst: 5, rate: 1, retryAfter: RetryAfterStyle.Date);
            for (var i = 0; i < 5; i++) await host.GetAsync($"/contacts/{host.FirstId}");
            var refused = await host.GetAsync($"/contacts/{host.FirstId}");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            var when = DateTimeOffset.ParseExact(refused.Header("Retry-After")!, "R", CultureInfo.InvariantCulture);
            Assert.Equal(EmulatorHost.Start.AddSeconds(1), when);
        }

        [Fact]
        public async Task Retry_after_can_be_left_out()
        {
            await using var host = await StartAsync(burst: 5, rate: 1, retryAfter: RetryAfterStyle.None);
            for (var i = 0; i < 5; i++) await host.GetAsync($"/contacts/{host.FirstId}");
            var refused = await host.GetAsync($"/contacts/{host.FirstId}");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            Assert.Null(refused.Header("Retry-After"));
        }

        [Fact]
        public async Task The_bucket_refills_at_the_rate_up_to_the_burst()
        {
            await using var host = await StartAsync(burst: 10, rate: 2);
            for (var i = 0; i < 10; i++) await host.GetAsync($"/contacts/{host.FirstId}");
            host.Time.Advance(TimeSpan.FromSeconds(1.5));
            Assert.Equal("2", (await host.GetAsync($"/contacts/{host.FirstId}")).Header("x-ratelimit-remaining"));
            host.Time.Advance(TimeSpan.FromHours(1));
            Assert.Equal("9", (await host.GetAsync($"/contacts/{host.FirstId}")).Header("x-ratelimit-remaining"));
        }

        [Fact]
        public async Task Each_key_has_its_own_bucket()
        {
            await using var host = await StartAsync(burst: 3, rate: 1);
            for (var i = 0; i < 3; i++) await host.GetAsync($"/contacts/{host.FirstId}");
            Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync($"/contacts/{host.FirstId}")).Status);
            var other = await host.PostAsync("/kpi", SearchBody(null, perPage: null), EmulatorHost.OtherKey);
            Assert.Equal(HttpStatusCode.OK, other.Status);
            Assert.Equal("2", other.Header("x-ratelimit-remaining"));
        }

        [Fact]
        public async Task Rate_zero_turns_the_bucket_off()
        {
            await using var host = await StartAsync(burst: 2, rate: 0);
            for (var i = 0; i < 20; i++)
                Assert.Equal(HttpStatusCode.OK, (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject()))).Status);
        }

        [Fact]
        public async Task Burst_and_rate_change_at_run_time()
        {
            await using var host = await StartAsync(burst: 100, rate: 10);
            await host.PostAsync("/_emulator/config", new { burst = 4, rate = 0.5 }, null);
            var reply = await host.GetAsync($"/contacts/{host.FirstId}");
            Assert.Equal("burst:4;rate:0.5", reply.Header("x-ratelimit-limit"));
            Assert.Equal("3", reply.Header("x-ratelimit-remaining"));
        }

        [Fact]
        public void Bucket_admits_only_whole_costs_and_reports_the_wait()
        {
            var time = new FakeTimeProvider();
            var bucket = new TokenBucket(time, burst: 10, rate: 4);
            Assert.True(bucket.TryTake(8).Admitted);
            var refused = bucket.TryTake(5);
            Assert.False(refused.Admitted);
            Assert.Equal(2, refused.Remaining);
            Assert.Equal(TimeSpan.FromSeconds(0.75), refused.RetryAfter);
            time.Advance(TimeSpan.FromSeconds(0.75));
            Assert.True(bucket.TryTake(5).Admitted);
            Assert.Equal(0, bucket.Available);
            bucket.Fill();
            Assert.Equal(10, bucket.Available);
            bucket.Reconfigure(6, 1);
            Assert.Equal(6, bucket.Available);
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>Injected faults, each forced with a rate of 1; delays are driven by FakeTimeProvider.</summary>
    public class FaultTests
    {
        [Fact]
        public async Task Fault_rate_answers_5xx_problems_and_does_not_apply_the_request()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { FaultRate = 1 });
            var before = host.State.Spaces[EmulatorHost.Key].Contacts.Get(host.FirstId)!.Firstname;
            var statuses = new HashSet<int>();
            for (var i = 0; i < 30; i++)
            {
                var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Never" }));
                Assert.Contains((int)reply.Status, new[] { 500, 502, 503 });
                Assert.Equal("application/problem+json", reply.ContentHeaders.ContentType?.MediaType);
                Assert.Equal((int)reply.Status, (int)reply.Body!["status"]!);
                statuses.Add((int)reply.Status);
            }
            Assert.Equal(3, statuses.Count);
            Assert.Equal(before, host.State.Spaces[EmulatorHost.Key].Contacts.Get(host.FirstId)!.Firstname);
            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            Assert.Equal(30, (long)stats["faultsInjected"]!);
            Assert.Single(host.State.Spaces[EmulatorHost.Key].Contacts.History(host.FirstId)!);
        }

        [Fact]
        public async Task Reset_rate_drops_the_connection()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { ResetRate = 1 });
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.GetAsync($"/contacts/{host.FirstId}"));
            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            Assert.Equal(1, (long)stats["faultsInjected"]!);
            Assert.Equal(1, (long)stats["requests"]!["GET /contacts/{id}"]!["0"]!);
        }

        [Fact]
        public async Task Slow_rate_holds_the_response_for_slow_ms_then_answers_and_applies()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { SlowRate = 1, SlowMs = 30_000 });
            var pending = host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Slow" }));
            var reply = await AdvanceUntilDoneAsync(host, pending, TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("Slow", (string?)reply.Contact["firstname"]);
            Assert.Equal(1, (long)(await host.GetAsync("/_emulator/stats", null)).Body!["faultsInjected"]!);
        }

        [Fact]
        public async Task A_slow_write_still_lands_after_the_client_has_timed_out()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { SlowRate = 1, SlowMs = 60_000 });
            var id = host.FirstId;
            await TimeOutAsync(host, HttpMethod.Patch, $"/contacts/{id}", Contact(new JsonObject { ["firstname"] = "Landed" }));

            var contacts = host.State.Spaces[EmulatorHost.Key].Contacts;
            await AdvanceUntilAsync(host, () => contacts.Get(id)!.Firstname == "Landed");
            Assert.Equal("Landed", contacts.Get(id)!.Firstname);
            Assert.Equal(2, contacts.History(id)!.Count);
        }

        [Theory]
        [InlineData("seconds")]
        [InlineData("date")]
        [InlineData("none")]
        public async Task Throttle_rate_answers_429_without_taking_tokens_or_applying(string retryAfter)
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Burst = 100, Rate = 10 });
            await host.PostAsync("/_emulator/config", new { throttleRate = 1, retryAfter }, null);
            var before = host.State.Spaces[EmulatorHost.Key].Contacts.Get(host.FirstId)!.Firstname;
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Never" }));
            Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
            Assert.Equal("0", reply.Header("x-ratelimit-cost"));
            Assert.Equal("0", reply.Header("x-ratelimit-remaining"));
            switch (retryAfter)
            {
                case "seconds": Assert.Equal(TimeSpan.FromSeconds(1), reply.Headers.RetryAfter?.Delta); break;
                case "date": Assert.Equal(EmulatorHost.Start.AddSeconds(1), reply.Headers.RetryAfter?.Date); break;
                default: Assert.Null(reply.Headers.RetryAfter); break;
            }
            Assert.Equal(before, host.State.Spaces[EmulatorHost.Key].Contacts.Get(host.FirstId)!.Firstname);
            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            Assert.Equal(1, (long)stats["throttled"]!);
            Assert.Equal(1, (long)stats["faultsInjected"]!);
            Assert.Equal(0, (long)stats["tokensSpent"]!);

            await host.PostAsync("/_emulator/config", new { throttleRate = 0 }, null);
            Assert.Equal(HttpStatusCode.OK, (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Now" }))).Status);
        }

        [Fact]
        public async Task Latency_delays_every_api_request_on_the_clock()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { LatencyMs = 1500 });
            var pending = host.GetAsync($"/contacts/{host.FirstId}");
            await Task.Delay(100);
            Assert.False(pending.IsCompleted);
            var reply = await AdvanceUntilDoneAsync(host, pending, TimeSpan.FromMilliseconds(1500));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(0, (long)(await host.GetAsync("/_emulator/stats", null)).Body!["faultsInjected"]!);
        }

        [Fact]
        public async Task Faults_can_be_set_and_cleared_at_run_time()
        {
            await using var host = await EmulatorHost.StartAsync();
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/contacts/{host.FirstId}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/_emulator/config", new { faultRate = 1 }, null)).Status);
            Assert.True((int)(await host.GetAsync($"/contacts/{host.FirstId}")).Status >= 500);
            await host.PostAsync("/_emulator/config", new { faultRate = 0 }, null);
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/contacts/{host.FirstId}")).Status);
        }

        [Fact]
        public async Task The_same_random_seed_injects_the_same_faults()
        {
            async Task<string> SequenceAsync()
            {
                await using var host = await EmulatorHost.StartAsync(s => s with { FaultRate = 0.5, RandomSeed = 99 });
                var statuses = new List<int>();
                for (var i = 0; i < 25; i++) statuses.Add((int)(await host.GetAsync($"/contacts/{host.FirstId}")).Status);
                return string.Join(",", statuses);
            }
            var first = await SequenceAsync();
            Assert.Equal(first, await SequenceAsync());
            Assert.Contains("200", first);
            Assert.Contains("50", first);
        }

        [Fact]
        public async Task Faults_spare_the_control_plane_and_unauthenticated_requests()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { FaultRate = 1 });
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/_emulator/stats", null)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync($"/contacts/{host.FirstId}", null)).Status);
        }

        [Fact]
        public async Task Fault_routes_limit_the_fault_dice_to_the_routes_named()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UpsertDelayMs = 0 });
            var set = await host.PostAsync("/_emulator/config", new { faultRate = 1, faultRoutes = "POST /contacts/upsert" }, null);
            Assert.Equal(HttpStatusCode.OK, set.Status);

            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/contacts/{host.FirstId}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Patched" }))).Status);
            Assert.Contains((int)(await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = host.FirstId, ["firstname"] = "Never" }))).Status, new[] { 500, 502, 503 });

            Assert.Equal("Patched", host.State.Spaces[EmulatorHost.Key].Contacts.Get(host.FirstId)!.Firstname);
            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            Assert.Equal(1, (long)stats["faultsInjected"]!);
            Assert.Equal("POST /contacts/upsert", (string?)(await host.GetAsync("/_emulator/config", null)).Body!["faultRoutes"]);
        }

        [Fact]
        public async Task Fault_routes_with_slow_rate_lose_the_answer_of_an_upsert_that_still_applies()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UpsertDelayMs = 0, SlowRate = 1, SlowMs = 60_000, FaultRoutes = ["POST /contacts/upsert"] });
            var id = host.FirstId;
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/contacts/{id}")).Status);
            await TimeOutAsync(host, HttpMethod.Post, "/contacts/upsert", Upsert(new JsonObject { ["id"] = id, ["firstname"] = "Landed" }));

            var contacts = host.State.Spaces[EmulatorHost.Key].Contacts;
            await AdvanceUntilAsync(host, () => contacts.Get(id)!.Firstname == "Landed");
            Assert.Equal("Landed", contacts.Get(id)!.Firstname);
            Assert.Equal(1, (long)(await host.GetAsync("/_emulator/stats", null)).Body!["faultsInjected"]!);
        }

        [Theory]
        [InlineData("upsert")]
        [InlineData("post /contacts/upsert")]
        [InlineData(",")]
        public async Task Fault_routes_refuse_a_name_that_is_not_a_route(string routes)
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PostAsync("/_emulator/config", new { faultRoutes = routes }, null);
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal("all", (string?)(await host.GetAsync("/_emulator/config", null)).Body!["faultRoutes"]);
        }

        /// <summary>Sends a request from a client that gives up after 500 ms (the slow fault holds it longer).</summary>
        private static async Task TimeOutAsync(EmulatorHost host, HttpMethod method, string path, JsonObject body)
        {
            using var impatient = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };
            using var request = new HttpRequestMessage(method, path)
            {
                Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EmulatorHost.Key);
            await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.SendAsync(request));
        }

        /// <summary>Moves the fake clock a minute at a time until done says so (a held request lands asynchronously).</summary>
        private static async Task AdvanceUntilAsync(EmulatorHost host, Func<bool> done)
        {
            for (var i = 0; i < 200 && !done(); i++)
            {
                host.Time.Advance(TimeSpan.FromSeconds(60));
                await Task.Delay(50);
            }
        }

        /// <summary>Moves the fake clock in steps until the request completes (the server registers its delay asynchronously).</summary>
        private static async Task<Reply> AdvanceUntilDoneAsync(EmulatorHost host, Task<Reply> pending, TimeSpan step)
        {
            for (var i = 0; i < 200 && !pending.IsCompleted; i++)
            {
                host.Time.Advance(step);
                await Task.WhenAny(pending, Task.Delay(50));
            }
            return await pending;
        }
    }
}

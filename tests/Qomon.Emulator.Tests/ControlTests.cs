using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>The /_emulator control plane: stats, reset, config and history.</summary>
    public class ControlTests
    {
        [Fact]
        public async Task Stats_count_requests_by_route_and_status_in_the_contract_shape()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Rate = 10 });
            await host.GetAsync($"/contacts/{host.FirstId}");
            await host.GetAsync($"/contacts/{host.FirstId}");
            await host.GetAsync("/contacts/1");
            await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 5));
            await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject()));
            await host.GetAsync("/v2/nothing");

            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!.AsObject();
            Assert.Equal(["requestsTotal", "requests", "tokensSpent", "throttled", "faultsInjected", "upsertsPending", "upsertsApplied", "upsertsDropped", "badBodies", "badBodyWritesApplied", "badBodyWritesNotApplied"], stats.Select(p => p.Key));
            Assert.Equal(6, (long)stats["requestsTotal"]!);
            var requests = stats["requests"]!;
            Assert.Equal(2, (long)requests["GET /contacts/{id}"]!["200"]!);
            Assert.Equal(1, (long)requests["GET /contacts/{id}"]!["404"]!);
            Assert.Equal(1, (long)requests["POST /search"]!["200"]!);
            Assert.Equal(1, (long)requests["PATCH /contacts/{id}"]!["200"]!);
            Assert.Equal(1, (long)requests["GET (no route)"]!["404"]!);
            Assert.Equal(10, (long)stats["tokensSpent"]!);
            Assert.Equal(0, (long)stats["throttled"]!);
            Assert.Equal(0, (long)stats["faultsInjected"]!);
        }

        [Fact]
        public async Task Reset_zeroes_the_stats_reseeds_the_data_and_fills_the_buckets()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Rate = 1, Burst = 20 });
            var original = (await host.ContactAsync(host.FirstId)).ToJsonString();
            await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Changed" }));
            await host.PostAsync("/contacts", Contact(new JsonObject { ["firstname"] = "Extra" }));
            var count = host.State.Spaces[EmulatorHost.Key].Contacts.Count;

            var reset = await host.PostAsync("/_emulator/reset", null, null);
            Assert.Equal(HttpStatusCode.OK, reset.Status);
            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            Assert.Equal(0, (long)stats["requestsTotal"]!);
            Assert.Equal(0, (long)stats["tokensSpent"]!);
            Assert.Equal(count - 1, host.State.Spaces[EmulatorHost.Key].Contacts.Count);

            var reply = await host.GetAsync($"/contacts/{host.FirstId}");
            Assert.Equal(original, reply.Contact.ToJsonString());
            Assert.Equal("19", reply.Header("x-ratelimit-remaining"));
            Assert.Single((await host.GetAsync($"/_emulator/contacts/{host.FirstId}/history", null)).Body!.AsArray());
        }

        [Fact]
        public async Task Reset_keeps_settings_changed_at_run_time()
        {
            await using var host = await EmulatorHost.StartAsync();
            await host.PostAsync("/_emulator/config", new { customFieldsKey = "customfields" }, null);
            await host.PostAsync("/_emulator/reset", null, null);
            Assert.True((await host.ContactAsync(host.FirstId)).ContainsKey("customfields"));
        }

        [Fact]
        public async Task Config_shows_every_run_time_setting_in_camel_case_and_no_keys()
        {
            await using var host = await EmulatorHost.StartAsync();
            var config = (await host.GetAsync("/_emulator/config", null)).Body!.AsObject();
            foreach (var name in new[] { "burst", "rate", "costWrite", "costRead", "costUpsert", "latencyMs", "faultRate", "resetRate", "slowRate", "slowMs", "retryAfter", "customFieldsKey", "addressNumbersAsNumbers", "upsertDelayMs", "strict", "randomSeed", "seed" })
                Assert.True(config.ContainsKey(name), name);
            Assert.DoesNotContain(EmulatorHost.Key, config.ToJsonString());
            Assert.Equal("seconds", (string?)config["retryAfter"]);
        }

        [Fact]
        public async Task Config_applies_a_partial_change_and_answers_the_result()
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PostAsync("/_emulator/config", new { burst = 50, rate = 2.5, costWrite = 3, retryAfter = "date", strict = true, upsertDelayMs = 10, addressNumbersAsNumbers = true }, null);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(50, (int)reply.Body!["burst"]!);
            Assert.Equal(2.5, (double)reply.Body["rate"]!);
            Assert.Equal("date", (string?)reply.Body["retryAfter"]);
            Assert.True((bool)reply.Body["strict"]!);
            Assert.Equal(3, (int)reply.Body["costWrite"]!);
            Assert.Equal(1, (int)reply.Body["costRead"]!);
            var settings = host.State.Settings;
            Assert.Equal((50, 2.5, 3, 10, true), (settings.Burst, settings.Rate, settings.CostWrite, settings.UpsertDelayMs, settings.AddressNumbersAsNumbers));
        }

        [Fact]
        public async Task Config_refuses_unknown_start_only_and_bad_values_and_applies_nothing()
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PostAsync("/_emulator/config", new { burst = 5, colour = "red", urls = "http://x", faultRate = 2, retryAfter = "later", strict = "maybe" }, null);
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal(["colour", "urls", "faultRate", "retryAfter", "strict"], reply.Body!["errors"]!.AsArray().Select(e => (string?)e!["location"]));
            Assert.Equal(100, host.State.Settings.Burst);
            Assert.Equal(HttpStatusCode.BadRequest, (await host.PostAsync("/_emulator/config", "[]", null)).Status);
        }

        [Fact]
        public async Task History_lists_every_version_oldest_first_as_get_returns_it()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UpsertDelayMs = 0 });
            var id = host.FirstId;
            var seeded = (await host.ContactAsync(id)).ToJsonString();
            await host.PatchAsync($"/contacts/{id}", Contact(new JsonObject { ["firstname"] = "One" }));
            await host.PatchAsync($"/contacts/{id}", Contact(new JsonObject { ["firstname"] = "Two" }));
            await host.PatchAsync($"/contacts/{id}", Contact(new JsonObject { ["firstname"] = 3 }));
            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = id, ["surname"] = "Three" }));
            var current = (await host.ContactAsync(id)).ToJsonString();

            var history = (await host.GetAsync($"/_emulator/contacts/{id}/history", null)).Body!.AsArray();
            Assert.Equal(4, history.Count);
            Assert.Equal(seeded, history[0]!.ToJsonString());
            Assert.Equal(["One", "Two", "Two"], history.Skip(1).Select(v => (string?)v!["firstname"]));
            Assert.Equal(current, history[^1]!.ToJsonString());

            await host.DeleteAsync($"/contacts/{id}");
            Assert.Equal(4, (await host.GetAsync($"/_emulator/contacts/{id}/history", null)).Body!.AsArray().Count);
        }

        [Fact]
        public async Task Concurrent_writes_each_leave_a_version()
        {
            await using var host = await EmulatorHost.StartAsync();
            var id = host.FirstId;
            var writes = Enumerable.Range(0, 24).Select(i => host.PatchAsync($"/contacts/{id}", Contact(new JsonObject { ["firstname"] = $"W{i}" })));
            Assert.All(await Task.WhenAll(writes), r => Assert.Equal(HttpStatusCode.OK, r.Status));
            var history = (await host.GetAsync($"/_emulator/contacts/{id}/history", null)).Body!.AsArray();
            Assert.Equal(25, history.Count);
            Assert.Equal(24, history.Skip(1).Select(v => (string?)v!["firstname"]).Distinct().Count());
            Assert.Equal((string?)history[^1]!["firstname"], (string?)(await host.ContactAsync(id))["firstname"]);
        }

        [Fact]
        public async Task History_finds_contacts_of_any_space_and_404s_on_unknown_ids()
        {
            await using var host = await EmulatorHost.StartAsync();
            var otherId = host.State.Spaces[EmulatorHost.OtherKey].Contacts.Snapshot()[0].Id;
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/_emulator/contacts/{otherId}/history", null)).Status);
            var missing = await host.GetAsync("/_emulator/contacts/12/history", null);
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            Assert.Equal("application/problem+json", missing.ContentHeaders.ContentType?.MediaType);
        }

        [Theory]
        [InlineData("/_emulator/stats")]
        [InlineData("/_emulator/reset")]
        [InlineData("/_emulator/contacts/83000000/history")]
        public async Task The_control_plane_refuses_clients_that_are_not_on_loopback(string path)
        {
            // Driven in process with a remote address that is not loopback: no traffic ever leaves this machine's
            // loopback, and the check runs on every machine, with or without another network interface.
            await using var host = await EmulatorHost.StartAsync();
            var reached = false;
            var gate = new Qomon.Emulator.Hosting.ApiGate(_ => { reached = true; return Task.CompletedTask; }, host.State);
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = host.Services };
            context.Request.Path = path;
            context.Request.Method = "GET";
            context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            context.Response.Body = new MemoryStream();

            await gate.InvokeAsync(context);

            Assert.Equal(403, context.Response.StatusCode);
            Assert.False(reached);
            context.Connection.RemoteIpAddress = IPAddress.IPv6Loopback;
            context.Response.Body = new MemoryStream();
            await gate.InvokeAsync(context);
            Assert.True(reached);
        }

        [Fact]
        public async Task The_control_plane_is_not_counted_nor_charged()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Rate = 1, Burst = 1 });
            for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/_emulator/stats", null)).Status);
            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            Assert.Equal(0, (long)stats["requestsTotal"]!);
            Assert.Equal(JsonValueKind.Object, stats["requests"]!.GetValueKind());
        }
    }
}

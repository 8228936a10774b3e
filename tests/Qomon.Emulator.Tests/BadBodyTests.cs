using System.Net;
using System.Text.Json.Nodes;
using Qomon.Emulator.Faults;
using Qomon.Emulator.Settings;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>bad-body-rate: 200 answers that are not the contact or page asked for, from the seeded dice.</summary>
    public class BadBodyTests
    {
        private static Task<EmulatorHost> StartAsync(string kinds, double rate = 1) =>
            EmulatorHost.StartAsync(s => s with { BadBodyRate = rate, BadBodyKinds = BadBodySelection.Parse(kinds) });

        private static JsonObject Renamed(string firstname) => Contact(new JsonObject
        {
            ["firstname"] = firstname,
            ["formdatas"] = new JsonArray(Answer(LevelOfSupport, Support, "support")),
            ["custom_fields"] = new JsonArray(Answer(FavouriteFood, Pizza, "pizza")),
        });

        [Fact]
        public async Task Envelope_kinds_answer_200_json_without_a_contact()
        {
            await using var host = await StartAsync("data-null,contact-null,contact-empty");
            var seen = new HashSet<string>();
            for (var i = 0; i < 30; i++)
            {
                var reply = await host.GetAsync($"/contacts/{host.FirstId}");
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                Assert.Equal("application/json", reply.ContentHeaders.ContentType?.MediaType);
                seen.Add(reply.Text);
            }
            Assert.Equal(new HashSet<string> { """{"status":"success","data":null}""", """{"data":{"contact":null}}""", """{"data":{"contact":{}}}""" }, seen);
        }

        [Fact]
        public async Task Other_contact_answers_a_different_contact_of_the_space()
        {
            await using var host = await StartAsync("other-contact");
            var reply = await host.GetAsync($"/contacts/{host.FirstId}");
            var other = (long)reply.Contact["id"]!;
            Assert.NotEqual(host.FirstId, other);
            Assert.NotNull(host.State.Spaces[EmulatorHost.Key].Contacts.Get(other));
        }

        [Fact]
        public async Task Array_kinds_answer_the_contact_inside_an_array()
        {
            await using var host = await StartAsync("array");
            var whole = (await host.GetAsync($"/contacts/{host.FirstId}")).Body!.AsArray();
            Assert.Equal(host.FirstId, (long)Assert.Single(whole)!["id"]!);

            await host.PostAsync("/_emulator/config", new JsonObject { ["badBodyKinds"] = "contact-array" }, null);
            var inner = (await host.GetAsync($"/contacts/{host.FirstId}")).Body!["data"]!["contact"]!.AsArray();
            Assert.Equal(host.FirstId, (long)Assert.Single(inner)!["id"]!);
        }

        [Theory]
        [InlineData("no-formdatas", new[] { "formdatas" })]
        [InlineData("no-custom-fields", new[] { "custom_fields", "customfields" })]
        public async Task List_kinds_answer_the_contact_without_the_list(string kind, string[] missing)
        {
            await using var host = await StartAsync(kind);
            var contact = (await host.GetAsync($"/contacts/{host.FirstId}")).Contact;
            Assert.Equal(host.FirstId, (long)contact["id"]!);
            Assert.All(missing, key => Assert.False(contact.ContainsKey(key)));
            Assert.Equal(kind == "no-formdatas", contact.ContainsKey("custom_fields"));
        }

        [Fact]
        public async Task Html_answers_a_captive_portal_page_with_200()
        {
            await using var host = await StartAsync("html");
            using var response = await host.Client.SendAsync(Get($"/contacts/{host.FirstId}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task Redirect_answers_302_to_the_same_path_on_another_host()
        {
            await using var host = await StartAsync("redirect");
            using var response = await host.Client.SendAsync(Get($"/contacts/{host.FirstId}"));
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            var location = response.Headers.Location!;
            Assert.Equal("127.0.0.2", location.Host);
            Assert.Equal(host.Client.BaseAddress!.Port, location.Port);
            Assert.Equal($"/contacts/{host.FirstId}", location.AbsolutePath);
        }

        [Fact]
        public async Task A_write_not_applied_leaves_the_contact_and_its_history_as_they_were()
        {
            await using var host = await StartAsync("no-formdatas,unapplied");
            var store = host.State.Spaces[EmulatorHost.Key].Contacts;
            var before = store.Get(host.FirstId)!;

            var patched = await host.PatchAsync($"/contacts/{host.FirstId}", Renamed("Never"));
            Assert.Equal(HttpStatusCode.OK, patched.Status);
            Assert.False(patched.Contact.ContainsKey("formdatas"));
            Assert.Equal(before.Firstname, (string?)patched.Contact["firstname"]);
            Assert.Same(before, store.Get(host.FirstId));
            Assert.Single(store.History(host.FirstId)!);

            var count = store.Count;
            var created = await host.PostAsync("/contacts", Renamed("Ghost"));
            Assert.Equal(0, (long)created.Contact["id"]!);
            Assert.Equal("Ghost", (string?)created.Contact["firstname"]);
            Assert.Equal(count, store.Count);

            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            Assert.Equal(2, (long)stats["badBodyWritesNotApplied"]!);
            Assert.Equal(0, (long)stats["badBodyWritesApplied"]!);
        }

        [Fact]
        public async Task A_write_applied_is_stored_and_in_the_history_though_its_answer_is_bad()
        {
            await using var host = await StartAsync("html,applied");
            var store = host.State.Spaces[EmulatorHost.Key].Contacts;
            var patched = await host.PatchAsync($"/contacts/{host.FirstId}", Renamed("Landed"));
            Assert.Equal(HttpStatusCode.OK, patched.Status);
            Assert.Equal("text/html", patched.ContentHeaders.ContentType?.MediaType);
            Assert.Equal("Landed", store.Get(host.FirstId)!.Firstname);
            var history = (await host.GetAsync($"/_emulator/contacts/{host.FirstId}/history", null)).Body!.AsArray();
            Assert.Equal(2, history.Count);
            Assert.Equal("Landed", (string?)history[1]!["firstname"]);

            var count = store.Count;
            await host.PostAsync("/contacts", Renamed("Created"));
            Assert.Equal(count + 1, store.Count);
            Assert.Equal(2, (long)(await host.GetAsync("/_emulator/stats", null)).Body!["badBodyWritesApplied"]!);
        }

        [Fact]
        public async Task Without_a_restriction_the_dice_apply_some_writes_and_not_others()
        {
            await using var host = await StartAsync("all");
            var store = host.State.Spaces[EmulatorHost.Key].Contacts;
            for (var i = 0; i < 40; i++) await host.PatchAsync($"/contacts/{host.FirstId}", Renamed($"Try {i}"));
            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            var applied = (long)stats["badBodyWritesApplied"]!;
            Assert.InRange(applied, 1, 39);
            Assert.Equal(40 - applied, (long)stats["badBodyWritesNotApplied"]!);
            Assert.Equal(1 + applied, store.History(host.FirstId)!.Count);
        }

        [Fact]
        public async Task A_search_page_can_hold_one_contact_without_its_id()
        {
            await using var host = await StartAsync("search-missing-id");
            var contacts = (await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 10))).Body!["data"]!["contacts"]!.AsArray();
            Assert.Equal(10, contacts.Count);
            Assert.Single(contacts, c => !c!.AsObject().ContainsKey("id"));

            // A page with no contact cannot lack an id: answered as it is, and not counted.
            var empty = await host.PostAsync("/search", SearchBody(AllOf(Condition("firstname", "eql:strictdata", "Nobody")), perPage: 10));
            Assert.Empty(empty.Body!["data"]!["contacts"]!.AsArray());
            Assert.Equal(1, (long)(await host.GetAsync("/_emulator/stats", null)).Body!["badBodies"]!["search-missing-id"]!);
        }

        [Fact]
        public async Task Kinds_that_do_not_fit_a_route_leave_it_alone()
        {
            await using var host = await StartAsync("no-formdatas");
            var page = await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 5));
            Assert.All(page.Body!["data"]!["contacts"]!.AsArray(), c => Assert.True(c!.AsObject().ContainsKey("formdatas")));

            await host.PostAsync("/_emulator/config", new JsonObject { ["badBodyKinds"] = "search-missing-id" }, null);
            Assert.Equal(host.FirstId, (long)(await host.ContactAsync(host.FirstId))["id"]!);
            Assert.Equal(0, (long)(await host.GetAsync("/_emulator/stats", null)).Body!["faultsInjected"]!);
        }

        [Fact]
        public async Task The_stats_count_each_kind_and_the_dice_are_seeded()
        {
            async Task<(string Stats, List<string> Answers)> RunAsync()
            {
                await using var host = await StartAsync("all", rate: 0.4);
                var answers = new List<string>();
                for (var i = 0; i < 120; i++)
                {
                    using var request = Get($"/contacts/{host.FirstId}");
                    using var response = await host.Client.SendAsync(request);
                    answers.Add($"{(int)response.StatusCode} {(await response.Content.ReadAsStringAsync()).Length}");
                }
                var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
                var kinds = stats["badBodies"]!.AsObject();
                Assert.Equal((long)stats["faultsInjected"]!, kinds.Sum(k => (long)k.Value!));
                Assert.InRange((long)stats["faultsInjected"]!, 25, 70);
                Assert.True(kinds.Count >= 8, $"kinds seen: {string.Join(",", kinds.Select(k => k.Key))}");
                Assert.DoesNotContain("search-missing-id", kinds.Select(k => k.Key));
                return (kinds.ToJsonString(), answers);
            }

            var first = await RunAsync();
            var second = await RunAsync();
            Assert.Equal(first.Stats, second.Stats);
            Assert.Equal(first.Answers, second.Answers);
        }

        [Fact]
        public async Task Bad_body_routes_give_bad_answers_to_the_routes_named_and_no_other()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { BadBodyRate = 1, BadBodyKinds = BadBodySelection.Parse("data-null"), BadBodyRoutes = ["POST /search"] });
            var contact = (await host.GetAsync($"/contacts/{host.FirstId}")).Contact;
            Assert.Equal(host.FirstId, (long)contact["id"]!);
            Assert.Equal(HttpStatusCode.OK, (await host.PatchAsync($"/contacts/{host.FirstId}", Renamed("Kept"))).Status);
            Assert.Equal("Kept", host.State.Spaces[EmulatorHost.Key].Contacts.Get(host.FirstId)!.Firstname);
            var page = await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 10));
            Assert.Equal("""{"status":"success","data":null}""", page.Text);
            Assert.Equal(1, (long)(await host.GetAsync("/_emulator/stats", null)).Body!["badBodies"]!["data-null"]!);

            await host.PostAsync("/_emulator/config", new JsonObject { ["badBodyRoutes"] = "GET /contacts/{id}" }, null);
            Assert.Equal("""{"status":"success","data":null}""", (await host.GetAsync($"/contacts/{host.FirstId}")).Text);
            Assert.NotNull((await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 10))).Body!["data"]!["contacts"]);
            Assert.Equal("GET /contacts/{id}", (string?)(await host.GetAsync("/_emulator/config", null)).Body!["badBodyRoutes"]);
            Assert.NotNull(CommandLine.Parse(["--bad-body-routes", "search"]).Error);
        }

        [Fact]
        public void The_settings_parse_kinds_and_the_write_effect()
        {
            var parsed = CommandLine.Parse(["--bad-body-rate", "0.05", "--bad-body-kinds", "html, redirect,applied"]).Settings!;
            Assert.Equal(0.05, parsed.BadBodyRate);
            Assert.Equal([BadBodyKind.Html, BadBodyKind.Redirect], parsed.BadBodyKinds.Kinds);
            Assert.Equal(BadBodyEffect.Applied, parsed.BadBodyKinds.Effect);
            Assert.Equal("html,redirect,applied", parsed.BadBodyKinds.ToString());
            Assert.Equal("all", new EmulatorSettings().BadBodyKinds.ToString());
            Assert.Equal(BadBodyEffect.Both, BadBodySelection.Parse("applied,unapplied").Effect);
            Assert.Contains("'gateway'", CommandLine.Parse(["--bad-body-kinds", "html,gateway"]).Error);
            Assert.NotNull(CommandLine.Parse(["--bad-body-rate", "1.5"]).Error);
        }

        private static HttpRequestMessage Get(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EmulatorHost.Key);
            return request;
        }
    }
}

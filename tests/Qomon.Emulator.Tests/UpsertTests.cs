using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>POST /contacts/upsert: 202 at once, applied after the delay, merged, or silently dropped.</summary>
    public class UpsertTests
    {
        private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(2000);

        private static async Task<JsonObject> UpsertAndWaitAsync(EmulatorHost host, long id, JsonObject data)
        {
            data["id"] = id;
            var reply = await host.PostAsync("/contacts/upsert", Upsert(data));
            Assert.Equal(HttpStatusCode.Accepted, reply.Status);
            host.Time.Advance(Delay);
            return await host.ContactAsync(id);
        }

        [Fact]
        public async Task Accepted_with_an_empty_body_and_applied_only_after_the_delay()
        {
            await using var host = await EmulatorHost.StartAsync();
            var id = host.FirstId;
            var reply = await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = id, ["firstname"] = "Later" }));
            Assert.Equal(HttpStatusCode.Accepted, reply.Status);
            Assert.Equal("", reply.Text);
            Assert.Equal("1", reply.Header("x-ratelimit-cost"));

            host.Time.Advance(Delay - TimeSpan.FromMilliseconds(1));
            Assert.NotEqual("Later", (string?)(await host.ContactAsync(id))["firstname"]);
            Assert.Equal(1, (int)(await host.GetAsync("/_emulator/stats", null)).Body!["upsertsPending"]!);

            host.Time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal("Later", (string?)(await host.ContactAsync(id))["firstname"]);
            Assert.Equal(1, (int)(await host.GetAsync("/_emulator/stats", null)).Body!["upsertsApplied"]!);
        }

        [Fact]
        public async Task The_delay_is_a_setting_and_zero_applies_at_once()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UpsertDelayMs = 0 });
            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = host.FirstId, ["surname"] = "Now" }));
            Assert.Equal("Now", (string?)(await host.ContactAsync(host.FirstId))["surname"]);
        }

        [Fact]
        public async Task Merge_keeps_what_was_not_sent_moves_UpdatedAt_but_not_lastchange()
        {
            await using var host = await EmulatorHost.StartAsync();
            var before = await host.ContactAsync(host.FirstId);
            var after = await UpsertAndWaitAsync(host, host.FirstId, new JsonObject
            {
                ["mobile"] = "+33 6 00 00 00 00",
                ["address"] = new JsonObject { ["door"] = "12B" },
                ["tags"] = new JsonArray(new JsonObject { ["name"] = "upserted" }),
                ["notes"] = new JsonArray(new JsonObject { ["content"] = "Via upsert" }),
            });
            Assert.Equal("+33 6 00 00 00 00", (string?)after["mobile"]);
            foreach (var kept in new[] { "firstname", "surname", "mail", "birthdate", "lastchange", "formdatas", "custom_fields" })
                Assert.Equal(before[kept]?.ToJsonString(), after[kept]?.ToJsonString());
            Assert.Equal("12B", (string?)after["address"]!["door"]);
            Assert.Equal((string?)before["address"]!["city"], (string?)after["address"]!["city"]);
            Assert.Contains("upserted", after["tags"]!.AsArray().Select(t => (string?)t!["name"]));
            Assert.Equal(before["tags"]!.AsArray().Count + 1, after["tags"]!.AsArray().Count);
            Assert.Equal("Via upsert", (string?)after["notes"]!.AsArray().Last()!["data"]);
            Assert.Equal("2026-11-20T10:30:02.000000Z", (string?)after["UpdatedAt"]);
        }

        [Fact]
        public async Task Answers_by_label_or_id_follow_the_form_type_rules_and_keep_other_rows()
        {
            await using var host = await EmulatorHost.StartAsync();
            await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject
            {
                ["formdatas"] = new JsonArray(Answer(LevelOfSupport, StrongSupport), Answer(Consents, ConsentEmail), Answer(Presence, Present)),
                ["custom_fields"] = new JsonArray(Answer(MembershipNotes, MembershipNotesRef, "first")),
            }));
            var before = await host.ContactAsync(host.FirstId);
            var presenceRowId = (long)before["formdatas"]!.AsArray().Single(a => (long)a!["form_id"]! == Presence)!["id"]!;

            var after = await UpsertAndWaitAsync(host, host.FirstId, new JsonObject
            {
                ["status"] = new JsonArray(new JsonObject { ["label"] = "Level of support", ["value"] = "Opposed" }),
                ["consents"] = new JsonArray(new JsonObject { ["id"] = Consents, ["value"] = "consent_sms" }, new JsonObject { ["id"] = Consents, ["value"] = "consent_email" }),
                ["custom_fields"] = new JsonArray(new JsonObject { ["label"] = "membership notes", ["value"] = "second" }, new JsonObject { ["label"] = "Skills", ["value"] = "IT" }),
                ["forms"] = new JsonArray(new JsonObject { ["label"] = "Household size", ["value"] = "4" }),
                ["actions"] = new JsonArray(new JsonObject { ["label"] = "Visit date", ["value"] = "2026-12-01" }),
                ["name_presences"] = new JsonArray(new JsonObject { ["label"] = "Presence", ["value"] = "absent" }),
            });
            var formdatas = after["formdatas"]!.AsArray().Select(a => $"{a!["form_id"]}:{a["data"]}").ToList();
            Assert.Equal([$"{Consents}:consent_email", $"{LevelOfSupport}:opposed", $"{Consents}:consent_sms", $"{HouseholdSize}:4", $"{VisitDate}:2026-12-01T00:00:00.000Z", $"{Presence}:absent"], formdatas);
            Assert.DoesNotContain(after["formdatas"]!.AsArray(), a => (long)a!["id"]! == presenceRowId);
            Assert.Contains(after["formdatas"]!.AsArray(), a => (string?)a!["data"] == "consent_email" && before["formdatas"]!.AsArray().Any(b => (long)b!["id"]! == (long)a["id"]!));
            Assert.Equal(["first", "second", "it"], after["custom_fields"]!.AsArray().Select(a => (string?)a!["data"]));
        }

        [Fact]
        public async Task Presence_status_is_accepted_and_ignored()
        {
            await using var host = await EmulatorHost.StartAsync();
            await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Before" }));
            var after = await UpsertAndWaitAsync(host, host.FirstId, new JsonObject
            {
                ["firstname"] = "Kept",
                ["presence_status"] = new JsonArray(new JsonObject { ["label"] = "Presence", ["value"] = "moved" }),
            });
            Assert.Equal("Kept", (string?)after["firstname"]);
            Assert.Empty(after["formdatas"]!.AsArray());
        }

        public static TheoryData<string> DroppedRecords => new()
        {
            """{"firstname":"X","favourite_colour":"blue"}""",
            """{"firstname":"X","consents":[{"label":"No such form","value":"consent_email"}]}""",
            """{"firstname":"X","consents":[{"id":47566,"value":"consent_pigeon"}]}""",
            """{"firstname":"X","consents":[{"id":47570,"value":"support"}]}""",
            """{"firstname":"X","status":[{"label":"Level of support","value":"support","extra":1}]}""",
            """{"firstname":"X","forms":[{"label":"Household size","value":"several"}]}""",
            """{"firstname":"X","forms":[{"label":"Household size","value":4}]}""",
            """{"firstname":"X","custom_fields":[{"label":"Member since","value":"someday"}]}""",
            """{"firstname":"X","status":{"label":"Level of support","value":"support"}}""",
            """{"firstname":5}""",
            """{"firstname":"X","address":{"city":"Lyon","latitude":"45"}}""",
        };

        [Theory]
        [MemberData(nameof(DroppedRecords))]
        public async Task The_whole_record_is_dropped_silently_on_anything_unknown(string data)
        {
            await using var host = await EmulatorHost.StartAsync();
            var before = (await host.ContactAsync(host.FirstId)).ToJsonString();
            var body = JsonNode.Parse(data)!.AsObject();
            body["id"] = host.FirstId;
            var reply = await host.PostAsync("/contacts/upsert", Upsert(body));
            Assert.Equal(HttpStatusCode.Accepted, reply.Status);
            host.Time.Advance(Delay);
            Assert.Equal(before, (await host.ContactAsync(host.FirstId)).ToJsonString());
            Assert.Equal(1, (int)(await host.GetAsync("/_emulator/stats", null)).Body!["upsertsDropped"]!);
            Assert.Single((await host.GetAsync($"/_emulator/contacts/{host.FirstId}/history", null)).Body!.AsArray());
        }

        [Fact]
        public async Task An_id_that_does_not_exist_is_dropped_not_created()
        {
            await using var host = await EmulatorHost.StartAsync();
            var count = host.State.Spaces[EmulatorHost.Key].Contacts.Count;
            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = 99_999_999, ["firstname"] = "Ghost", ["surname"] = "Nobody" }));
            host.Time.Advance(Delay);
            Assert.Equal(count, host.State.Spaces[EmulatorHost.Key].Contacts.Count);
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("/contacts/99999999")).Status);
        }

        [Fact]
        public async Task A_nationbuilder_id_finds_the_contact()
        {
            await using var host = await EmulatorHost.StartAsync();
            await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Nb", ["nationbuilderid"] = "4242" }));
            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = 4242, ["surname"] = "Found" }));
            host.Time.Advance(Delay);
            Assert.Equal("Found", (string?)(await host.ContactAsync(host.FirstId))["surname"]);
        }

        [Fact]
        public async Task Without_an_id_it_matches_by_mail_then_by_name_else_creates()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Seed = 0, UpsertDelayMs = 0 });
            var created = await host.PostAsync("/contacts", Contact(new JsonObject { ["firstname"] = "Rosa", ["surname"] = "Parks", ["mail"] = "rosa@example.org", ["address"] = new JsonObject { ["city"] = "Montgomery", ["street"] = "Cleveland Ave" } }));
            var id = (long)created.Contact["id"]!;

            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["mail"] = "ROSA@example.org", ["phone"] = "1" }));
            Assert.Equal("1", (string?)(await host.ContactAsync(id))["phone"]);

            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["firstname"] = "rosa", ["surname"] = "PARKS", ["address"] = new JsonObject { ["city"] = "Montgomery", ["street"] = "Cleveland Ave" }, ["mobile"] = "2" }));
            Assert.Equal("2", (string?)(await host.ContactAsync(id))["mobile"]);

            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["mail"] = "rosa@example.org", ["firstname"] = "Someone", ["phone"] = "3" }));
            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["firstname"] = "Rosa", ["surname"] = "Parks", ["address"] = new JsonObject { ["city"] = "Detroit" } }));
            Assert.Equal("1", (string?)(await host.ContactAsync(id))["phone"]);
            Assert.Equal(3, host.State.Spaces[EmulatorHost.Key].Contacts.Count);
            Assert.Equal(4, (int)(await host.GetAsync("/_emulator/stats", null)).Body!["upsertsApplied"]!);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("{\"data\":{\"id\":1}}")]
        [InlineData("{\"kind\":\"person\",\"data\":{}}")]
        [InlineData("{\"kind\":\"contact\",\"data\":[]}")]
        public async Task A_wrong_envelope_is_a_400(string body)
        {
            await using var host = await EmulatorHost.StartAsync();
            Assert.Equal(HttpStatusCode.BadRequest, (await host.PostAsync("/contacts/upsert", body)).Status);
        }

        [Fact]
        public async Task An_applied_upsert_reaches_search_only_after_the_index_delay()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { SearchIndexDelayMs = 2000 });
            var changedSinceStart = SearchBody(AllOf(Condition("UpdatedAt", "gte", EmulatorHost.Start.UtcDateTime.ToString("O"))), perPage: 1000);
            async Task<List<string?>> ChangedAsync() =>
                (await host.PostAsync("/search", changedSinceStart)).Body!["data"]!["contacts"]!.AsArray().Select(c => (string?)c!["firstname"]).ToList();

            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = host.FirstId, ["firstname"] = "Indexed" }));
            host.Time.Advance(Delay);
            Assert.Equal("Indexed", (string?)(await host.ContactAsync(host.FirstId))["firstname"]);
            Assert.Empty(await ChangedAsync());

            host.Time.Advance(TimeSpan.FromMilliseconds(2000));
            Assert.Equal(["Indexed"], await ChangedAsync());
        }

        [Fact]
        public async Task Upsert_costs_its_own_setting_one_by_default_and_five_under_harsh()
        {
            await using var plain = await EmulatorHost.StartAsync(s => s with { Rate = 10 });
            Assert.Equal("1", (await plain.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = plain.FirstId }))).Header("x-ratelimit-cost"));
            await using var harsh = await EmulatorHost.StartAsync(s => Settings.Profiles.Apply(s, Settings.Profiles.Harsh) with { Rate = 10 });
            var reply = await harsh.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = harsh.FirstId }));
            Assert.Equal(HttpStatusCode.Accepted, reply.Status);
            Assert.Equal("5", reply.Header("x-ratelimit-cost"));
            Assert.Equal("95", reply.Header("x-ratelimit-remaining"));
            Assert.Equal("1", (await harsh.GetAsync($"/contacts/{harsh.FirstId}")).Header("x-ratelimit-cost"));
        }

        [Fact]
        public async Task A_reset_cancels_pending_upserts()
        {
            await using var host = await EmulatorHost.StartAsync();
            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["id"] = host.FirstId, ["firstname"] = "Lost" }));
            await host.PostAsync("/_emulator/reset", null, null);
            host.Time.Advance(Delay);
            Assert.NotEqual("Lost", (string?)(await host.ContactAsync(host.FirstId))["firstname"]);
        }
    }
}

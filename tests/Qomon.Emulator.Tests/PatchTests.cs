using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>PATCH /contacts/{id} is the full replacement the published page describes.</summary>
    public class PatchTests
    {
        private static JsonObject FullContact() => new()
        {
            ["firstname"] = "Ada",
            ["surname"] = "Lovelace",
            ["married_name"] = "King",
            ["gender"] = "F",
            ["birthdate"] = "1815-12-10T00:00:00.000Z",
            ["age_category"] = 6,
            ["birth_city"] = "London",
            ["birth_country"] = "UK",
            ["birth_dept"] = "Middlesex",
            ["nationality"] = "GB",
            ["mail"] = "ada@example.org",
            ["phone"] = "+44 20 0000 0000",
            ["mobile"] = "+44 7700 900000",
            ["mobile_invalid"] = false,
            ["phone_invalid"] = true,
            ["black_list"] = false,
            ["user_contact_id"] = 77,
            ["action_ids"] = new JsonArray(9101, 9102),
            ["address"] = new JsonObject { ["housenumber"] = "12", ["street"] = "St James's Square", ["postalcode"] = "01000", ["city"] = "London", ["country"] = "UK", ["floor"] = 2 },
            ["tags"] = new JsonArray(new JsonObject { ["name"] = "pioneer" }, new JsonObject { ["name"] = "mathematics" }),
            ["notes"] = new JsonArray(new JsonObject { ["data"] = "Wrote the first program.", ["pinned"] = true }),
            ["formdatas"] = new JsonArray(Answer(LevelOfSupport, StrongSupport, "strong_support"), Answer(Consents, ConsentEmail, "consent_email")),
            ["custom_fields"] = new JsonArray(Answer(FavouriteFood, Pizza, "pizza"), Answer(DonationTotal, DonationTotalRef, "120")),
        };

        [Fact]
        public async Task Every_sent_field_is_stored_and_returned_in_the_envelope()
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(FullContact()));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("success", (string?)reply.Body!["status"]);
            var c = reply.Contact;
            Assert.Equal(host.FirstId, (long)c["id"]!);
            Assert.Equal("Ada", (string?)c["firstname"]);
            Assert.Equal("King", (string?)c["married_name"]);
            Assert.Equal("1815-12-10T00:00:00Z", (string?)c["birthdate"]);
            Assert.Equal("Middlesex", (string?)c["birth_dept"]);
            Assert.True((bool)c["phone_invalid"]!);
            Assert.Equal(77, (long)c["user_contact_id"]!);
            Assert.Equal([9101L, 9102L], c["action_ids"]!.AsArray().Select(a => (long)a!));
            Assert.Equal("01000", (string?)c["address"]!["postalcode"]);
            Assert.Equal("2", (string?)c["address"]!["floor"]);
            Assert.Equal(["pioneer", "mathematics"], c["tags"]!.AsArray().Select(t => (string?)t!["name"]));
            Assert.Equal("Wrote the first program.", (string?)c["notes"]![0]!["data"]);
            Assert.Equal(2, c["formdatas"]!.AsArray().Count);
            Assert.Equal(2, c["custom_fields"]!.AsArray().Count);
            Assert.Equal(c.ToJsonString(), (await host.ContactAsync(host.FirstId)).ToJsonString());
        }

        [Fact]
        public async Task A_field_left_out_is_cleared()
        {
            await using var host = await EmulatorHost.StartAsync();
            await host.PatchAsync($"/contacts/{host.FirstId}", Contact(FullContact()));
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Ada" }));
            var c = reply.Contact;
            Assert.Equal("Ada", (string?)c["firstname"]);
            foreach (var cleared in new[] { "surname", "married_name", "gender", "birthdate", "mail", "phone", "mobile", "birth_city", "nationality", "address", "age_category", "user_contact_id" })
                Assert.True(c[cleared] is null, $"{cleared} should be cleared but is {c[cleared]}");
            // Boolean columns are never null on Qomon: cleared, they read back false.
            foreach (var off in new[] { "black_list", "mobile_invalid", "phone_invalid" })
                Assert.False((bool)c[off]!, $"{off} should be false");
            foreach (var emptied in new[] { "tags", "notes", "formdatas", "custom_fields", "action_ids" })
                Assert.Empty(c[emptied]!.AsArray());
        }

        [Fact]
        public async Task Every_patch_gives_answers_new_ids_and_missing_ones_are_not_returned()
        {
            await using var host = await EmulatorHost.StartAsync();
            var body = Contact(new JsonObject
            {
                ["formdatas"] = new JsonArray(Answer(LevelOfSupport, Support), Answer(Presence, Present)),
                ["custom_fields"] = new JsonArray(Answer(FavouriteFood, Hamburger)),
            });
            var first = (await host.PatchAsync($"/contacts/{host.FirstId}", body)).Contact;
            var second = (await host.PatchAsync($"/contacts/{host.FirstId}", body)).Contact;
            var firstIds = first["formdatas"]!.AsArray().Concat(first["custom_fields"]!.AsArray()).Select(a => (long)a!["id"]!).ToList();
            var secondIds = second["formdatas"]!.AsArray().Concat(second["custom_fields"]!.AsArray()).Select(a => (long)a!["id"]!).ToList();
            Assert.Equal(3, secondIds.Count);
            Assert.Empty(firstIds.Intersect(secondIds));

            var third = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["formdatas"] = new JsonArray(Answer(Presence, Present)) }))).Contact;
            Assert.Equal([Presence], third["formdatas"]!.AsArray().Select(a => (long)a!["form_id"]!));
            Assert.Empty(third["custom_fields"]!.AsArray());
            Assert.All(third["formdatas"]!.AsArray(), a => Assert.Null(a!["deleted_at"]));
        }

        [Fact]
        public async Task Soft_deleted_rows_can_be_made_visible_with_deleted_at_set()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { SoftDeletedVisible = true });
            var body = Contact(new JsonObject
            {
                ["formdatas"] = new JsonArray(Answer(Presence, Present)),
                ["custom_fields"] = new JsonArray(Answer(FavouriteFood, Hamburger)),
            });
            var first = (await host.PatchAsync($"/contacts/{host.FirstId}", body)).Contact;
            var firstRows = first["formdatas"]!.AsArray().Where(a => a!["deleted_at"] is null).Select(a => (long)a!["id"]!).ToList();
            host.Time.Advance(TimeSpan.FromSeconds(1));
            var second = (await host.PatchAsync($"/contacts/{host.FirstId}", body)).Contact;

            var rows = second["formdatas"]!.AsArray();
            Assert.Single(rows, a => a!["deleted_at"] is null);
            Assert.All(rows.Where(a => firstRows.Contains((long)a!["id"]!)), a => Assert.Equal("2026-11-20T10:30:01.000000Z", (string?)a!["deleted_at"]));
            var custom = second["custom_fields"]!.AsArray();
            Assert.Contains(custom, a => (long)a!["form_id"]! == FavouriteFood && a["deleted_at"] is not null);
            Assert.Single(custom, a => a!["deleted_at"] is null && (long)a["form_id"]! == FavouriteFood);

            var search = await host.PostAsync("/search", SearchBody(AllOf(new JsonObject { ["attr"] = "form", ["ope"] = "any_of", ["form_id"] = Presence, ["form_ref_ids"] = new JsonArray(Present) }), perPage: 1000));
            Assert.Contains(search.Body!["data"]!["contacts"]!.AsArray(), c => (long)c!["id"]! == host.FirstId);
        }

        [Fact]
        public async Task Radio_keeps_one_value_the_last_sent()
        {
            await using var host = await EmulatorHost.StartAsync();
            var c = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject
            {
                ["formdatas"] = new JsonArray(Answer(LevelOfSupport, StrongSupport), Answer(LevelOfSupport, Support)),
                ["custom_fields"] = new JsonArray(Answer(FavouriteFood, Hamburger), Answer(FavouriteFood, Pizza)),
            }))).Contact;
            var support = Assert.Single(c["formdatas"]!.AsArray());
            Assert.Equal(Support, (long)support!["form_ref_id"]!);
            Assert.Equal("support", (string?)support["data"]);
            var food = Assert.Single(c["custom_fields"]!.AsArray());
            Assert.Equal("pizza", (string?)food!["data"]);
        }

        [Fact]
        public async Task Checkbox_keeps_each_distinct_value()
        {
            await using var host = await EmulatorHost.StartAsync();
            var c = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject
            {
                ["formdatas"] = new JsonArray(Answer(Consents, ConsentEmail), Answer(Consents, ConsentSms), Answer(Consents, ConsentEmail)),
                ["custom_fields"] = new JsonArray(Answer(Skills, SkillIt), Answer(Skills, SkillLegal), Answer(Skills, SkillIt)),
            }))).Contact;
            Assert.Equal(["consent_email", "consent_sms"], c["formdatas"]!.AsArray().Select(a => (string?)a!["data"]));
            Assert.Equal(["it", "legal"], c["custom_fields"]!.AsArray().Select(a => (string?)a!["data"]));
        }

        [Fact]
        public async Task Text_numeric_and_date_keep_every_entry()
        {
            await using var host = await EmulatorHost.StartAsync();
            var c = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject
            {
                ["formdatas"] = new JsonArray(
                    Answer(SurveyComment, SurveyCommentRef, "one"), Answer(SurveyComment, SurveyCommentRef, "one"),
                    Answer(HouseholdSize, HouseholdSizeRef, "3"), Answer(HouseholdSize, HouseholdSizeRef, "4"),
                    Answer(VisitDate, VisitDateRef, "2026-07-16T00:00:00.000Z"), Answer(VisitDate, VisitDateRef, "2026-07-17")),
                ["custom_fields"] = new JsonArray(
                    Answer(MembershipNotes, MembershipNotesRef, "a"), Answer(MembershipNotes, MembershipNotesRef, "b"),
                    Answer(MemberSince, MemberSinceRef, "2020-01-01T00:00:00.000Z"), Answer(DonationTotal, DonationTotalRef, "10"), Answer(DonationTotal, DonationTotalRef, "10")),
            }))).Contact;
            Assert.Equal(["one", "one", "3", "4", "2026-07-16T00:00:00.000Z", "2026-07-17T00:00:00.000Z"], c["formdatas"]!.AsArray().Select(a => (string?)a!["data"]));
            Assert.Equal(["a", "b", "2020-01-01T00:00:00.000Z", "10", "10"], c["custom_fields"]!.AsArray().Select(a => (string?)a!["data"]));
        }

        [Fact]
        public async Task Answer_date_is_kept_when_sent_and_is_the_write_time_otherwise()
        {
            await using var host = await EmulatorHost.StartAsync();
            var dated = Answer(FavouriteFood, Hamburger, "hamburger");
            dated["date"] = "2024-07-17T11:34:42.195Z";
            var c = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject
            {
                ["custom_fields"] = new JsonArray(dated),
                ["formdatas"] = new JsonArray(Answer(Presence, Present)),
            }))).Contact;
            Assert.Equal("2024-07-17T11:34:42.195Z", (string?)c["custom_fields"]![0]!["date"]);
            Assert.Equal("2026-11-20T10:30:00.000Z", (string?)c["formdatas"]![0]!["date"]);
        }

        [Fact]
        public async Task Unknown_form_or_value_is_a_422_naming_each_entry_and_changes_nothing()
        {
            await using var host = await EmulatorHost.StartAsync();
            var before = (await host.ContactAsync(host.FirstId)).ToJsonString();
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject
            {
                ["firstname"] = "X",
                ["formdatas"] = new JsonArray(Answer(999999, 1), Answer(LevelOfSupport, ConsentEmail), Answer(FavouriteFood, Hamburger)),
                ["custom_fields"] = new JsonArray(Answer(Presence, Present)),
            }));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
            var locations = reply.Body!["errors"]!.AsArray().Select(e => (string?)e!["location"]).ToList();
            Assert.Equal(["data.contact.formdatas[0].form_id", "data.contact.formdatas[1].form_ref_id", "data.contact.formdatas[2].form_id", "data.contact.custom_fields[0].form_id"], locations);
            Assert.Equal(before, (await host.ContactAsync(host.FirstId)).ToJsonString());
        }

        [Theory]
        [InlineData("firstname", "5", "data.contact.firstname")]
        [InlineData("gender", "\"X\"", "data.contact.gender")]
        [InlineData("birthdate", "\"yesterday\"", "data.contact.birthdate")]
        [InlineData("age_category", "9", "data.contact.age_category")]
        [InlineData("black_list", "\"yes\"", "data.contact.black_list")]
        [InlineData("tags", "\"volunteer\"", "data.contact.tags")]
        [InlineData("address", "[]", "data.contact.address")]
        [InlineData("action_ids", "[\"x\"]", "data.contact.action_ids[0]")]
        [InlineData("formdatas", "[{\"form_id\":47583,\"form_ref_id\":15696,\"data\":\"many\"}]", "data.contact.formdatas[0].data")]
        [InlineData("formdatas", "[{\"form_id\":47591,\"form_ref_id\":15705,\"data\":\"soon\"}]", "data.contact.formdatas[0].data")]
        [InlineData("formdatas", "[{\"form_id\":\"abc\",\"form_ref_id\":1}]", "data.contact.formdatas[0].form_id")]
        public async Task Bad_types_are_a_422_with_the_location(string field, string json, string location)
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", $"{{\"data\":{{\"contact\":{{\"{field}\":{json}}}}}}}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
            Assert.Contains(location, reply.Body!["errors"]!.AsArray().Select(e => (string?)e!["location"]));
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("[]")]
        [InlineData("{\"contact\":{}}")]
        [InlineData("{\"data\":{\"contact\":[]}}")]
        public async Task A_body_of_the_wrong_shape_is_a_400(string body)
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", body);
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal("application/problem+json", reply.ContentHeaders.ContentType?.MediaType);
        }

        [Fact]
        public async Task Read_only_fields_are_ignored_by_default()
        {
            await using var host = await EmulatorHost.StartAsync();
            var current = (await host.ContactAsync(host.FirstId)).DeepClone().AsObject();
            current["firstname"] = "Echo";
            current["id"] = 1;
            current["group_id"] = 1;
            current["CreatedAt"] = "2000-01-01T00:00:00Z";
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(current));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var c = reply.Contact;
            Assert.Equal("Echo", (string?)c["firstname"]);
            Assert.Equal(host.FirstId, (long)c["id"]!);
            Assert.NotEqual(1, (long)c["group_id"]!);
            Assert.NotEqual("2000-01-01T00:00:00.000000Z", (string?)c["CreatedAt"]);
        }

        [Fact]
        public async Task A_contact_sent_back_as_read_keeps_everything_but_its_answer_ids()
        {
            await using var host = await EmulatorHost.StartAsync();
            var before = await host.ContactAsync(host.FirstId);
            var after = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(before.DeepClone().AsObject()))).Contact;
            foreach (var key in new[] { "firstname", "surname", "mail", "address", "tags", "birthdate", "birth_city", "notes" })
                Assert.Equal(before[key]?.ToJsonString(), after[key]?.ToJsonString());
            Assert.Equal(Strip(before["formdatas"]!), Strip(after["formdatas"]!));
            Assert.Equal(Strip(before["custom_fields"]!), Strip(after["custom_fields"]!));

            static string Strip(JsonNode answers) => string.Join(";", answers.AsArray().Select(a => $"{a!["form_id"]}/{a["form_ref_id"]}/{a["data"]}"));
        }

        [Fact]
        public async Task Custom_fields_sent_under_customfields_are_not_read_so_they_are_cleared()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { CustomFieldsKey = "customfields" });
            await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["custom_fields"] = new JsonArray(Answer(FavouriteFood, Pizza)) }));
            var read = await host.ContactAsync(host.FirstId);
            Assert.Single(read["customfields"]!.AsArray());
            var echoed = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(read.DeepClone().AsObject()))).Contact;
            Assert.Empty(echoed["customfields"]!.AsArray());
        }

        [Fact]
        public async Task Strict_mode_names_read_only_and_unknown_fields_in_a_422()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Strict = true });
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject
            {
                ["id"] = 1,
                ["lastchange"] = "2020-01-01T00:00:00.000Z",
                ["favourite_colour"] = "blue",
                ["address"] = new JsonObject { ["city"] = "Lyon", ["latitude"] = "45.7" },
                ["tags"] = new JsonArray(new JsonObject { ["name"] = "x", ["color"] = "#fff" }),
                ["formdatas"] = new JsonArray(new JsonObject { ["form_id"] = Presence, ["form_ref_id"] = Present, ["id"] = 5 }),
            }));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
            var errors = reply.Body!["errors"]!.AsArray().ToDictionary(e => (string)e!["location"]!, e => (string?)e!["message"]);
            Assert.Equal("is read-only", errors["data.contact.id"]);
            Assert.Equal("is read-only", errors["data.contact.lastchange"]);
            Assert.Equal("is not a known field", errors["data.contact.favourite_colour"]);
            Assert.Equal("is read-only", errors["data.contact.address.latitude"]);
            Assert.Equal("is read-only", errors["data.contact.tags[0].color"]);
            Assert.Equal("is read-only", errors["data.contact.formdatas[0].id"]);
        }

        [Fact]
        public async Task Strict_mode_accepts_a_clean_write_shape()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Strict = true });
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(FullContact()));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
        }

        [Fact]
        public async Task Timestamps_move_and_have_the_documented_precision()
        {
            await using var host = await EmulatorHost.StartAsync();
            host.Time.Advance(TimeSpan.FromMilliseconds(123.4567));
            var c = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(FullContact()))).Contact;
            Assert.Equal("2026-11-20T10:30:00.123456Z", (string?)c["UpdatedAt"]);
            Assert.Equal("2026-11-20T10:30:00.123Z", (string?)c["lastchange"]);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", (string?)c["CreatedAt"]);
            Assert.Equal("1815-12-10T00:00:00Z", (string?)c["birthdate"]);
        }

        [Fact]
        public async Task Notes_sent_with_their_id_keep_it()
        {
            await using var host = await EmulatorHost.StartAsync();
            var first = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(FullContact()))).Contact;
            var note = first["notes"]![0]!.DeepClone().AsObject();
            var second = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["notes"] = new JsonArray(note, new JsonObject { ["content"] = "Second note" }) }))).Contact;
            Assert.Equal((long)note["id"]!, (long)second["notes"]![0]!["id"]!);
            Assert.Equal("Second note", (string?)second["notes"]![1]!["data"]);
            Assert.NotEqual((long)note["id"]!, (long)second["notes"]![1]!["id"]!);
        }

        [Fact]
        public async Task Patch_of_an_unknown_contact_is_a_404()
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PatchAsync("/contacts/12345", Contact(new JsonObject()));
            Assert.Equal(HttpStatusCode.NotFound, reply.Status);
            Assert.Equal(404, (int)reply.Body!["status"]!);
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>POST /search and POST /kpi over a small, known set of contacts (no seed).</summary>
    public class SearchTests
    {
        private static async Task<EmulatorHost> HostWithPeopleAsync()
        {
            var host = await EmulatorHost.StartAsync(s => s with { Seed = 0 });
            await CreateAsync(host, "Alice", "Martin", "alice.martin@example.org", "Testville", ["volunteer", "donor"], Answer(Consents, ConsentEmail));
            host.Time.Advance(TimeSpan.FromDays(2));
            await CreateAsync(host, "bob", "Durand", "BOB@Example.org", "Lyon", ["donor"], Answer(LevelOfSupport, Support));
            host.Time.Advance(TimeSpan.FromHours(20));
            await CreateAsync(host, "Chloé", "Zola", null, "Saint-Test", [], Answer(Consents, ConsentSms));
            await CreateAsync(host, "Dan", "Abel", "dan@test.org", null, ["volunteer"]);
            host.Time.Advance(TimeSpan.FromHours(3));
            return host;
        }

        private static async Task CreateAsync(EmulatorHost host, string first, string surname, string? mail, string? city, string[] tags, params JsonObject[] answers)
        {
            var contact = new JsonObject
            {
                ["firstname"] = first,
                ["surname"] = surname,
                ["mail"] = mail,
                ["address"] = city is null ? null : new JsonObject { ["city"] = city },
                ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["name"] = t })]),
                ["formdatas"] = new JsonArray([.. answers]),
            };
            Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/contacts", Contact(contact))).Status);
        }

        private static async Task<List<string>> FirstNamesAsync(EmulatorHost host, JsonNode query, string sortAttr = "firstname", bool sortAsc = true)
        {
            var reply = await host.PostAsync("/search", SearchBody(query, perPage: 1000, sortAttr: sortAttr, sortAsc: sortAsc));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            return reply.Body!["data"]!["contacts"]!.AsArray().Select(c => (string)c!["firstname"]!).ToList();
        }

        private static Task<List<string>> WhereAsync(EmulatorHost host, JsonObject condition) => FirstNamesAsync(host, AllOf(condition));

        [Fact]
        public async Task Empty_all_matches_everyone_and_the_response_has_no_total()
        {
            await using var host = await HostWithPeopleAsync();
            var reply = await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 1000));
            Assert.Equal(4, reply.Body!["data"]!["contacts"]!.AsArray().Count);
            Assert.Equal(["contacts"], reply.Body["data"]!.AsObject().Select(p => p.Key));
            Assert.False(reply.Body.AsObject().ContainsKey("total"));
        }

        [Theory]
        [InlineData("address.city", "Test", new[] { "Alice", "Chloé" })]
        [InlineData("address.city", "test", new[] { "Alice", "Chloé" })]
        [InlineData("address.city", "ville", new string[0])]
        [InlineData("mail", "bob@example.org", new[] { "bob" })]
        [InlineData("mail", "martin", new[] { "Alice" })]
        [InlineData("firstname", "chlo", new[] { "Chloé" })]
        public async Task Eql_is_a_case_insensitive_token_or_prefix_match(string attr, string value, string[] expected)
        {
            await using var host = await HostWithPeopleAsync();
            Assert.Equal(expected, await WhereAsync(host, Condition(attr, "eql", value)));
        }

        [Fact]
        public async Task Strictdata_is_exact_and_case_sensitive()
        {
            await using var host = await HostWithPeopleAsync();
            Assert.Empty(await WhereAsync(host, Condition("mail", "eql:strictdata", "bob@example.org")));
            Assert.Equal(["bob"], await WhereAsync(host, Condition("mail", "eql:strictdata", "BOB@Example.org")));
            Assert.Equal(["Alice", "Chloé", "Dan"], await WhereAsync(host, Condition("mail", "not_eql:strictdata", "BOB@Example.org")));
        }

        [Theory]
        [InlineData("not_eql", "address.city", "test", new[] { "bob", "Dan" })]
        [InlineData("contains", "mail", "EXAMPLE", new[] { "Alice", "bob" })]
        [InlineData("not_contains", "mail", "example", new[] { "Chloé", "Dan" })]
        [InlineData("start_with", "surname", "d", new[] { "bob" })]
        [InlineData("not_start_with", "surname", "d", new[] { "Alice", "Chloé", "Dan" })]
        [InlineData("gte", "surname", "Martin", new[] { "Alice", "Chloé" })]
        [InlineData("lte", "surname", "Durand", new[] { "bob", "Dan" })]
        [InlineData("any_of", "firstname", null, new[] { "Alice", "Dan" })]
        public async Task Text_operators(string ope, string attr, string? value, string[] expected)
        {
            await using var host = await HostWithPeopleAsync();
            JsonNode operand = value is null ? new JsonArray("alice", "DAN") : value;
            Assert.Equal(expected, await WhereAsync(host, Condition(attr, ope, operand)));
        }

        [Fact]
        public async Task Ext_and_not_ext_test_for_a_value()
        {
            await using var host = await HostWithPeopleAsync();
            Assert.Equal(["Alice", "bob", "Dan"], await WhereAsync(host, Condition("mail", "ext")));
            Assert.Equal(["Chloé"], await WhereAsync(host, Condition("mail", "not_ext")));
            Assert.Equal(["Dan"], await WhereAsync(host, Condition("address.city", "not_ext")));
            Assert.Equal(["Chloé"], await WhereAsync(host, Condition("tags.name", "not_ext")));
        }

        [Fact]
        public async Task Range_takes_from_and_to()
        {
            await using var host = await HostWithPeopleAsync();
            var condition = Condition("surname", "range");
            condition["from"] = "b";
            condition["to"] = "n";
            Assert.Equal(["Alice", "bob"], await WhereAsync(host, condition));
        }

        [Theory]
        [InlineData("any_of", new[] { "volunteer", "nope" }, new[] { "Alice", "Dan" })]
        [InlineData("all_of", new[] { "volunteer", "donor" }, new[] { "Alice" })]
        [InlineData("none_of", new[] { "donor" }, new[] { "Chloé", "Dan" })]
        [InlineData("eql", new[] { "DONOR" }, new[] { "Alice", "bob" })]
        public async Task Tag_list_operators(string ope, string[] tags, string[] expected)
        {
            await using var host = await HostWithPeopleAsync();
            JsonNode value = ope == "eql" ? tags[0] : new JsonArray([.. tags.Select(t => (JsonNode)t)]);
            Assert.Equal(expected, await WhereAsync(host, Condition("tags.name", ope, value)));
        }

        [Theory]
        [InlineData("UpdatedAt", "gte", "now-1d", new[] { "bob", "Chloé", "Dan" })]
        [InlineData("CreatedAt", "gte", "now-3d", new[] { "Alice", "bob", "Chloé", "Dan" })]
        [InlineData("lastchange", "gte", "now-4h", new[] { "Chloé", "Dan" })]
        [InlineData("lastchange", "gte", "now-1h", new string[0])]
        [InlineData("UpdatedAt", "lte", "now-1d", new[] { "Alice" })]
        [InlineData("UpdatedAt", "gte", "now/d", new[] { "Chloé", "Dan" })]
        [InlineData("UpdatedAt", "gte", "now-1d/d", new[] { "bob", "Chloé", "Dan" })]
        [InlineData("UpdatedAt", "lte", "now-1d/d", new[] { "Alice", "bob" })]
        [InlineData("CreatedAt", "gte", "2026-11-22T00:00:00Z", new[] { "bob", "Chloé", "Dan" })]
        [InlineData("CreatedAt", "eql", "2026-11-20", new[] { "Alice" })]
        public async Task Dates_compare_with_date_math_relative_to_the_clock(string attr, string ope, string value, string[] expected)
        {
            // Alice at 11-20 10:30, bob at 11-22 10:30, Chloé and Dan at 11-23 06:30; now is 11-23 09:30.
            await using var host = await HostWithPeopleAsync();
            Assert.Equal(expected, await WhereAsync(host, Condition(attr, ope, value)));
        }

        [Fact]
        public async Task Date_range_rounds_from_down_and_to_up()
        {
            await using var host = await HostWithPeopleAsync();
            var condition = Condition("CreatedAt", "range");
            condition["from"] = "now-1d/d";
            condition["to"] = "now-1d/d";
            Assert.Equal(["bob"], await WhereAsync(host, condition));
        }

        [Fact]
        public async Task At_least_one_is_an_or_at_both_levels()
        {
            await using var host = await HostWithPeopleAsync();
            var groupOr = new JsonObject
            {
                ["$all"] = new JsonArray(new JsonObject
                {
                    ["$at_least_one"] = new JsonArray(
                        new JsonObject { ["$condition"] = Condition("firstname", "eql", "alice") },
                        new JsonObject { ["$condition"] = Condition("firstname", "eql", "dan") }),
                }),
            };
            Assert.Equal(["Alice", "Dan"], await FirstNamesAsync(host, groupOr));

            var rootOr = new JsonObject
            {
                ["$at_least_one"] = new JsonArray(
                    AllOf(Condition("surname", "eql", "zola"))["$all"]![0]!.DeepClone(),
                    AllOf(Condition("surname", "eql", "abel"))["$all"]![0]!.DeepClone()),
            };
            Assert.Equal(["Chloé", "Dan"], await FirstNamesAsync(host, rootOr));

            var and = AllOf(Condition("tags.name", "any_of", new JsonArray("donor")), Condition("address.city", "eql", "lyon"));
            Assert.Equal(["bob"], await FirstNamesAsync(host, and));
        }

        [Fact]
        public async Task Form_conditions_look_at_answers()
        {
            await using var host = await HostWithPeopleAsync();
            var ext = new JsonObject { ["attr"] = "form", ["ope"] = "ext", ["form_id"] = Consents, ["form_ref_ids"] = new JsonArray(ConsentSms) };
            Assert.Equal(["Alice", "Chloé"], await WhereAsync(host, ext));
            var anyOf = new JsonObject { ["attr"] = "form", ["ope"] = "any_of", ["form_id"] = Consents, ["form_ref_ids"] = new JsonArray(ConsentSms) };
            Assert.Equal(["Chloé"], await WhereAsync(host, anyOf));
            var notExt = new JsonObject { ["attr"] = "form", ["ope"] = "not_ext", ["form_id"] = LevelOfSupport };
            Assert.Equal(["Alice", "Chloé", "Dan"], await WhereAsync(host, notExt));
            var byData = new JsonObject { ["attr"] = "form", ["ope"] = "eql", ["form_id"] = LevelOfSupport, ["value"] = "support" };
            Assert.Equal(["bob"], await WhereAsync(host, byData));

            var target = host.State.Spaces[EmulatorHost.Key].Contacts.Snapshot()[0].Id;
            await host.PatchAsync($"/contacts/{target}", Contact(new JsonObject { ["firstname"] = "Eve", ["custom_fields"] = new JsonArray(Answer(DonationTotal, DonationTotalRef, "250")) }));
            var donation = new JsonObject { ["attr"] = "custom_fields", ["ope"] = "gte", ["form_id"] = DonationTotal, ["value"] = 100 };
            Assert.Equal(["Eve"], await WhereAsync(host, donation));
        }

        [Fact]
        public async Task Pages_are_0_based_slices_in_a_stable_order()
        {
            await using var host = await HostWithPeopleAsync();
            var all = new JsonObject { ["$all"] = new JsonArray() };
            var pages = new List<string>();
            for (var page = 0; page < 3; page++)
            {
                var reply = await host.PostAsync("/search", SearchBody(all, perPage: 3, page: page, sortAttr: "surname", sortAsc: true));
                var names = reply.Body!["data"]!["contacts"]!.AsArray().Select(c => (string)c!["surname"]!).ToList();
                Assert.Equal(page == 0 ? 3 : page == 1 ? 1 : 0, names.Count);
                pages.AddRange(names);
            }
            Assert.Equal(["Abel", "Durand", "Martin", "Zola"], pages);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("lastchange")]
        [InlineData("city")]
        public async Task Paging_through_a_large_space_returns_every_contact_once(string? sortAttr)
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Seed = 5000, ApiKeys = [EmulatorHost.Key] });
            var seen = new List<long>();
            for (var page = 0; ; page++)
            {
                var reply = await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 1000, page: page, sortAttr: sortAttr, sortAsc: true));
                var ids = reply.Body!["data"]!["contacts"]!.AsArray().Select(c => (long)c!["id"]!).ToList();
                seen.AddRange(ids);
                if (ids.Count < 1000) break;
            }
            Assert.Equal(5000, seen.Count);
            Assert.Equal(5000, seen.Distinct().Count());
        }

        [Fact]
        public async Task Sort_is_descending_by_default()
        {
            await using var host = await HostWithPeopleAsync();
            var all = new JsonObject { ["$all"] = new JsonArray() };
            var reply = await host.PostAsync("/search", SearchBody(all, perPage: 10, sortAttr: "surname"));
            Assert.Equal(["Zola", "Martin", "Durand", "Abel"], reply.Body!["data"]!["contacts"]!.AsArray().Select(c => (string)c!["surname"]!));
            // Chloé and Dan share a lastchange: ties fall back to id order.
            Assert.Equal(["Chloé", "Dan", "bob", "Alice"], await FirstNamesAsync(host, all, "lastchange", sortAsc: false));
            Assert.Equal(["Alice", "bob", "Dan"], await FirstNamesAsync(host, AllOf(Condition("mail", "ext")), "mail", sortAsc: true));
        }

        [Fact]
        public async Task A_write_between_pages_is_seen_by_the_next_sorted_page()
        {
            await using var host = await HostWithPeopleAsync();
            var all = new JsonObject { ["$all"] = new JsonArray() };
            Assert.Equal("Alice", (await FirstNamesAsync(host, all, "surname", sortAsc: false))[1]);
            var zola = host.State.Spaces[EmulatorHost.Key].Contacts.Snapshot().Single(c => c.Surname == "Zola").Id;
            await host.PatchAsync($"/contacts/{zola}", Contact(new JsonObject { ["firstname"] = "Chloé", ["surname"] = "Aaron" }));
            Assert.Equal(["Alice", "bob", "Dan", "Chloé"], await FirstNamesAsync(host, all, "surname", sortAsc: false));
        }

        [Fact]
        public async Task A_lagging_index_shows_older_versions_and_misses_new_contacts_until_the_delay_passes()
        {
            await using var host = await HostWithPeopleAsync();
            await host.PostAsync("/_emulator/config", new { searchIndexDelayMs = 3000 }, null);
            var bob = host.State.Spaces[EmulatorHost.Key].Contacts.Snapshot().Single(c => c.Firstname == "bob").Id;
            await host.PatchAsync($"/contacts/{bob}", Contact(new JsonObject { ["firstname"] = "Robert", ["surname"] = "Durand" }));
            await CreateAsync(host, "Eve", "New", null, null, []);
            var all = new JsonObject { ["$all"] = new JsonArray() };

            Assert.Equal(["Alice", "bob", "Chloé", "Dan"], await FirstNamesAsync(host, all));
            Assert.Equal(1, (long)(await host.PostAsync("/kpi", SearchBody(AllOf(Condition("firstname", "eql", "bob")), perPage: null))).Body!["data"]!["total"]!);
            Assert.Equal("Robert", (string?)(await host.ContactAsync(bob))["firstname"]);

            host.Time.Advance(TimeSpan.FromSeconds(3));
            Assert.Equal(["Alice", "Chloé", "Dan", "Eve", "Robert"], await FirstNamesAsync(host, all));
        }

        [Fact]
        public async Task Include_interactions_adds_an_interactions_list()
        {
            await using var host = await HostWithPeopleAsync();
            var body = SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 1);
            body["data"]!["advanced_search"]!["include_interactions"] = true;
            var contact = (await host.PostAsync("/search", body)).Body!["data"]!["contacts"]![0]!;
            Assert.Empty(contact["interactions"]!.AsArray());
        }

        [Fact]
        public async Task Kpi_counts_what_search_would_return()
        {
            await using var host = await HostWithPeopleAsync();
            var reply = await host.PostAsync("/kpi", SearchBody(AllOf(Condition("tags.name", "any_of", new JsonArray("donor"))), perPage: null));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("success", (string?)reply.Body!["status"]);
            Assert.Equal(2, (long)reply.Body["data"]!["total"]!);
        }

        public static TheoryData<string, string> InvalidSearches => new()
        {
            { """{"$all":[{"$condition":{"attr":"mail","ope":"ext"}}]}""", "data.advanced_search.query.$all[0]" },
            { """{"$condition":{"attr":"mail","ope":"ext"}}""", "data.advanced_search.query" },
            { """{"$all":[{"$all":[{"$all":[]}]}]}""", "data.advanced_search.query.$all[0].$all[0]" },
            { """{"$any":[]}""", "data.advanced_search.query" },
            { """{"$all":{}}""", "data.advanced_search.query.$all" },
            { """{"$all":[{"$all":[{"$condition":{"attr":"shoe_size","ope":"eql","value":"9"}}]}]}""", "data.advanced_search.query.$all[0].$all[0].$condition.attr" },
            { """{"$all":[{"$all":[{"$condition":{"attr":"mail","ope":"sounds_like","value":"x"}}]}]}""", "data.advanced_search.query.$all[0].$all[0].$condition.ope" },
            { """{"$all":[{"$all":[{"$condition":{"attr":"mail","ope":"eql"}}]}]}""", "data.advanced_search.query.$all[0].$all[0].$condition.value" },
            { """{"$all":[{"$all":[{"$condition":{"ope":"eql","value":"x"}}]}]}""", "data.advanced_search.query.$all[0].$all[0].$condition.attr" },
            { """{"$all":[{"$all":[{"$condition":{"attr":"UpdatedAt","ope":"gte","value":"last week"}}]}]}""", "data.advanced_search.query.$all[0].$all[0].$condition.value" },
            { """{"$all":[{"$all":[{"$condition":{"attr":"UpdatedAt","ope":"contains","value":"2026"}}]}]}""", "data.advanced_search.query.$all[0].$all[0].$condition.ope" },
            { """{"$all":[{"$all":[{"$condition":{"attr":"form","ope":"ext","form_id":1}}]}]}""", "data.advanced_search.query.$all[0].$all[0].$condition.form_id" },
        };

        [Theory]
        [MemberData(nameof(InvalidSearches))]
        public async Task A_malformed_tree_is_a_422_naming_where(string query, string location)
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PostAsync("/search", SearchBody(JsonNode.Parse(query), perPage: 10));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
            Assert.Equal(location, (string?)reply.Body!["errors"]![0]!["location"]);
        }

        [Theory]
        [InlineData(null, null, null, "data.advanced_search.per_page")]
        [InlineData(0, null, null, "data.advanced_search.per_page")]
        [InlineData(1001, null, null, "data.advanced_search.per_page")]
        [InlineData(10, -1, null, "data.advanced_search.page")]
        [InlineData(10, 0, "UpdatedAt", "data.advanced_search.sort_attr")]
        public async Task Paging_parameters_out_of_range_are_422(int? perPage, int? page, string? sortAttr, string location)
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage, page, sortAttr));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
            Assert.Equal(location, (string?)reply.Body!["errors"]![0]!["location"]);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(1000)]
        public async Task Per_page_limits_are_inclusive(int perPage)
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(Math.Min(perPage, 40), reply.Body!["data"]!["contacts"]!.AsArray().Count);
        }

        [Fact]
        public async Task A_body_without_advanced_search_is_a_400()
        {
            await using var host = await EmulatorHost.StartAsync();
            Assert.Equal(HttpStatusCode.BadRequest, (await host.PostAsync("/search", "{\"data\":{}}")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await host.PostAsync("/kpi", "nope")).Status);
        }
    }
}

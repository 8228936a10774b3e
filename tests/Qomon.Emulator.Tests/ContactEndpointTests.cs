using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    public class ContactEndpointTests
    {
        [Fact]
        public async Task Get_wraps_the_contact_in_the_success_envelope()
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.GetAsync($"/contacts/{host.FirstId}");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("application/json", reply.ContentHeaders.ContentType?.MediaType);
            Assert.Equal("success", (string?)reply.Body!["status"]);
            Assert.Equal(host.FirstId, (long)reply.Contact["id"]!);
            Assert.Matches(@"^\d{8}$", host.FirstId.ToString());
        }

        [Fact]
        public async Task Dates_have_six_three_and_no_fractional_digits()
        {
            await using var host = await EmulatorHost.StartAsync();
            var withBirthdate = host.State.Spaces[EmulatorHost.Key].Contacts.Snapshot().First(c => c.Birthdate is not null);
            var c = await host.ContactAsync(withBirthdate.Id);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", (string?)c["CreatedAt"]);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", (string?)c["UpdatedAt"]);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)c["lastchange"]);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT00:00:00Z$", (string?)c["birthdate"]);
        }

        [Theory]
        [InlineData("/contacts/99999999")]
        [InlineData("/contacts/0")]
        public async Task Unknown_ids_are_404_problems(string path)
        {
            await using var host = await EmulatorHost.StartAsync();
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
            {
                var reply = await host.SendAsync(method, path, null);
                Assert.Equal(HttpStatusCode.NotFound, reply.Status);
                Assert.Equal("application/problem+json", reply.ContentHeaders.ContentType?.MediaType);
                Assert.Equal("about:blank", (string?)reply.Body!["type"]);
                Assert.Equal(404, (int)reply.Body["status"]!);
                Assert.Equal(path, (string?)reply.Body["instance"]);
            }
        }

        [Fact]
        public async Task Errors_can_use_the_older_bare_fail_body_with_the_same_status()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { ErrorBody = Qomon.Emulator.Settings.ErrorBodyStyle.Fail });
            var missing = await host.GetAsync("/contacts/1");
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            Assert.Equal("""{"status":"fail"}""", missing.Text);
            var invalid = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["gender"] = "X" }));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
            Assert.Equal("fail", (string?)invalid.Body!["status"]);
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/contacts/1", null)).Status);
        }

        [Fact]
        public async Task A_non_numeric_id_is_a_400()
        {
            await using var host = await EmulatorHost.StartAsync();
            Assert.Equal(HttpStatusCode.BadRequest, (await host.GetAsync("/contacts/abc")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await host.GetAsync("/contacts/-5")).Status);
        }

        [Fact]
        public async Task Unknown_routes_and_methods_are_problems_too()
        {
            await using var host = await EmulatorHost.StartAsync();
            var missing = await host.GetAsync("/v2/whatever");
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            Assert.Equal(404, (int)missing.Body!["status"]!);
            var wrongMethod = await host.SendAsync(HttpMethod.Put, $"/contacts/{host.FirstId}", "{}");
            Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
            Assert.Equal(405, (int)wrongMethod.Body!["status"]!);
        }

        [Fact]
        public async Task Create_returns_the_new_contact_with_an_id_and_it_can_be_read_back()
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PostAsync("/contacts", Contact(new JsonObject
            {
                ["firstname"] = "Grace",
                ["surname"] = "Hopper",
                ["mail"] = "grace@example.org",
                ["formdatas"] = new JsonArray(Answer(Consents, ConsentEmail)),
            }));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var id = (long)reply.Contact["id"]!;
            Assert.True(id > host.FirstId);
            Assert.Equal("consent_email", (string?)reply.Contact["formdatas"]![0]!["data"]);
            Assert.Equal("2026-11-20T10:30:00.000000Z", (string?)reply.Contact["CreatedAt"]);
            Assert.Equal(reply.Contact.ToJsonString(), (await host.ContactAsync(id)).ToJsonString());
        }

        [Fact]
        public async Task Create_validates_like_patch()
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.PostAsync("/contacts", Contact(new JsonObject { ["custom_fields"] = new JsonArray(Answer(FavouriteFood, 1)) }));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
            Assert.Equal("data.contact.custom_fields[0].form_ref_id", (string?)reply.Body!["errors"]![0]!["location"]);
        }

        [Fact]
        public async Task Delete_answers_204_with_no_body_then_the_contact_is_gone()
        {
            await using var host = await EmulatorHost.StartAsync();
            var id = host.FirstId;
            var reply = await host.DeleteAsync($"/contacts/{id}");
            Assert.Equal(HttpStatusCode.NoContent, reply.Status);
            Assert.Equal("", reply.Text);
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"/contacts/{id}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await host.DeleteAsync($"/contacts/{id}")).Status);
        }

        [Theory]
        [InlineData("custom_fields")]
        [InlineData("customfields")]
        public async Task Custom_fields_come_back_under_the_configured_key(string key)
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { CustomFieldsKey = key });
            await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["custom_fields"] = new JsonArray(Answer(FavouriteFood, Pizza)) }));
            var c = await host.ContactAsync(host.FirstId);
            Assert.Single(c[key]!.AsArray());
            Assert.False(c.ContainsKey(key == "custom_fields" ? "customfields" : "custom_fields"));
            var page = await host.PostAsync("/search", SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 1));
            Assert.True(page.Body!["data"]!["contacts"]![0]!.AsObject().ContainsKey(key));
        }

        [Fact]
        public async Task Address_numbers_come_back_as_numbers_when_set_and_plain_integers()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { AddressNumbersAsNumbers = true });
            var address = new JsonObject { ["housenumber"] = "12", ["postalcode"] = "01000", ["citycode"] = 69383, ["floor"] = "3", ["city"] = "Lyon" };
            var c = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["address"] = address }))).Contact;
            Assert.Equal(JsonValueKind.Number, c["address"]!["housenumber"]!.GetValueKind());
            Assert.Equal(12, (long)c["address"]!["housenumber"]!);
            Assert.Equal(69383, (long)c["address"]!["citycode"]!);
            Assert.Equal(3, (long)c["address"]!["floor"]!);
            Assert.Equal("01000", (string?)c["address"]!["postalcode"]);
        }

        [Fact]
        public async Task Address_numbers_are_strings_by_default()
        {
            await using var host = await EmulatorHost.StartAsync();
            var c = (await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["address"] = new JsonObject { ["housenumber"] = 12, ["city"] = "Lyon" } }))).Contact;
            Assert.Equal(JsonValueKind.String, c["address"]!["housenumber"]!.GetValueKind());
            Assert.Equal("12", (string?)c["address"]!["housenumber"]);
            Assert.False((bool)c["address"]!["invalid"]!);
            Assert.NotNull(c["address"]!["latitude"]);
        }

        [Fact]
        public async Task Tags_report_how_many_contacts_carry_them()
        {
            await using var host = await EmulatorHost.StartAsync();
            var ids = host.State.Spaces[EmulatorHost.Key].Contacts.Snapshot().Take(2).Select(c => c.Id).ToList();
            foreach (var id in ids)
                await host.PatchAsync($"/contacts/{id}", Contact(new JsonObject { ["tags"] = new JsonArray(new JsonObject { ["name"] = "brand-new-tag" }) }));
            var tag = (await host.ContactAsync(ids[0]))["tags"]![0]!;
            Assert.Equal("brand-new-tag", (string?)tag["name"]);
            Assert.Equal(2, (int)tag["appearance_count"]!);
            Assert.StartsWith("#", (string?)tag["color"]);
        }
    }
}

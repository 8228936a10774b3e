using System.Net;
using Xunit;

namespace Qomon.Emulator.Tests
{
    public class AuthTests
    {
        [Theory]
        [InlineData("GET", "/contacts/83000000")]
        [InlineData("POST", "/search")]
        [InlineData("POST", "/kpi")]
        [InlineData("POST", "/contacts")]
        [InlineData("POST", "/contacts/upsert")]
        [InlineData("PATCH", "/contacts/83000000")]
        [InlineData("DELETE", "/contacts/83000000")]
        [InlineData("GET", "/v1/forms/type/consent")]
        [InlineData("GET", "/forms/47566")]
        [InlineData("GET", "/forms/consent")]
        [InlineData("GET", "/no/such/route")]
        public async Task Missing_or_unknown_key_is_a_401_problem_on_every_api_route(string method, string path)
        {
            await using var host = await EmulatorHost.StartAsync();
            foreach (var key in new[] { null, "wrong-key" })
            {
                var reply = await host.SendAsync(new HttpMethod(method), path, "{}", key);
                Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
                Assert.Equal("application/problem+json", reply.ContentHeaders.ContentType?.MediaType);
                Assert.Equal(401, (int)reply.Body!["status"]!);
                Assert.Equal("Unauthorized", (string?)reply.Body["title"]);
            }
        }

        [Fact]
        public async Task A_non_bearer_scheme_is_refused()
        {
            await using var host = await EmulatorHost.StartAsync();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/contacts/{host.FirstId}");
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + EmulatorHost.Key);
            using var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        [Fact]
        public async Task Two_keys_are_two_spaces_with_their_own_contacts_and_group_ids()
        {
            await using var host = await EmulatorHost.StartAsync();
            var first = host.FirstId;
            var otherFirst = host.State.Spaces[EmulatorHost.OtherKey].Contacts.Snapshot()[0].Id;
            Assert.NotEqual(first, otherFirst);

            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/contacts/{first}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"/contacts/{first}", EmulatorHost.OtherKey)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"/contacts/{otherFirst}")).Status);

            var mine = await host.ContactAsync(first);
            var theirs = await host.ContactAsync(otherFirst, EmulatorHost.OtherKey);
            Assert.NotEqual((long)mine["group_id"]!, (long)theirs["group_id"]!);

            var created = await host.PostAsync("/contacts", new { data = new { contact = new { firstname = "Only", surname = "Mine" } } });
            var newId = (long)created.Contact["id"]!;
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"/contacts/{newId}", EmulatorHost.OtherKey)).Status);
        }

        [Fact]
        public async Task The_control_plane_needs_no_key()
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.GetAsync("/_emulator/stats", key: null);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Qomon.Emulator.Settings;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>birth-place-key: the spelling reads return for the birth places; writes take both.</summary>
    public class BirthPlaceKeyTests
    {
        private static readonly string[] Underscore = ["birth_city", "birth_dept", "birth_country"];
        private static readonly string[] Joined = ["birthcity", "birthdept", "birthcountry"];

        [Theory]
        [InlineData("birth_city")]
        [InlineData("birthcity")]
        public async Task Reads_use_the_configured_spelling_and_never_the_other(string key)
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { BirthPlaceKey = key });
            var (shown, hidden) = key == "birthcity" ? (Joined, Underscore) : (Underscore, Joined);
            var patched = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["birth_city"] = "Brest", ["birthdept"] = "Finistère", ["birth_country"] = "France" }));
            var search = await host.PostAsync("/search", SearchBody(AllOf(Condition("birthcity", "eql:strictdata", "Brest")), perPage: 10));
            var found = search.Body!["data"]!["contacts"]!.AsArray().Single(c => (long)c!["id"]! == host.FirstId)!.AsObject();
            foreach (var contact in new[] { patched.Contact, await host.ContactAsync(host.FirstId), found })
            {
                Assert.Equal(["Brest", "Finistère", "France"], shown.Select(k => (string?)contact[k]));
                Assert.All(hidden, k => Assert.False(contact.ContainsKey(k)));
            }
        }

        [Fact]
        public async Task Writes_take_either_spelling_and_a_write_with_neither_clears_them()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { BirthPlaceKey = "birthcity" });
            var written = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["birthcity"] = "Metz", ["birth_dept"] = "Moselle", ["birthcountry"] = "France" }));
            Assert.Equal(["Metz", "Moselle", "France"], Joined.Select(k => (string?)written.Contact[k]));

            var cleared = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Ada" }));
            Assert.All(Joined, k => Assert.Null((string?)cleared.Contact[k]));
            Assert.All(Joined, k => Assert.True(cleared.Contact.ContainsKey(k)));
        }

        [Fact]
        public async Task The_default_is_the_published_spelling_and_other_values_are_refused()
        {
            await using var host = await EmulatorHost.StartAsync();
            Assert.Equal("birth_city", host.State.Settings.BirthPlaceKey);
            Assert.True((await host.ContactAsync(host.FirstId)).ContainsKey("birth_city"));
            Assert.Equal("birthcity", CommandLine.Parse(["--birth-place-key", "birthcity"]).Settings!.BirthPlaceKey);
            Assert.NotNull(CommandLine.Parse(["--birth-place-key", "birthCity"]).Error);
            var bad = await host.PostAsync("/_emulator/config", new JsonObject { ["birthPlaceKey"] = "birth-city" }, null);
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        }
    }
}

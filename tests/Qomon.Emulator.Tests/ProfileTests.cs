using System.Net;
using System.Text.Json.Nodes;
using Qomon.Emulator.Settings;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>--profile harsh: every unkindness a client must survive, at once; later settings override it.</summary>
    public class ProfileTests
    {
        private static EmulatorSettings Parse(params string[] args) => CommandLine.Parse(args).Settings!;

        private static void AssertHarsh(EmulatorSettings s, RetryAfterStyle retryAfter = RetryAfterStyle.None)
        {
            Assert.True(s.Strict);
            Assert.Equal("customfields", s.CustomFieldsKey);
            Assert.True(s.SoftDeletedVisible);
            Assert.Equal(UnknownFieldsMode.Store, s.UnknownFields);
            Assert.Equal(2000, s.SearchIndexDelayMs);
            Assert.Equal(retryAfter, s.RetryAfter);
            Assert.Equal(5, s.CostUpsert);
        }

        [Fact]
        public void Harsh_sets_the_seven_settings_and_a_setting_after_it_overrides_it()
        {
            AssertHarsh(Parse("--profile", "harsh"));
            Assert.Equal("harsh", Parse("--profile", "harsh").Profile);
            AssertHarsh(Parse("--profile", "harsh", "--retry-after", "seconds"), RetryAfterStyle.Seconds);
            AssertHarsh(Parse("--retry-after", "date", "--profile", "harsh"));
            Assert.Equal(0, Parse("--profile", "harsh", "--search-index-delay-ms", "0").SearchIndexDelayMs);
            Assert.NotNull(CommandLine.Parse(["--profile", "cruel"]).Error);
        }

        [Fact]
        public void The_default_profile_puts_the_defaults_back()
        {
            var back = Profiles.Apply(Parse("--profile", "harsh", "--seed", "7"), Profiles.Default);
            Assert.Equal(Shown(new EmulatorSettings() with { Seed = 7 }), Shown(back));
        }

        private static List<string> Shown(EmulatorSettings s) =>
            SettingDefinitions.All.Select(d => d.Name + "=" + System.Text.Json.JsonSerializer.Serialize(d.Read(s))).ToList();

        [Fact]
        public async Task Under_harsh_the_emulator_answers_as_the_settings_say()
        {
            await using var host = await EmulatorHost.StartAsync(s => Profiles.Apply(s, Profiles.Harsh) with { Burst = 20, Rate = 1 });
            var id = host.FirstId;

            var contact = await host.ContactAsync(id);
            Assert.True(contact.ContainsKey("customfields"));
            Assert.False(contact.ContainsKey("custom_fields"));

            var readOnly = await host.PatchAsync($"/contacts/{id}", Contact(new JsonObject { ["firstname"] = "Ada", ["group_id"] = 1 }));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, readOnly.Status);

            host.Time.Advance(TimeSpan.FromSeconds(10));
            var written = await host.PatchAsync($"/contacts/{id}", Contact(new JsonObject
            {
                ["firstname"] = "Ada",
                ["favourite_colour"] = "teal",
                ["formdatas"] = new JsonArray(Answer(LevelOfSupport, Support, "support")),
            }));
            Assert.Equal(HttpStatusCode.OK, written.Status);
            Assert.Equal("teal", (string?)written.Contact["favourite_colour"]);
            Assert.Contains(written.Contact["formdatas"]!.AsArray(), a => a!["deleted_at"] is not null);

            var search = SearchBody(AllOf(Condition("firstname", "eql:strictdata", "Ada")), perPage: 10);
            Assert.Empty((await host.PostAsync("/search", search)).Body!["data"]!["contacts"]!.AsArray());
            host.Time.Advance(TimeSpan.FromSeconds(2));
            Assert.Single((await host.PostAsync("/search", search)).Body!["data"]!["contacts"]!.AsArray());

            Reply refused;
            do refused = await host.GetAsync($"/contacts/{id}"); while (refused.Status != HttpStatusCode.TooManyRequests);
            Assert.Null(refused.Header("Retry-After"));
        }

        [Fact]
        public async Task The_profile_can_be_set_at_run_time()
        {
            await using var host = await EmulatorHost.StartAsync();
            var config = (await host.PostAsync("/_emulator/config", new JsonObject { ["profile"] = "harsh", ["retryAfter"] = "date" }, null)).Body!;
            Assert.Equal("harsh", (string?)config["profile"]);
            AssertHarsh(host.State.Settings, RetryAfterStyle.Date);
        }
    }
}

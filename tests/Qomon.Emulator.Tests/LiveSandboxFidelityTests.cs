using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>Differences from the real API found by an independent client's contract suite run against a live sandbox.</summary>
    public class LiveSandboxFidelityTests
    {
        private static readonly string[] BooleanColumns = ["black_list", "mobile_invalid", "phone_invalid"];

        [Fact]
        public async Task A_contact_created_without_its_boolean_columns_reads_them_back_false_never_null()
        {
            await using var host = await EmulatorHost.StartAsync();
            var created = await host.PostAsync("/contacts", Contact(new JsonObject { ["firstname"] = "Ada", ["mobile_invalid"] = null }));
            Assert.Equal(HttpStatusCode.OK, created.Status);
            var id = (long)created.Contact["id"]!;
            foreach (var contact in new[] { created.Contact, await host.ContactAsync(id) })
                Assert.All(BooleanColumns, key => Assert.Equal(JsonValueKindFalse, contact[key]!.GetValueKind()));
        }

        [Fact]
        public async Task A_contact_created_by_upsert_reads_its_boolean_columns_back_false()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UpsertDelayMs = 0 });
            await host.PostAsync("/contacts/upsert", Upsert(new JsonObject { ["firstname"] = "Grace", ["surname"] = "Hopper-Fidelity" }));
            var created = host.State.Spaces[EmulatorHost.Key].Contacts.FindFirst(c => c.Surname == "Hopper-Fidelity")!;
            var contact = await host.ContactAsync(created.Id);
            Assert.All(BooleanColumns, key => Assert.Equal(JsonValueKindFalse, contact[key]!.GetValueKind()));
        }

        [Theory]
        [InlineData("date", "\"2020-01-02T00:00:00.000Z\"")]
        [InlineData("donedate", "\"2020-01-02T00:00:00.000Z\"")]
        [InlineData("date", "\"yesterday\"")]
        public async Task An_upsert_answer_with_a_date_is_applied_and_the_date_is_ignored(string key, string date)
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UpsertDelayMs = 0 });
            var data = JsonNode.Parse($$"""{"id":{{host.FirstId}},"status":[{"label":"Level of support","value":"opposed","{{key}}":{{date}}}]}""")!;
            Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync("/contacts/upsert", Upsert(data.AsObject()))).Status);

            var stats = (await host.GetAsync("/_emulator/stats", null)).Body!;
            Assert.Equal(0, (int)stats["upsertsDropped"]!);
            var answer = (await host.ContactAsync(host.FirstId))["formdatas"]!.AsArray().Single(a => (long)a!["form_id"]! == LevelOfSupport)!;
            Assert.Equal("opposed", (string?)answer["data"]);
            Assert.Equal(host.Time.GetUtcNow().UtcDateTime, DateTime.Parse((string)answer["date"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
        }

        private const System.Text.Json.JsonValueKind JsonValueKindFalse = System.Text.Json.JsonValueKind.False;
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Qomon.Emulator.Settings;
using Xunit;
using static Qomon.Emulator.Tests.Bodies;

namespace Qomon.Emulator.Tests
{
    /// <summary>unknown-fields: what POST /contacts and PATCH do with a contact field the emulator does not know.</summary>
    public class UnknownFieldsTests
    {
        private static JsonObject WithUnknown(string firstname = "Ada") => new()
        {
            ["firstname"] = firstname,
            ["favourite_colour"] = "teal",
            ["crm_ref"] = new JsonObject { ["system"] = "legacy", ["ids"] = new JsonArray(4, 5) },
        };

        [Fact]
        public async Task By_default_unknown_fields_are_ignored()
        {
            await using var host = await EmulatorHost.StartAsync();
            Assert.Equal(UnknownFieldsMode.Ignore, host.State.Settings.UnknownFields);
            var reply = await host.PostAsync("/contacts", Contact(WithUnknown()));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.False(reply.Contact.ContainsKey("favourite_colour"));
            Assert.False((await host.ContactAsync((long)reply.Contact["id"]!)).ContainsKey("crm_ref"));
        }

        [Fact]
        public async Task Reject_answers_422_naming_each_unknown_field_and_writes_nothing()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UnknownFields = UnknownFieldsMode.Reject });
            var store = host.State.Spaces[EmulatorHost.Key].Contacts;
            var count = store.Count;

            var created = await host.PostAsync("/contacts", Contact(WithUnknown()));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, created.Status);
            Assert.Equal(["data.contact.favourite_colour", "data.contact.crm_ref"], created.Body!["errors"]!.AsArray().Select(e => (string?)e!["location"]));
            Assert.Equal(count, store.Count);

            var patched = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(WithUnknown("Changed")));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, patched.Status);
            Assert.Contains("favourite_colour", patched.Text);
            Assert.Single(store.History(host.FirstId)!);
        }

        [Fact]
        public async Task Reject_leaves_read_only_fields_alone_unless_strict()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UnknownFields = UnknownFieldsMode.Reject });
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["firstname"] = "Ada", ["lastchange"] = "2026-01-01T00:00:00.000Z" }));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
        }

        [Fact]
        public async Task Store_keeps_unknown_fields_and_returns_them_as_sent_on_every_read()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UnknownFields = UnknownFieldsMode.Store });
            var created = await host.PostAsync("/contacts", Contact(WithUnknown()));
            Assert.Equal(HttpStatusCode.OK, created.Status);
            var id = (long)created.Contact["id"]!;
            AssertUnknownAsSent(created.Contact);
            AssertUnknownAsSent(await host.ContactAsync(id));

            var search = await host.PostAsync("/search", SearchBody(AllOf(Condition("firstname", "eql:strictdata", "Ada")), perPage: 10));
            AssertUnknownAsSent(search.Body!["data"]!["contacts"]!.AsArray().Single(c => (long)c!["id"]! == id)!.AsObject());
            var history = (await host.GetAsync($"/_emulator/contacts/{id}/history", null)).Body!.AsArray();
            AssertUnknownAsSent(Assert.Single(history)!.AsObject());
        }

        [Fact]
        public async Task Store_returns_a_changed_value_and_a_patch_that_leaves_a_field_out_clears_it()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UnknownFields = UnknownFieldsMode.Store });
            var id = host.FirstId;
            var first = await host.PatchAsync($"/contacts/{id}", Contact(WithUnknown()));
            AssertUnknownAsSent(first.Contact);

            var changed = await host.PatchAsync($"/contacts/{id}", Contact(new JsonObject { ["firstname"] = "Ada", ["favourite_colour"] = 7 }));
            Assert.Equal(7, (int)changed.Contact["favourite_colour"]!);
            Assert.False(changed.Contact.ContainsKey("crm_ref"));

            var cleared = await host.PatchAsync($"/contacts/{id}", Contact(new JsonObject { ["firstname"] = "Ada" }));
            Assert.False(cleared.Contact.ContainsKey("favourite_colour"));
            Assert.False((await host.ContactAsync(id)).ContainsKey("favourite_colour"));
        }

        [Fact]
        public async Task Store_never_keeps_the_customfields_response_key_so_writing_it_back_loses_the_custom_fields()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UnknownFields = UnknownFieldsMode.Store, CustomFieldsKey = "customfields" });
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject
            {
                ["firstname"] = "Ada",
                ["customfields"] = new JsonArray(Answer(FavouriteFood, Pizza, "pizza")),
            }));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Empty(reply.Contact["customfields"]!.AsArray());
        }

        [Fact]
        public async Task Store_with_strict_still_refuses_read_only_fields()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { UnknownFields = UnknownFieldsMode.Store, Strict = true });
            var reply = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["favourite_colour"] = "teal", ["group_id"] = 1 }));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
            Assert.Equal("data.contact.group_id", (string?)Assert.Single(reply.Body!["errors"]!.AsArray())!["location"]);
            var stored = await host.PatchAsync($"/contacts/{host.FirstId}", Contact(new JsonObject { ["favourite_colour"] = "teal" }));
            Assert.Equal("teal", (string?)stored.Contact["favourite_colour"]);
        }

        [Fact]
        public async Task The_setting_is_on_the_command_line_and_the_control_plane()
        {
            Assert.Equal(UnknownFieldsMode.Store, CommandLine.Parse(["--unknown-fields", "store"]).Settings!.UnknownFields);
            Assert.NotNull(CommandLine.Parse(["--unknown-fields", "keep"]).Error);
            await using var host = await EmulatorHost.StartAsync();
            var config = await host.PostAsync("/_emulator/config", new JsonObject { ["unknownFields"] = "reject" }, null);
            Assert.Equal("reject", (string?)config.Body!["unknownFields"]);
            Assert.Equal(UnknownFieldsMode.Reject, host.State.Settings.UnknownFields);
        }

        private static void AssertUnknownAsSent(JsonObject contact)
        {
            Assert.Equal("teal", (string?)contact["favourite_colour"]);
            Assert.Equal("""{"system":"legacy","ids":[4,5]}""", contact["crm_ref"]!.ToJsonString());
        }
    }
}

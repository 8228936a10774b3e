using System.Net;
using Xunit;

namespace Qomon.Emulator.Tests
{
    public class FormTests
    {
        [Theory]
        [InlineData("consent", new long[] { 47566 })]
        [InlineData("level_of_support", new long[] { 47570 })]
        [InlineData("presence_status", new long[] { 47575 })]
        [InlineData("survey", new long[] { 47580, 47581, 47582, 47583 })]
        [InlineData("tasks", new long[] { 47590, 47591 })]
        [InlineData("custom_fields", new long[] { 879854, 879855, 879856, 879857, 879858 })]
        public async Task Forms_by_type_list_the_seeded_forms_in_data_forms(string type, long[] ids)
        {
            await using var host = await EmulatorHost.StartAsync();
            foreach (var path in new[] { $"/v1/forms/type/{type}", $"/forms/{type}" })
            {
                var reply = await host.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                Assert.Equal("success", (string?)reply.Body!["status"]);
                Assert.Equal(ids, reply.Body["data"]!["forms"]!.AsArray().Select(f => (long)f!["id"]!));
            }
        }

        [Fact]
        public async Task A_form_has_the_spec_fields_and_its_refvalues()
        {
            await using var host = await EmulatorHost.StartAsync();
            var reply = await host.GetAsync("/forms/47566");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var form = reply.Body!["data"]!["form"]!;
            Assert.Equal("Consents", (string?)form["label"]);
            Assert.Equal("checkbox", (string?)form["type"]);
            Assert.Equal((long)(await host.ContactAsync(host.FirstId))["group_id"]!, (long)form["group_id"]![0]!);
            var email = form["refvalues"]![0]!;
            Assert.Equal(15648, (long)email["id"]!);
            Assert.Equal(47566, (long)email["form_id"]!);
            Assert.Equal("consent_email", (string?)email["value"]);
            Assert.Equal("Email", (string?)email["label"]);
            foreach (var field in new[] { "section", "order", "mandatory", "hidden", "CreatedAt", "UpdatedAt" })
                Assert.True(form.AsObject().ContainsKey(field), field);
        }

        [Theory]
        [InlineData(879856, "text")]
        [InlineData(879857, "date")]
        [InlineData(879858, "numeric")]
        public async Task Free_text_forms_have_one_refvalue_without_label_or_value(long id, string type)
        {
            await using var host = await EmulatorHost.StartAsync();
            var form = (await host.GetAsync($"/forms/{id}")).Body!["data"]!["form"]!;
            Assert.Equal(type, (string?)form["type"]);
            var only = Assert.Single(form["refvalues"]!.AsArray());
            Assert.Null(only!["label"]);
            Assert.Null(only["value"]);
        }

        [Fact]
        public async Task Unknown_forms_and_types_are_404()
        {
            await using var host = await EmulatorHost.StartAsync();
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("/forms/1")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("/v1/forms/type/petitions")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("/forms/petitions")).Status);
        }
    }

    public class ActionTests
    {
        [Fact]
        public async Task Actions_list_their_aggregates_counting_linked_contacts()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Seed = 200 });
            var reply = await host.GetAsync("/actions");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var actions = reply.Body!["data"]!["ActionsAggreg"]!.AsArray();
            Assert.Equal(20, actions.Count);
            var linked = host.State.Spaces[EmulatorHost.Key].Contacts.Snapshot().Count(c => c.ActionIds.Contains(9100));
            var first = actions.Single(a => (long)a!["Action"]!["id"]! == 9100)!;
            Assert.Equal(linked, (int)first["NbContacts"]!);
            Assert.True(actions.Sum(a => (int)a!["NbContacts"]!) > 0);
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/actions", null)).Status);
        }
    }
}

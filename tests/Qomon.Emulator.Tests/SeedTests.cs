using System.Text.Json.Nodes;
using Qomon.Emulator.Model;
using Qomon.Emulator.Seeding;
using Xunit;

namespace Qomon.Emulator.Tests
{
    public class SeedTests
    {
        private static async Task<string> AllContactsAsync(Func<Qomon.Emulator.Settings.EmulatorSettings, Qomon.Emulator.Settings.EmulatorSettings> configure)
        {
            await using var host = await EmulatorHost.StartAsync(configure);
            var reply = await host.PostAsync("/search", Bodies.SearchBody(new JsonObject { ["$all"] = new JsonArray() }, perPage: 1000));
            return reply.Body!["data"]!["contacts"]!.ToJsonString();
        }

        [Fact]
        public async Task The_same_random_seed_gives_identical_contacts()
        {
            var first = await AllContactsAsync(s => s with { Seed = 60, RandomSeed = 1234 });
            Assert.Equal(first, await AllContactsAsync(s => s with { Seed = 60, RandomSeed = 1234 }));
            Assert.NotEqual(first, await AllContactsAsync(s => s with { Seed = 60, RandomSeed = 1235 }));
        }

        [Fact]
        public async Task Seed_sets_the_number_of_contacts_in_each_space()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Seed = 123 });
            Assert.Equal(123, host.State.Spaces[EmulatorHost.Key].Contacts.Count);
            Assert.Equal(123, host.State.Spaces[EmulatorHost.OtherKey].Contacts.Count);
            var total = await host.PostAsync("/kpi", Bodies.SearchBody(null, perPage: null));
            Assert.Equal(123, (long)total.Body!["data"]!["total"]!);
        }

        [Fact]
        public async Task Seeded_contacts_are_realistic_and_answer_every_form()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Seed = 300 });
            var contacts = host.State.Spaces[EmulatorHost.Key].Contacts.Snapshot();
            Assert.All(contacts, c =>
            {
                Assert.InRange(c.Id, 10_000_000, 99_999_999);
                Assert.False(string.IsNullOrEmpty(c.Firstname));
                Assert.False(string.IsNullOrEmpty(c.Surname));
                Assert.Contains(c.Gender, new[] { "F", "M", "O" });
                if (c.Mail is not null) Assert.Matches(@"^[a-z]+\.[a-z]+\d*@[a-z.]+$", c.Mail);
                Assert.True(c.CreatedAt <= c.UpdatedAt && c.UpdatedAt <= SeedData.Anchor);
            });
            Assert.Contains(contacts, c => c.Phone is not null && c.Mobile is not null);
            Assert.Contains(contacts, c => c.Address is { City: not null, Postalcode: not null, Street: not null, Housenumber: not null });
            Assert.Contains(contacts, c => c.Tags.Count > 0);
            Assert.Contains(contacts, c => c.Notes.Count > 0);
            Assert.Contains(contacts, c => c.Address?.Postalcode?.StartsWith('0') == true);

            var answered = contacts.SelectMany(c => c.FormDatas.Concat(c.CustomFields)).Select(a => a.FormId).ToHashSet();
            Assert.All(FormCatalog.Default.Forms, f => Assert.Contains(f.Id, answered));
            Assert.Contains(contacts, c => c.FormDatas.Count(a => a.FormId == 47566) > 1);
            Assert.All(contacts, c => Assert.True(c.FormDatas.Count(a => a.FormId == 47570) <= 1));
            Assert.All(contacts.SelectMany(c => c.FormDatas), a => Assert.NotEqual(FormKinds.CustomFields, FormCatalog.Default.Find(a.FormId)!.Kind));
            Assert.All(contacts.SelectMany(c => c.CustomFields), a => Assert.Equal(FormKinds.CustomFields, FormCatalog.Default.Find(a.FormId)!.Kind));
        }

        [Fact]
        public async Task Every_third_seeded_contact_from_the_second_holds_repeated_entries_as_real_spaces_do()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Seed = 30 });
            var ids = host.State.Spaces[EmulatorHost.Key].Contacts.Snapshot().Select(c => c.Id).ToList();
            var free = FormCatalog.Default.Forms.Where(f => f.IsFreeText).ToDictionary(f => f.Id);
            var checkboxes = FormCatalog.Default.Forms.Where(f => f.Type == FormType.Checkbox).Select(f => f.Id).ToHashSet();
            var repeatedTypes = new HashSet<FormType>();
            var severalValues = 0;
            for (var i = 1; i < ids.Count; i += 3)
            {
                var contact = await host.ContactAsync(ids[i]);
                var rows = contact["formdatas"]!.AsArray().Concat(contact["custom_fields"]!.AsArray()).Select(a => a!.AsObject()).ToList();
                var byForm = rows.GroupBy(a => (long)a["form_id"]!).ToList();
                // The same value twice in one form, on different dates (two "Not home" notes), on every chosen contact.
                var twice = byForm.Where(g => free.ContainsKey(g.Key))
                    .Where(g => g.GroupBy(a => (string?)a["data"]).Any(same => same.Count() >= 2 && same.Select(a => (string?)a["date"]).Distinct().Count() == same.Count()))
                    .Select(g => free[g.Key].Type).ToList();
                Assert.Contains(FormType.Text, twice);
                repeatedTypes.UnionWith(twice);
                severalValues += byForm.Count(g => checkboxes.Contains(g.Key) && g.Select(a => (long)a["form_ref_id"]!).Distinct().Count() >= 2);
            }
            Assert.Equal(new HashSet<FormType> { FormType.Text, FormType.Numeric, FormType.Date }, repeatedTypes);
            Assert.True(severalValues >= 5, $"checkbox forms with several values: {severalValues}");
        }

        [Fact]
        public async Task Contacts_not_chosen_for_repeated_entries_have_one_entry_per_free_text_form()
        {
            await using var host = await EmulatorHost.StartAsync(s => s with { Seed = 30 });
            var contacts = host.State.Spaces[EmulatorHost.Key].Contacts.Snapshot();
            var free = FormCatalog.Default.Forms.Where(f => f.IsFreeText).Select(f => f.Id).ToHashSet();
            for (var i = 0; i < contacts.Length; i += 3)
                Assert.All(contacts[i].FormDatas.Concat(contacts[i].CustomFields).Where(a => free.Contains(a.FormId)).GroupBy(a => a.FormId), g => Assert.Single(g));
        }

        [Fact]
        public void The_catalog_has_every_kind_and_custom_fields_of_every_type()
        {
            var forms = FormCatalog.Default.Forms;
            Assert.All(FormKinds.All, kind => Assert.Contains(forms, f => f.Kind == kind));
            var customTypes = forms.Where(f => f.Kind == FormKinds.CustomFields).Select(f => f.Type).ToHashSet();
            Assert.Equal(Enum.GetValues<FormType>().ToHashSet(), customTypes);
            Assert.Equal(forms.Count, forms.Select(f => f.Label.ToLowerInvariant()).Distinct().Count());
            Assert.All(forms.Where(f => f.IsFreeText), f => Assert.Null(Assert.Single(f.RefValues).Value));
        }

        [Fact]
        public async Task Seeded_data_does_not_depend_on_the_clock()
        {
            await using var host = await EmulatorHost.StartAsync();
            var before = (await host.ContactAsync(host.FirstId)).ToJsonString();
            host.Time.Advance(TimeSpan.FromDays(30));
            await host.PostAsync("/_emulator/reset", null, null);
            Assert.Equal(before, (await host.ContactAsync(host.FirstId)).ToJsonString());
        }
    }
}

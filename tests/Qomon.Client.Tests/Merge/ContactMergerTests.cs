using System.Text.Json.Nodes;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Xunit;

namespace Qomon.Client.Tests.Merge
{
    public class ContactMergerTests
    {
        private static MergeResult Merge(JsonObject contact, ContactChanges changes) => ContactMerger.Merge(contact, changes, Forms.Catalog);

        private static JsonArray Entries(JsonObject body, string key) => body[key]!.AsArray();

        [Fact]
        public void SettingOneFieldKeepsEverythingElse()
        {
            var changes = new ContactChanges();
            changes.SetField("firstname", "Camila");
            var result = Merge(Contacts.Camille(), changes);

            Assert.True(result.HasChanges);
            var change = Assert.Single(result.Differences);
            Assert.Equal("firstname", change.Path);
            Assert.Equal(FieldChangeKind.Set, change.Kind);
            Assert.Equal("Camille", change.OldValue);
            Assert.Equal("Camila", change.NewValue);

            var body = result.Body;
            Assert.Equal("Camila", (string?)body["firstname"]);
            Assert.Equal("Martin", (string?)body["surname"]);
            Assert.Equal("Lyon", (string?)body["address"]!["city"]);
            Assert.Equal(2, body["tags"]!.AsArray().Count);
            Assert.Equal(2, body["notes"]!.AsArray().Count);
            Assert.Equal(6, Entries(body, "formdatas").Count);
            Assert.Equal(4, Entries(body, "custom_fields").Count);
            Assert.Equal("crm-77", (string?)body["external_id"]);
            Assert.Equal("GOLD", (string?)body["membership"]!["code"]);
        }

        [Fact]
        public void EmptyChangesGiveNoDifferences()
        {
            var result = Merge(Contacts.Camille(), new ContactChanges());
            Assert.False(result.HasChanges);
            Assert.Empty(result.Differences);
        }
    }
}

using System.Text.Json.Nodes;
using Qomon.Client.Merge;
using Qomon.Client.Tests.Merge.Fixtures;
using Qomon.Client.WriteShape;
using Xunit;

namespace Qomon.Client.Tests.WriteShape
{
    /// <summary>
    /// ContactWriteShape.Of builds the body of a contact written whole (New-QomonContact, -Replace). It used to be
    /// a merge into the contact (an empty one for a create); these pin that it gives the very same body.
    /// </summary>
    public class WholeContactTests
    {
        [Fact]
        public void ANewContactIsTheChangesInWriteShape()
        {
            var changes = ContactFixtureGenerator.TypicalChanges();
            changes.SetNotes(new JsonArray(new JsonObject { ["data"] = "Met at the market", ["pinned"] = true }));

            var body = ContactWriteShape.Of(new JsonObject(), changes, ContactFixtureGenerator.Forms());

            Assert.Equal(
                """{"firstname":"Camila","address":{"city":"Villeurbanne"},"tags":[{"name":"canvassed"}],"notes":[{"data":"Met at the market","pinned":true}],"formdatas":[{"form_id":503,"form_ref_id":5033,"data":"schools"}],"custom_fields":[{"form_id":601,"form_ref_id":6012,"data":"salad"}]}""",
                body.ToJsonString());
            Assert.True(JsonNode.DeepEquals(ContactMerger.Merge(new JsonObject(), changes, ContactFixtureGenerator.Forms()).Body, body));
        }

        [Fact]
        public void AReplacedContactIsTheEditedContactInWriteShapeWithTheChanges()
        {
            var edited = ContactFixtureGenerator.Contact();
            var changes = ContactFixtureGenerator.TypicalChanges();

            var body = ContactWriteShape.Of(edited, changes, ContactFixtureGenerator.Forms());

            Assert.Equal("Camila", (string?)body["firstname"]);
            Assert.False(body.ContainsKey("id"));
            var merged = ContactMerger.Merge(ContactWriteShape.From(edited), changes, ContactFixtureGenerator.Forms()).Body;
            Assert.True(JsonNode.DeepEquals(merged, body));
        }
    }
}

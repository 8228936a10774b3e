using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Qomon.Client.WriteShape;
using Xunit;

namespace Qomon.Client.Tests.Changes
{
    public class ContactChangeDetectorTests
    {
        [Fact]
        public void AnUntouchedContactHasNoChanges()
        {
            Assert.True(ContactChangeDetector.Between(Contacts.Camille(), Contacts.Camille()).IsEmpty);
            Assert.True(ContactChangeDetector.Between(Contacts.Camille(), ContactWriteShape.From(Contacts.Camille())).IsEmpty);
            Assert.True(ContactChangeDetector.Between(Contacts.Camille(), Contacts.CamilleWithCustomFieldsKey()).IsEmpty);
        }

        [Fact]
        public void EditedFieldsAndAddressPartsAreFound()
        {
            var edited = Contacts.Camille();
            edited["firstname"] = "Camila";
            edited["married_name"] = null;
            edited["address"]!["city"] = "Bron";
            edited["external_id"] = "crm-78";
            var changes = ContactChangeDetector.Between(Contacts.Camille(), edited);
            Assert.Equal(new[] { "firstname", "married_name", "external_id", "address.city" }, changes.Fields.Select(f => f.Path));
            Assert.True(changes.FindField("married_name")!.IsClear);
            Assert.Equal("crm-78", (string?)changes.FindField("external_id")!.Value);
        }

        [Fact]
        public void APropertyAddedUnderAFriendlyNameMeansItsField()
        {
            var edited = Contacts.Camille();
            edited["City"] = "Bron";
            edited["LastName"] = "Martins";
            var changes = ContactChangeDetector.Between(Contacts.Camille(), edited);
            Assert.Equal(new[] { "address.city", "surname" }, changes.Fields.Select(f => f.Path));
            var body = ContactMerger.Merge(Contacts.Camille(), changes, Forms.Catalog).Body;
            Assert.Equal("Bron", (string?)body["address"]!["city"]);
            Assert.False(body.ContainsKey("City"));
        }

        [Fact]
        public void ADateInAnotherFormOfTheSameMomentIsNoChange()
        {
            var edited = Contacts.Camille();
            edited["birthdate"] = "1975-07-06T00:00:00.000Z";
            edited["UpdatedAt"] = "2026-11-20T09:12:44.123Z";
            Assert.True(ContactChangeDetector.Between(Contacts.Camille(), edited).IsEmpty);
        }

        [Theory]
        [InlineData("1980-05-17")]
        [InlineData("1980-05-17T00:00:00Z")]
        [InlineData("1980-05-17T02:00:00+02:00")]
        public void AnEditedDateIsSentInTheFormQomonDocumentsForWrites(string typed)
        {
            var edited = Contacts.Camille();
            edited["birthdate"] = typed;
            var changes = ContactChangeDetector.Between(Contacts.Camille(), edited);
            Assert.Equal("1980-05-17T00:00:00.000Z", (string?)changes.FindField("birthdate")!.Value);
        }

        [Fact]
        public void AnEditedDateThatIsNoDateIsLeftAsTyped()
        {
            var edited = Contacts.Camille();
            edited["birthdate"] = "17/05/1980";
            Assert.Equal("17/05/1980", (string?)ContactChangeDetector.Between(Contacts.Camille(), edited).FindField("birthdate")!.Value);
        }

        [Fact]
        public void TagEditsBecomeSingleAdditionsAndRemovals()
        {
            var edited = Contacts.Camille();
            edited["tags"] = new JsonArray(new JsonObject { ["name"] = "volunteer" }, new JsonObject { ["name"] = "donor" });
            var changes = ContactChangeDetector.Between(Contacts.Camille(), edited);
            Assert.Null(changes.TagSet);
            Assert.Equal(new[] { "donor" }, changes.TagsAdded);
            Assert.Equal(new[] { "Lyon 3e" }, changes.TagsRemoved);
        }

        [Fact]
        public void AChangedFormIsSetExactlyAndOthersAreLeftAlone()
        {
            var edited = Contacts.Camille();
            var formdatas = edited["formdatas"]!.AsArray();
            formdatas.RemoveAt(1); // consent_sms
            edited["customfields"]!.AsArray().Add(new JsonObject { ["form_id"] = 202, ["form_ref_id"] = 2023, ["data"] = "logistics" });
            var changes = ContactChangeDetector.Between(Contacts.Camille(), edited);
            Assert.Equal(2, changes.Answers.Count);
            var consent = changes.FindAnswer(AnswerKind.FormData, Forms.Consent)!;
            Assert.True(consent.IsExact);
            Assert.Equal(new[] { "consent_email" }, consent.Values.Select(v => v.Data));
            Assert.Equal(3, changes.FindAnswer(AnswerKind.CustomField, Forms.Skills)!.Values.Count);
        }

        [Fact]
        public void ChangedNotesAreSetAsAWhole()
        {
            var edited = Contacts.Camille();
            edited["notes"]![0]!["pinned"] = false;
            var changes = ContactChangeDetector.Between(Contacts.Camille(), edited);
            Assert.True(changes.NotesSet);
            Assert.Equal(2, changes.Notes!.Count);
            Assert.False(changes.Notes[0]!.AsObject().ContainsKey("user"));
        }

        [Fact]
        public void DetectedChangesMergeOntoAServerStateWithAnotherEdit()
        {
            var edited = Contacts.Camille();
            edited["firstname"] = "Camila";
            var changes = ContactChangeDetector.Between(Contacts.Camille(), edited);

            var serverNow = Contacts.Camille();
            serverNow["mobile"] = "+33699999999"; // someone else's edit meanwhile
            var body = ContactMerger.Merge(serverNow, changes, Forms.Catalog).Body;
            Assert.Equal("Camila", (string?)body["firstname"]);
            Assert.Equal("+33699999999", (string?)body["mobile"]);
            Assert.Empty(ConflictDetector.Find(Contacts.Camille(), serverNow, changes));
        }
    }
}

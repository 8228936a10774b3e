using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Xunit;

namespace Qomon.Client.Tests.Changes
{
    public class ConflictDetectorTests
    {
        private static ContactChanges Changes(System.Action<ContactChanges> build)
        {
            var changes = new ContactChanges();
            build(changes);
            return changes;
        }

        private static JsonObject Server(System.Action<JsonObject> edit)
        {
            var contact = Contacts.Camille();
            edit(contact);
            return contact;
        }

        [Fact]
        public void TheSameFieldChangedOnBothSidesIsAConflict() =>
            Assert.Equal(new[] { "firstname" }, ConflictDetector.Find(Contacts.Camille(), Server(c => c["firstname"] = "Cam"), Changes(c => c.SetField("firstname", "Camila"))));

        [Fact]
        public void DifferentFieldsDoNotConflict() =>
            Assert.Empty(ConflictDetector.Find(Contacts.Camille(), Server(c => c["mobile"] = "+33600000000"), Changes(c => c.SetField("firstname", "Camila"))));

        [Fact]
        public void ServerNoiseIsNotAChange() =>
            Assert.Empty(ConflictDetector.Find(Contacts.Camille(), Server(c =>
            {
                c["UpdatedAt"] = "2026-11-21T00:00:00Z";
                c["birthdate"] = "1975-07-06T00:00:00.000000Z";
                c["formdatas"]![0]!["id"] = 99999;
                c["address"]!["score"] = 0.5;
            }), Changes(c =>
            {
                c.SetField("birthdate", "1980-01-01T00:00:00.000Z");
                c.ClearAnswer(AnswerKind.FormData, Forms.Consent);
                c.SetField("address.city", "Bron");
            })));

        [Fact]
        public void AddressPartsConflictOneByOne()
        {
            var server = Server(c => c["address"]!["city"] = "Bron");
            Assert.Equal(new[] { "address.city" }, ConflictDetector.Find(Contacts.Camille(), server, Changes(c => c.SetField("City", "Caluire"))));
            Assert.Empty(ConflictDetector.Find(Contacts.Camille(), server, Changes(c => c.SetField("address.street", "Rue Neuve"))));
            Assert.Equal(new[] { "address.city" }, ConflictDetector.Find(Contacts.Camille(), server, Changes(c => c.ClearField("address"))));
        }

        [Fact]
        public void TagsConflictOnlyOnTheSameTagUnlessSetAsAWhole()
        {
            var server = Server(c => c["tags"]!.AsArray().Add(new JsonObject { ["name"] = "donor" }));
            Assert.Empty(ConflictDetector.Find(Contacts.Camille(), server, Changes(c => c.AddTag("vip"))));
            Assert.Equal(new[] { "tags[donor]" }, ConflictDetector.Find(Contacts.Camille(), server, Changes(c => c.RemoveTag("Donor"))));
            Assert.Equal(new[] { "tags[donor]" }, ConflictDetector.Find(Contacts.Camille(), server, Changes(c => c.SetTags(new[] { "a" }))));
        }

        [Fact]
        public void AnswersConflictPerForm()
        {
            var server = Server(c => c["formdatas"]![2]!["data"] = "opposed");
            server["formdatas"]![2]!["form_ref_id"] = 1023;
            Assert.Equal(new[] { "form:102" }, ConflictDetector.Find(Contacts.Camille(), server,
                Changes(c => c.SetAnswer(AnswerKind.FormData, Forms.Support, new[] { new AnswerValue(1022, "weak") }))));
            Assert.Empty(ConflictDetector.Find(Contacts.Camille(), server,
                Changes(c => c.SetAnswer(AnswerKind.FormData, Forms.Presence, new[] { new AnswerValue(1061, "present") }))));
        }

        [Fact]
        public void CustomFieldsConflictWhicheverKeyTheServerUses()
        {
            var server = Contacts.CamilleWithCustomFieldsKey();
            server["custom_fields"]![0]!["data"] = "salad";
            server["custom_fields"]![0]!["form_ref_id"] = 2012;
            Assert.Equal(new[] { "custom:201" }, ConflictDetector.Find(Contacts.Camille(), server,
                Changes(c => c.ClearAnswer(AnswerKind.CustomField, Forms.Food))));
        }

        [Fact]
        public void NotesConflictWhenBothChangeThem()
        {
            var server = Server(c => c["notes"]!.AsArray().RemoveAt(1));
            Assert.Equal(new[] { "notes" }, ConflictDetector.Find(Contacts.Camille(), server, Changes(c => c.SetNotes(new JsonArray()))));
        }

        [Fact]
        public void BirthPlaceSpellingsAreOneField()
        {
            var server = Server(c =>
            {
                c.Remove("birth_city");
                c["birthcity"] = "Vienne";
            });
            Assert.Equal(new[] { "birth_city" }, ConflictDetector.Find(Contacts.Camille(), server, Changes(c => c.SetField("birthcity", "Lyon"))));
        }

        [Fact]
        public void NoChangesNoConflicts() =>
            Assert.Empty(ConflictDetector.Find(Contacts.Camille(), Server(c => c["firstname"] = "X"), new ContactChanges()));
    }
}

using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Tests.Merge.Fixtures;
using Qomon.Client.WriteShape;
using Xunit;

namespace Qomon.Client.Tests.WriteShape
{
    public class ContactWriteShapeTests
    {
        [Fact]
        public void TheWriteShapeOfAFullContactIsWhatAReplaceSends()
        {
            var body = ContactWriteShape.From(Contacts.Camille());
            Assert.Equal(new[]
            {
                "action_ids", "address", "age_category", "birth_city", "birth_country", "birth_dept", "birthdate", "black_list",
                "custom_fields", "firstname", "formdatas", "gender", "mail", "married_name", "mobile", "mobile_invalid", "nationality",
                "notes", "phone", "phone_invalid", "surname", "tags", "user_contact_id", "external_id", "membership",
            }, body.Select(p => p.Key));
            Assert.Equal("""{"form_id":101,"form_ref_id":1011,"data":"consent_email","date":"2025-02-03T10:11:12.345Z"}""", body["formdatas"]![0]!.ToJsonString());
            Assert.Equal("""[{"name":"volunteer"},{"name":"Lyon 3e"}]""", body["tags"]!.ToJsonString());
        }

        [Fact]
        public void TheWriteShapeIsStable()
        {
            var once = ContactWriteShape.From(Contacts.Camille());
            var twice = ContactWriteShape.From(once);
            Assert.True(JsonNode.DeepEquals(once, twice));
        }

        [Fact]
        public void TheSourceIsNotModified()
        {
            var contact = Contacts.Camille();
            ContactWriteShape.From(contact);
            Assert.True(JsonNode.DeepEquals(Contacts.Camille(), contact));
        }

        [Fact]
        public void AReplaceListsTheFieldsItWouldClear()
        {
            var replacement = new JsonObject
            {
                ["firstname"] = "Camille",
                ["surname"] = "Martin",
                ["mail"] = "camille.martin@example.org",
                ["address"] = new JsonObject { ["city"] = "Lyon" },
                ["tags"] = new JsonArray(new JsonObject { ["name"] = "volunteer" }),
                ["formdatas"] = new JsonArray(new JsonObject { ["form_id"] = 102, ["form_ref_id"] = 1021, ["data"] = "strong" }),
            };
            var cleared = ContactWriteShape.FieldsClearedByReplace(Contacts.Camille(), replacement, Forms.Catalog);
            Assert.Contains("married_name", cleared);
            Assert.Contains("birthdate", cleared);
            Assert.Contains("external_id", cleared);
            Assert.Contains("address.street", cleared);
            Assert.Contains("tags[Lyon 3e]", cleared);
            Assert.Contains("notes", cleared);
            Assert.Contains("form:Consent", cleared);
            Assert.Contains("custom:Skills", cleared);
            Assert.Contains("custom:Favourite food", cleared);
            Assert.DoesNotContain("firstname", cleared);
            Assert.DoesNotContain("address.city", cleared);
            Assert.DoesNotContain("form:Support level", cleared);
            Assert.DoesNotContain("tags[volunteer]", cleared);
            Assert.DoesNotContain("id", cleared);
            Assert.DoesNotContain("address.latitude", cleared);
        }

        [Fact]
        public void AReplaceWithTheSameContactClearsNothing() =>
            Assert.Empty(ContactWriteShape.FieldsClearedByReplace(Contacts.Camille(), ContactWriteShape.From(Contacts.Camille()), Forms.Catalog));
    }
}

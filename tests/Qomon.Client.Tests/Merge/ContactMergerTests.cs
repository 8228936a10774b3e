using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Qomon.Client.WriteShape;
using Xunit;

namespace Qomon.Client.Tests.Merge
{
    public class ContactMergerTests
    {
        private static MergeResult Merge(JsonObject contact, ContactChanges changes) => ContactMerger.Merge(contact, changes, Forms.Catalog);

        private static MergeResult Merge(ContactChanges changes) => Merge(Contacts.Camille(), changes);

        private static ContactChanges Changes(System.Action<ContactChanges> build)
        {
            var changes = new ContactChanges();
            build(changes);
            return changes;
        }

        [Fact]
        public void SettingOneFieldKeepsEverythingElse()
        {
            var result = Merge(Changes(c => c.SetField("firstname", "Camila")));

            var change = Assert.Single(result.Differences);
            Assert.Equal(("firstname", FieldChangeKind.Set, "Camille", "Camila"), (change.Path, change.Kind, change.OldValue, change.NewValue));
            var body = result.Body;
            Assert.Equal("Camila", (string?)body["firstname"]);
            Assert.Equal("Martin", (string?)body["surname"]);
            Assert.Equal("Lyon", (string?)body["address"]!["city"]);
            Assert.Equal(new[] { "volunteer", "Lyon 3e" }, Body.TagNames(body));
            Assert.Equal(2, body["notes"]!.AsArray().Count);
            Assert.Equal(6, body["formdatas"]!.AsArray().Count);
            Assert.Equal(4, body["custom_fields"]!.AsArray().Count);
            Assert.Equal(new long[] { 12, 14 }, body["action_ids"]!.AsArray().Select(n => (long)n!).ToArray());
            Assert.Equal(123, (long)body["user_contact_id"]!);
            Assert.False((bool)body["black_list"]!);
        }

        [Fact]
        public void UnknownFieldsAreKeptAsTheyAre()
        {
            var body = Merge(Changes(c => c.SetField("surname", "Martins"))).Body;
            Assert.Equal("crm-77", (string?)body["external_id"]);
            Assert.True(JsonNode.DeepEquals(Contacts.Camille()["membership"], body["membership"]));
        }

        [Fact]
        public void ReadOnlyFieldsAreNeverWritten()
        {
            var body = Merge(Changes(c => c.SetField("surname", "Martins"))).Body;
            foreach (var key in new[] { "id", "CreatedAt", "UpdatedAt", "lastchange", "lastchangeuserid", "group_id", "actions_ids", "customfields" })
                Assert.False(body.ContainsKey(key), key);
            var address = body["address"]!.AsObject();
            foreach (var key in new[] { "id", "latitude", "longitude", "location", "score" })
                Assert.False(address.ContainsKey(key), "address." + key);
        }

        [Fact]
        public void AnswerEntriesAreTrimmedToTheRequestShape()
        {
            var body = Merge(Changes(c => c.SetField("surname", "Martins"))).Body;
            foreach (var list in new[] { "formdatas", "custom_fields" })
            {
                foreach (var entry in body[list]!.AsArray())
                {
                    var keys = entry!.AsObject().Select(p => p.Key).ToList();
                    Assert.All(keys, k => Assert.Contains(k, new[] { "form_id", "form_ref_id", "data", "date", "survey_id" }));
                }
            }
            var support = Body.Entry(body, "formdatas", Forms.Support, "strong")!;
            Assert.Equal(88, (long)support["survey_id"]!);
        }

        [Fact]
        public void SoftDeletedEntriesAreSkipped()
        {
            var body = Merge(Changes(c => c.SetField("surname", "Martins"))).Body;
            Assert.Equal(new[] { (1021L, (string?)"strong") }, Body.Answers(body, "formdatas", Forms.Support));
        }

        [Fact]
        public void DatesAreWrittenWithMillisecondPrecision()
        {
            var body = Merge(Changes(c => c.SetField("surname", "Martins"))).Body;
            Assert.Equal("1975-07-06T00:00:00.000Z", (string?)body["birthdate"]);
            Assert.Equal("2025-02-03T10:11:12.345Z", (string?)Body.Entry(body, "formdatas", Forms.Consent, "consent_email")!["date"]);
            Assert.Equal("2025-05-06T07:08:09.100Z", (string?)Body.Entry(body, "formdatas", Forms.Support, "strong")!["date"]);
            Assert.Equal("2026-03-01T00:00:00.000Z", Body.Answers(body, "formdatas", Forms.LastVisit).Single().Data);
            Assert.Equal("2024-07-17T11:34:42.195Z", (string?)Body.Entry(body, "custom_fields", Forms.Food, "hamburger")!["date"]);
        }

        [Fact]
        public void CustomFieldsReadFromCustomfieldsAreWrittenUnderCustomFields()
        {
            var body = Merge(Changes(c => c.SetField("surname", "Martins"))).Body;
            Assert.False(body.ContainsKey("customfields"));
            Assert.Equal(4, body["custom_fields"]!.AsArray().Count);
        }

        [Fact]
        public void CustomFieldsReadFromCustomFieldsKeyAreKept()
        {
            var body = Merge(Contacts.CamilleWithCustomFieldsKey(), Changes(c => c.SetField("surname", "Martins"))).Body;
            Assert.Equal(4, body["custom_fields"]!.AsArray().Count);
        }

        [Fact]
        public void BothCustomFieldKeysAreUnitedWithoutDuplicates()
        {
            var contact = Contacts.Camille();
            contact["custom_fields"] = new JsonArray(
                new JsonObject { ["data"] = "hamburger", ["form_id"] = 201, ["form_ref_id"] = 2011, ["id"] = 9001 },
                new JsonObject { ["data"] = "logistics", ["form_id"] = 202, ["form_ref_id"] = 2023, ["id"] = 9010 });
            var body = Merge(contact, Changes(c => c.SetField("surname", "Martins"))).Body;
            Assert.Equal(5, body["custom_fields"]!.AsArray().Count);
            Assert.Equal(new[] { "it", "design", "logistics" }, Body.Answers(body, "custom_fields", Forms.Skills).Select(a => a.Data));
        }

        [Fact]
        public void AddressIsMergedPartByPart()
        {
            var result = Merge(Changes(c =>
            {
                c.SetField("address.city", "Villeurbanne");
                c.SetField("address.postalcode", "69100");
            }));
            var address = result.Body["address"]!.AsObject();
            Assert.Equal("Villeurbanne", (string?)address["city"]);
            Assert.Equal("69100", (string?)address["postalcode"]);
            Assert.Equal("Rue de la République", (string?)address["street"]);
            Assert.Equal(14, (int)address["housenumber"]!);
            Assert.Equal("Digicode 1234", (string?)address["infos"]);
            Assert.Equal(new[] { "address.city", "address.postalcode" }, result.Differences.Select(d => d.Path));
        }

        [Fact]
        public void AnAddressPartCanBeClearedAndAMissingAddressIsCreated()
        {
            var cleared = Merge(Changes(c => c.ClearField("address.door"))).Body["address"]!.AsObject();
            Assert.False(cleared.ContainsKey("door"));
            Assert.Equal("Lyon", (string?)cleared["city"]);

            var created = Merge(Contacts.Sparse(), Changes(c => c.SetField("address.city", "Nantes"))).Body;
            Assert.Equal("Nantes", (string?)created["address"]!["city"]);
        }

        [Fact]
        public void ClearingTheWholeAddressRemovesIt()
        {
            var result = Merge(Changes(c => c.ClearField("address")));
            Assert.False(result.Body.ContainsKey("address"));
            Assert.Contains(result.Differences, d => d.Path == "address.city" && d.Kind == FieldChangeKind.Cleared);
        }

        [Fact]
        public void AClearedFieldIsLeftOutOfTheBody()
        {
            var result = Merge(Changes(c => c.ClearField("married_name")));
            Assert.False(result.Body.ContainsKey("married_name"));
            var change = Assert.Single(result.Differences);
            Assert.Equal(("married_name", FieldChangeKind.Cleared, "Durand", ""), (change.Path, change.Kind, change.OldValue, change.NewValue));
        }

        [Fact]
        public void BirthPlaceKeepsTheSpellingTheContactHas()
        {
            var newer = Merge(Changes(c => c.SetField("birthcity", "Valence"))).Body;
            Assert.Equal("Valence", (string?)newer["birth_city"]);
            Assert.False(newer.ContainsKey("birthcity"));

            var older = Merge(Contacts.Sparse(), Changes(c => c.SetField("birth_city", "Angers"))).Body;
            Assert.Equal("Angers", (string?)older["birthcity"]);
            Assert.False(older.ContainsKey("birth_city"));

            var neither = Merge(Contacts.Sparse(), Changes(c => c.SetField("BirthCountry", "Belgique"))).Body;
            Assert.Equal("Belgique", (string?)neither["birth_country"]);
        }

        [Fact]
        public void TagsCanBeAddedAndRemovedOneByOne()
        {
            var result = Merge(Changes(c =>
            {
                c.AddTag("donor");
                c.RemoveTag("LYON 3E");
                c.AddTag("Volunteer");
            }));
            Assert.Equal(new[] { "volunteer", "donor" }, Body.TagNames(result.Body));
            Assert.All(result.Body["tags"]!.AsArray(), t => Assert.Single(t!.AsObject()));
            Assert.Equal(2, result.Differences.Count);
            Assert.Contains(result.Differences, d => d.Path == "tags" && d.Kind == FieldChangeKind.Added && d.NewValue == "donor");
            Assert.Contains(result.Differences, d => d.Path == "tags" && d.Kind == FieldChangeKind.Removed && d.OldValue == "Lyon 3e");
        }

        [Fact]
        public void TagsCanBeSetAsAWholeOrCleared()
        {
            Assert.Equal(new[] { "a", "b" }, Body.TagNames(Merge(Changes(c => c.SetTags(new[] { "a", "b", "A" }))).Body));
            var cleared = Merge(Changes(c => c.ClearTags()));
            Assert.Empty(cleared.Body["tags"]!.AsArray());
            Assert.Equal(2, cleared.Differences.Count(d => d.Kind == FieldChangeKind.Removed));
        }

        [Fact]
        public void NotesAreKeptInTheirWritableShape()
        {
            var notes = Merge(Changes(c => c.SetField("surname", "Martins"))).Body["notes"]!.AsArray();
            var first = notes[0]!.AsObject();
            Assert.Equal(new[] { "id", "data", "only_super_admin", "pinned" }, first.Select(p => p.Key));
            Assert.True((bool)notes[1]!["only_super_admin"]!);
        }

        [Fact]
        public void NotesCanBeReplacedAsAWhole()
        {
            var result = Merge(Changes(c => c.SetNotes(new JsonArray(
                new JsonObject { ["id"] = 1, ["data"] = "Met at the market, keen on transport", ["pinned"] = true, ["only_super_admin"] = false },
                new JsonObject { ["data"] = "Called back on 12 Nov" }))));
            Assert.Equal(2, result.Body["notes"]!.AsArray().Count);
            Assert.Contains(result.Differences, d => d.Path == "notes" && d.Kind == FieldChangeKind.Removed && d.OldValue == "Private: family situation");
            Assert.Contains(result.Differences, d => d.Path == "notes" && d.Kind == FieldChangeKind.Added && d.NewValue == "Called back on 12 Nov");
            Assert.Equal(2, result.Differences.Count);
        }

        [Fact]
        public void RadioAnswerIsReplaced()
        {
            var result = Merge(Changes(c => c.SetAnswer(AnswerKind.FormData, Forms.Support, new[] { new AnswerValue(1023, "opposed") })));
            Assert.Equal(new[] { (1023L, (string?)"opposed") }, Body.Answers(result.Body, "formdatas", Forms.Support));
            var change = Assert.Single(result.Differences);
            Assert.Equal(("form:Support level", FieldChangeKind.Set, "Strong supporter", "Opposed"), (change.Path, change.Kind, change.OldValue, change.NewValue));
        }

        [Fact]
        public void CheckboxAnswerIsSetToExactlyTheValuesGiven()
        {
            var result = Merge(Changes(c => c.SetAnswer(AnswerKind.FormData, Forms.Consent, new[] { new AnswerValue(1012, "consent_sms"), new AnswerValue(1013, "consent_phone") })));
            Assert.Equal(new[] { "consent_sms", "consent_phone" }, Body.Answers(result.Body, "formdatas", Forms.Consent).Select(a => a.Data));
            Assert.Equal("2025-02-03T10:11:12.345Z", (string?)Body.Entry(result.Body, "formdatas", Forms.Consent, "consent_sms")!["date"]);
            Assert.Null(Body.Entry(result.Body, "formdatas", Forms.Consent, "consent_phone")!["date"]);
            Assert.Equal(2, result.Differences.Count);
            Assert.Contains(result.Differences, d => d.Path == "form:Consent" && d.Kind == FieldChangeKind.Removed && d.OldValue == "Email");
            Assert.Contains(result.Differences, d => d.Path == "form:Consent" && d.Kind == FieldChangeKind.Added && d.NewValue == "Phone call");
        }

        [Fact]
        public void CheckboxValuesCanBeAddedAndRemovedOneByOne()
        {
            var result = Merge(Changes(c =>
            {
                c.AddAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2023, "logistics"));
                c.RemoveAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2021, "it"));
            }));
            Assert.Equal(new[] { "design", "logistics" }, Body.Answers(result.Body, "custom_fields", Forms.Skills).Select(a => a.Data));
            Assert.Equal(new[] { "custom:Skills -IT", "custom:Skills +Logistics" },
                result.Differences.Select(d => d.Path + " " + (d.Kind == FieldChangeKind.Added ? "+" + d.NewValue : "-" + d.OldValue)));
        }

        [Fact]
        public void RemovingAChoiceMatchesByRefvalueEvenIfTheDataIsSpelledOtherwise()
        {
            var contact = Contacts.Camille();
            contact["customfields"]![1]!["data"] = "IT";
            var body = Merge(contact, Changes(c => c.RemoveAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2021, "it")))).Body;
            Assert.Equal(new[] { "design" }, Body.Answers(body, "custom_fields", Forms.Skills).Select(a => a.Data));
        }

        [Fact]
        public void TextNumericAndDateAnswersAreReplaced()
        {
            var result = Merge(Changes(c =>
            {
                c.SetAnswer(AnswerKind.FormData, Forms.Comments, new[] { new AnswerValue(1031, "Called back") });
                c.SetAnswer(AnswerKind.FormData, Forms.Household, new[] { new AnswerValue(1041, "5") });
                c.SetAnswer(AnswerKind.FormData, Forms.LastVisit, new[] { new AnswerValue(1051, "2026-11-20T00:00:00.000Z") });
            }));
            Assert.Equal(new[] { (1031L, (string?)"Called back") }, Body.Answers(result.Body, "formdatas", Forms.Comments));
            Assert.Equal(new[] { (1041L, (string?)"5") }, Body.Answers(result.Body, "formdatas", Forms.Household));
            Assert.Equal(new[] { (1051L, (string?)"2026-11-20T00:00:00.000Z") }, Body.Answers(result.Body, "formdatas", Forms.LastVisit));
            Assert.Equal(3, result.Differences.Count);
            Assert.Contains(result.Differences, d => d.Path == "form:Household size" && d.OldValue == "4" && d.NewValue == "5");
        }

        [Fact]
        public void CustomFieldAnswersAreMergedLikeFormdatas()
        {
            var result = Merge(Changes(c =>
            {
                c.SetAnswer(AnswerKind.CustomField, Forms.Food, new[] { new AnswerValue(2012, "salad") });
                c.SetAnswer(AnswerKind.CustomField, Forms.Joined, new[] { new AnswerValue(2041, "2020-01-15T00:00:00.000Z") });
            }));
            Assert.Equal(new[] { (2012L, (string?)"salad") }, Body.Answers(result.Body, "custom_fields", Forms.Food));
            Assert.Equal(new[] { (2041L, (string?)"2020-01-15T00:00:00.000Z") }, Body.Answers(result.Body, "custom_fields", Forms.Joined));
            Assert.Equal(new[] { "it", "design" }, Body.Answers(result.Body, "custom_fields", Forms.Skills).Select(a => a.Data));
            Assert.Contains(result.Differences, d => d.Path == "custom:Favourite food" && d.OldValue == "Hamburger" && d.NewValue == "Salad");
            Assert.Contains(result.Differences, d => d.Path == "custom:Joined" && d.OldValue == "" && d.NewValue == "2020-01-15T00:00:00.000Z");
        }

        [Fact]
        public void AnAnswerCanBeCleared()
        {
            var result = Merge(Changes(c => c.ClearAnswer(AnswerKind.FormData, Forms.Consent)));
            Assert.Empty(Body.Answers(result.Body, "formdatas", Forms.Consent));
            Assert.Equal(4, result.Body["formdatas"]!.AsArray().Count);
            Assert.Equal(2, result.Differences.Count(d => d.Path == "form:Consent" && d.Kind == FieldChangeKind.Removed));
        }

        [Fact]
        public void OtherFormsKeepTheirEntriesAndDates()
        {
            var result = Merge(Changes(c => c.SetAnswer(AnswerKind.FormData, Forms.Presence, new[] { new AnswerValue(1061, "present") })));
            var before = ContactWriteShape.From(Contacts.Camille());
            foreach (var entry in before["formdatas"]!.AsArray())
                Assert.Contains(result.Body["formdatas"]!.AsArray(), e => JsonNode.DeepEquals(e, entry));
            Assert.Single(result.Differences);
        }

        [Fact]
        public void ACreateStartsFromAnEmptyContact()
        {
            var result = Merge(new JsonObject(), Changes(c =>
            {
                c.SetField("firstname", "Nour");
                c.SetField("City", "Lille");
                c.AddTag("new");
                c.SetAnswer(AnswerKind.FormData, Forms.Consent, new[] { new AnswerValue(1011, "consent_email") });
                c.SetAnswer(AnswerKind.CustomField, Forms.Food, new[] { new AnswerValue(2011, "hamburger") });
            }));
            Assert.Equal("""{"firstname":"Nour","address":{"city":"Lille"},"tags":[{"name":"new"}],"formdatas":[{"form_id":101,"form_ref_id":1011,"data":"consent_email"}],"custom_fields":[{"form_id":201,"form_ref_id":2011,"data":"hamburger"}]}""",
                result.Body.ToJsonString());
            Assert.Equal(5, result.Differences.Count);
        }

        [Fact]
        public void AnswersOfFormsNotInTheCatalogueAreKept()
        {
            var contact = Contacts.Camille();
            contact["formdatas"]!.AsArray().Add(new JsonObject { ["form_id"] = 777, ["form_ref_id"] = 7771, ["data"] = "task_done", ["id"] = 1 });
            var result = ContactMerger.Merge(contact, Changes(c => c.ClearAnswer(AnswerKind.FormData, Forms.Consent)), FormCatalog.Empty);
            Assert.Equal(new[] { (7771L, (string?)"task_done") }, Body.Answers(result.Body, "formdatas", 777));
            Assert.Equal(new[] { "form:101", "form:101" }, result.Differences.Select(d => d.Path)); // ids when the forms are unknown
            Assert.All(result.Differences, d => Assert.Equal(FieldChangeKind.Removed, d.Kind));
        }

        [Fact]
        public void TheCurrentContactIsNotModified()
        {
            var contact = Contacts.Camille();
            Merge(contact, Changes(c =>
            {
                c.SetField("firstname", "X");
                c.AddTag("t");
                c.ClearAnswer(AnswerKind.FormData, Forms.Consent);
            }));
            Assert.True(JsonNode.DeepEquals(Contacts.Camille(), contact));
        }

        [Fact]
        public void TheSameChangesCanBeMergedIntoSeveralContacts()
        {
            var changes = Changes(c => c.SetField("firstname", "Same"));
            var first = Merge(Contacts.Camille(), changes).Body;
            var second = Merge(Contacts.Sparse(), changes).Body;
            Assert.Equal("Same", (string?)first["firstname"]);
            Assert.Equal("Same", (string?)second["firstname"]);
        }
    }
}

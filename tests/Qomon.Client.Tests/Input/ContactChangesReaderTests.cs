using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Qomon.Client.Input;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Xunit;

namespace Qomon.Client.Tests.Input
{
    /// <summary>The reader's happy paths: names, aliases, nesting, CSV text, answers by label or id.</summary>
    public class ContactChangesReaderTests
    {
        private static ContactReadResult Read(Dictionary<string, object?> row, bool clearEmpty = false, bool requireId = false) =>
            ContactChangesReader.Read(row, Forms.Catalog, new ContactReadOptions { ClearEmpty = clearEmpty, RequireId = requireId });

        private static ContactReadResult Valid(Dictionary<string, object?> row, bool clearEmpty = false)
        {
            var result = Read(row, clearEmpty);
            Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
            return result;
        }

        private static string? Text(ContactReadResult result, string path) => result.Changes.FindField(path)?.Value?.ToJsonString();

        [Fact]
        public void CanonicalNamesAreRead()
        {
            var result = Valid(Body.Row(("firstname", "Camila"), ("surname", "Martin"), ("mail", "c@example.org"), ("address.city", "Lyon")));
            Assert.Equal(new[] { "firstname", "surname", "mail", "address.city" }, result.Changes.Fields.Select(f => f.Path));
            Assert.Equal("\"Camila\"", Text(result, "firstname"));
        }

        [Theory]
        [InlineData("Email", "mail")]
        [InlineData("EMAIL", "mail")]
        [InlineData("LastName", "surname")]
        [InlineData("FirstName", "firstname")]
        [InlineData("MarriedName", "married_name")]
        [InlineData("City", "address.city")]
        [InlineData("postalcode", "address.postalcode")]
        [InlineData("PostalCode", "address.postalcode")]
        [InlineData("ZipCode", "address.postalcode")]
        [InlineData("Street", "address.street")]
        [InlineData("HouseNumber", "address.housenumber")]
        [InlineData("Address.City", "address.city")]
        [InlineData("BirthCity", "birth_city")]
        [InlineData("birthcity", "birth_city")]
        [InlineData("Mobile", "mobile")]
        [InlineData("NATIONALITY", "nationality")]
        public void FriendlyNamesAreReadIgnoringCase(string name, string path)
        {
            var value = path == "mail" ? "a@example.org" : "x";
            var result = Valid(Body.Row((name, value)));
            Assert.Equal(path, Assert.Single(result.Changes.Fields).Path);
        }

        [Fact]
        public void NestedDictionariesReachAddressParts()
        {
            var nested = new Dictionary<string, object?> { ["City"] = "Lyon", ["postalcode"] = 69003 };
            var result = Valid(Body.Row(("address", nested)));
            Assert.Equal("\"Lyon\"", Text(result, "address.city"));
            Assert.Equal("\"69003\"", Text(result, "address.postalcode"));

            var hashtable = new Hashtable { ["street"] = "Rue Neuve" };
            Assert.Equal("\"Rue Neuve\"", Text(Valid(Body.Row(("Address", hashtable))), "address.street"));
        }

        [Fact]
        public void AHashtableCanBeReadDirectly()
        {
            var result = ContactChangesReader.ReadDictionary(new Hashtable { ["Id"] = 5, ["LastName"] = "Petit" }, Forms.Catalog, new ContactReadOptions { RequireId = true });
            Assert.True(result.IsValid);
            Assert.Equal(5, result.Id);
            Assert.Equal("surname", result.Changes.Fields.Single().Path);
        }

        [Theory]
        [InlineData("Id")]
        [InlineData("id")]
        [InlineData("ContactId")]
        [InlineData("contactid")]
        public void TheIdComesFromAnyOfItsNames(string name)
        {
            Assert.Equal(83854766, Valid(Body.Row((name, 83854766L))).Id);
            Assert.Equal(83854766, Valid(Body.Row((name, "83854766"))).Id);
            Assert.Equal(42, Valid(Body.Row((name, 42))).Id);
            Assert.Equal(42, Valid(Body.Row((name, 42.0))).Id);
            Assert.Equal(42, Valid(Body.Row((name, 42m))).Id);
            Assert.Equal(42, Valid(Body.Row((name, " 42 "))).Id);
        }

        [Fact]
        public void TheSameIdUnderTwoNamesIsFine() => Assert.Equal(7, Valid(Body.Row(("Id", 7), ("ContactId", "7"))).Id);

        [Fact]
        public void ReadOnlyFieldsAreIgnoredAndUpdatedAtIsCaptured()
        {
            var result = Valid(Body.Row(("id", 1), ("CreatedAt", "2022-10-13T15:50:34.643724Z"), ("UpdatedAt", "2026-11-20T09:12:44.123456Z"),
                ("lastchange", "2026-11-20T09:12:44.123Z"), ("group_id", 42), ("lastchangeuserid", 7), ("user_id", 3), ("actions_ids", new object[] { 1 }),
                ("interactions", new object[0]), ("address.latitude", "45.7"), ("address.score", 0.9), ("firstname", "A")));
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 12, 44, TimeSpan.Zero).AddTicks(1234560), result.UpdatedAt);
            Assert.Equal("firstname", Assert.Single(result.Changes.Fields).Path);
        }

        [Fact]
        public void AnEmptyStringChangesNothingAndIsListed()
        {
            var result = Valid(Body.Row(("firstname", ""), ("City", "  "), ("form:Consent", ""), ("tags", ""), ("surname", "Petit")));
            Assert.Equal(new[] { "firstname", "City", "form:Consent", "tags" }, result.SkippedEmpty);
            Assert.Equal("surname", Assert.Single(result.Changes.Fields).Path);
            Assert.Null(result.Changes.TagSet);
            Assert.Empty(result.Changes.Answers);
        }

        [Theory]
        [InlineData("sparse", new[] { "firstname", "birth_city" })]
        [InlineData("full", new[] { "firstname", "City", "form:Consent", "form:Comments", "birth_city", "married_name" })]
        public void BlankCellsCountOnlyWhereTheContactHoldsAValue(string shape, string[] wouldClear)
        {
            var contact = shape == "sparse" ? Contacts.Sparse() : Contacts.Camille();
            var result = Valid(Body.Row(("firstname", ""), ("City", " "), ("form:Consent", ""), ("form:Comments", ""), ("birth_city", ""), ("married_name", "")));
            Assert.Equal(new[] { "firstname", "City", "form:Consent", "form:Comments", "birth_city", "married_name" }, result.SkippedEmpty);
            Assert.Equal(wouldClear, result.Blanks.ThatWouldClear(contact, Forms.Catalog));
        }

        [Fact]
        public void WithClearEmptyAnEmptyStringClears()
        {
            var result = Valid(Body.Row(("firstname", ""), ("City", ""), ("form:Consent", ""), ("tags", "")), clearEmpty: true);
            Assert.Empty(result.SkippedEmpty);
            Assert.All(result.Changes.Fields, f => Assert.True(f.IsClear));
            Assert.Equal(new[] { "firstname", "address.city" }, result.Changes.Fields.Select(f => f.Path));
            Assert.Empty(result.Changes.TagSet!);
            Assert.Empty(result.Changes.FindAnswer(AnswerKind.FormData, Forms.Consent)!.Values);
        }

        [Fact]
        public void NullClears()
        {
            var result = Valid(Body.Row(("married_name", null), ("address", null), ("tags", null), ("notes", null), ("custom:Skills", null)));
            Assert.True(result.Changes.FindField("married_name")!.IsClear);
            Assert.True(result.Changes.FindField("address")!.IsClear);
            Assert.Empty(result.Changes.TagSet!);
            Assert.True(result.Changes.NotesSet);
            Assert.Empty(result.Changes.Notes!);
            Assert.True(result.Changes.FindAnswer(AnswerKind.CustomField, Forms.Skills)!.IsExact);
        }

        [Fact]
        public void CsvTextIsParsedForTypedFields()
        {
            var result = Valid(Body.Row(("black_list", "true"), ("mobile_invalid", "0"), ("phone_invalid", "Yes"), ("age_category", "3"),
                ("user_contact_id", "123"), ("gender", "f"), ("birthdate", "1980-05-17"), ("action_ids", "12; 14")));
            Assert.Equal("true", Text(result, "black_list"));
            Assert.Equal("false", Text(result, "mobile_invalid"));
            Assert.Equal("true", Text(result, "phone_invalid"));
            Assert.Equal("3", Text(result, "age_category"));
            Assert.Equal("123", Text(result, "user_contact_id"));
            Assert.Equal("\"F\"", Text(result, "gender"));
            Assert.Equal("\"1980-05-17T00:00:00.000Z\"", Text(result, "birthdate"));
            Assert.Equal("[12,14]", Text(result, "action_ids"));
        }

        [Fact]
        public void TypedValuesAreReadAsThemselves()
        {
            var result = Valid(Body.Row(("black_list", true), ("age_category", 2L), ("birthdate", new DateTime(1980, 5, 17)),
                ("action_ids", new object[] { 12, 14L }), ("address.postalcode", 69003), ("address.floor", 2.5)));
            Assert.Equal("true", Text(result, "black_list"));
            Assert.Equal("2", Text(result, "age_category"));
            Assert.Equal("\"1980-05-17T00:00:00.000Z\"", Text(result, "birthdate"));
            Assert.Equal("[12,14]", Text(result, "action_ids"));
            Assert.Equal("\"69003\"", Text(result, "address.postalcode"));
            Assert.Equal("\"2.5\"", Text(result, "address.floor"));
        }

        [Fact]
        public void DatesWithOffsetsAreWrittenInUtc()
        {
            var result = Valid(Body.Row(("birthdate", new DateTimeOffset(1980, 5, 17, 1, 0, 0, TimeSpan.FromHours(2)))));
            Assert.Equal("\"1980-05-16T23:00:00.000Z\"", Text(result, "birthdate"));
            Assert.Equal("\"1980-05-16T23:00:00.000Z\"", Text(Valid(Body.Row(("birthdate", "1980-05-17T01:00:00+02:00"))), "birthdate"));
        }

        [Fact]
        public void TextIsTrimmed() => Assert.Equal("\"Camille\"", Text(Valid(Body.Row(("firstname", "  Camille "))), "firstname"));

        [Fact]
        public void AddressInfosMaySpanLines() => Assert.Equal("\"Code 12\\nBat B\"", Text(Valid(Body.Row(("address.infos", "Code 12\nBat B"))), "address.infos"));

        [Fact]
        public void TagsComeAsAListOrSeparatedText()
        {
            Assert.Equal(new[] { "a", "b" }, Valid(Body.Row(("tags", new object[] { "a", "b", "A" }))).Changes.TagSet);
            Assert.Equal(new[] { "volunteer", "Lyon 3e" }, Valid(Body.Row(("Tags", "volunteer; Lyon 3e;"))).Changes.TagSet);
            Assert.Equal(new[] { "x" }, Valid(Body.Row(("tags", new List<object?> { new Dictionary<string, object?> { ["name"] = "x" } }))).Changes.TagSet);
        }

        [Fact]
        public void NotesComeAsTextsOrObjects()
        {
            var result = Valid(Body.Row(("notes", new object[] { "First", new Dictionary<string, object?> { ["id"] = 2, ["data"] = "Second", ["pinned"] = true } })));
            Assert.Equal("""[{"data":"First"},{"id":2,"data":"Second","pinned":true}]""", result.Changes.Notes!.ToJsonString());
        }

        [Theory]
        [InlineData("form:Support level", "Opposed")]
        [InlineData("form:support LEVEL", "opposed")]
        [InlineData("form:102", "1023")]
        [InlineData("Form:102", "OPPOSED")]
        public void ARadioAnswerIsNamedByLabelOrIdAndItsValueBySlugLabelOrId(string name, string value)
        {
            var answer = Assert.Single(Valid(Body.Row((name, value))).Changes.Answers);
            Assert.Equal((AnswerKind.FormData, Forms.Support, true), (answer.Kind, answer.FormId, answer.IsExact));
            var chosen = Assert.Single(answer.Values);
            Assert.Equal((1023L, "opposed"), (chosen.RefId, chosen.Data));
        }

        [Fact]
        public void ACheckboxTakesAListOrSeparatedText()
        {
            var fromList = Valid(Body.Row(("form:Consent", new object[] { "Email", "consent_sms" }))).Changes.Answers.Single();
            Assert.Equal(new[] { "consent_email", "consent_sms" }, fromList.Values.Select(v => v.Data));
            var fromText = Valid(Body.Row(("form:Consent", "Email;SMS; Phone call"))).Changes.Answers.Single();
            Assert.Equal(new[] { "consent_email", "consent_sms", "consent_phone" }, fromText.Values.Select(v => v.Data));
        }

        [Fact]
        public void AValueLabelContainingTheSeparatorIsFoundWhole()
        {
            var answer = Valid(Body.Row(("form:Topics", "Schools; colleges"))).Changes.Answers.Single();
            Assert.Equal(new[] { "schools" }, answer.Values.Select(v => v.Data));
        }

        [Fact]
        public void PlusAndMinusAddAndRemoveCheckboxValues()
        {
            var changes = Valid(Body.Row(("form:Consent+", "Phone call"), ("form:Consent-", "sms"), ("custom:Skills+", "Logistics;design"))).Changes;
            var consent = changes.FindAnswer(AnswerKind.FormData, Forms.Consent)!;
            Assert.False(consent.IsExact);
            Assert.Equal(new[] { "consent_phone" }, consent.Added.Select(v => v.Data));
            Assert.Equal(new[] { "consent_sms" }, consent.Removed.Select(v => v.Data));
            Assert.Equal(new[] { "logistics", "design" }, changes.FindAnswer(AnswerKind.CustomField, Forms.Skills)!.Added.Select(v => v.Data));
        }

        [Fact]
        public void ALabelEndingInPlusIsALabel()
        {
            var answer = Valid(Body.Row(("form:Age 65+", "yes"))).Changes.Answers.Single();
            Assert.Equal((Forms.Senior, true), (answer.FormId, answer.IsExact));
        }

        [Fact]
        public void FreeTextAnswersAreCheckedAndNormalised()
        {
            var changes = Valid(Body.Row(("form:Comments", "Called back"), ("form:Household size", "05"), ("custom:Score", 7.5),
                ("form:Last visit", "2026-11-20"), ("custom:Joined", new DateTime(2020, 1, 15)), ("custom:Member number", 42))).Changes;
            string Data(AnswerKind kind, long form) => changes.FindAnswer(kind, form)!.Values.Single().Data!;
            Assert.Equal("Called back", Data(AnswerKind.FormData, Forms.Comments));
            Assert.Equal("5", Data(AnswerKind.FormData, Forms.Household));
            Assert.Equal("7.5", Data(AnswerKind.CustomField, Forms.Score));
            Assert.Equal("2026-11-20T00:00:00.000Z", Data(AnswerKind.FormData, Forms.LastVisit));
            Assert.Equal("2020-01-15T00:00:00.000Z", Data(AnswerKind.CustomField, Forms.Joined));
            Assert.Equal("42", Data(AnswerKind.CustomField, Forms.MemberNumber));
            Assert.Equal(1051, changes.FindAnswer(AnswerKind.FormData, Forms.LastVisit)!.Values.Single().RefId);
        }

        [Fact]
        public void AFormAnsweredSeveralTimesIsOneEntryPerValueAsTheFlatExportJoinsThem()
        {
            var changes = Valid(Body.Row(("form:Comments", "Not home;Not home; Call back;;later"), ("form:Household size", new object[] { 3, "3" }),
                ("custom:Joined", "2020-01-15;2021-02-01T00:00:00Z"))).Changes;
            string[] Data(AnswerKind kind, long form) => changes.FindAnswer(kind, form)!.Values.Select(v => v.Data!).ToArray();
            Assert.Equal(new[] { "Not home", "Not home", "Call back;later" }, Data(AnswerKind.FormData, Forms.Comments));
            Assert.Equal(new[] { "3", "3" }, Data(AnswerKind.FormData, Forms.Household));
            Assert.Equal(new[] { "2020-01-15T00:00:00.000Z", "2021-02-01T00:00:00.000Z" }, Data(AnswerKind.CustomField, Forms.Joined));
        }

        [Theory]
        [InlineData(new[] { "a" }, "a")]
        [InlineData(new[] { "a", "b" }, "a;b")]
        [InlineData(new[] { "Call back; later", "x" }, "Call back;; later;x")]
        public void MultiValueTextSplitsWhatItJoins(string[] values, string cell)
        {
            Assert.Equal(cell, MultiValueText.Join(values));
            Assert.Equal(values, MultiValueText.Split(cell));
        }

        [Fact]
        public void AnAmbiguousLabelCanBeNamedById() =>
            Assert.Equal(Forms.RegionB, Valid(Body.Row(("form:304", "south"))).Changes.Answers.Single().FormId);

        [Fact]
        public void TheSameValueUnderAFieldAndItsAliasIsFine()
        {
            var result = Valid(Body.Row(("mail", "a@example.org"), ("Email", "a@example.org"), ("surname", "P"), ("LastName", "P")));
            Assert.Equal(2, result.Changes.Fields.Count);
        }

        [Fact]
        public void JsonValuesAreReadLikePlainOnes()
        {
            var contact = Contacts.Camille();
            var row = new Dictionary<string, object?>
            {
                ["id"] = contact["id"], ["address"] = contact["address"], ["tags"] = contact["tags"], ["notes"] = contact["notes"],
                ["formdatas"] = contact["formdatas"], ["customfields"] = contact["customfields"], ["age_category"] = contact["age_category"],
                ["birthdate"] = contact["birthdate"], ["black_list"] = contact["black_list"], ["UpdatedAt"] = contact["UpdatedAt"],
            };
            var result = Read(row, requireId: true);
            Assert.True(result.IsValid, string.Join("; ", result.Problems));
            Assert.Equal(Contacts.Id, result.Id);
            Assert.Equal(8, result.Changes.Answers.Count); // 5 forms with live entries, 3 custom fields
            var merged = ContactMerger.Merge(Contacts.Camille(), result.Changes, Forms.Catalog);
            Assert.False(merged.HasChanges, string.Join("; ", merged.Differences));
        }

        [Fact]
        public void ARawAnswerListSetsTheFormsItNames()
        {
            var entries = new object[]
            {
                new Dictionary<string, object?> { ["form_id"] = 101L, ["form_ref_id"] = 1013L, ["data"] = "consent_phone" },
                new Dictionary<string, object?> { ["form_id"] = "104", ["form_ref_id"] = "1041", ["data"] = "6" },
                new Dictionary<string, object?> { ["form_id"] = 102L, ["form_ref_id"] = 1022L, ["data"] = "weak", ["deleted_at"] = "2025-01-01T00:00:00Z" },
            };
            var changes = Valid(Body.Row(("formdatas", entries))).Changes;
            Assert.Equal(new[] { Forms.Consent, Forms.Household }, changes.Answers.Select(a => a.FormId));
            var body = ContactMerger.Merge(Contacts.Camille(), changes, Forms.Catalog).Body;
            Assert.Equal(new[] { "consent_phone" }, Body.Answers(body, "formdatas", Forms.Consent).Select(a => a.Data));
            Assert.Equal(new[] { "6" }, Body.Answers(body, "formdatas", Forms.Household).Select(a => a.Data));
            Assert.Equal(new[] { "strong" }, Body.Answers(body, "formdatas", Forms.Support).Select(a => a.Data));
        }

        [Fact]
        public void APipedContactsFieldsAreReadAndItsReadOnlyOnesIgnored()
        {
            var contact = Contacts.Camille();
            var row = new Dictionary<string, object?>();
            foreach (var pair in contact)
            {
                if (pair.Value is System.Text.Json.Nodes.JsonValue value && pair.Key != "formdatas") row[pair.Key] = value.GetValueKind() switch
                {
                    System.Text.Json.JsonValueKind.String => (string?)value,
                    System.Text.Json.JsonValueKind.Number => (long)value,
                    System.Text.Json.JsonValueKind.True => true,
                    System.Text.Json.JsonValueKind.False => false,
                    _ => null,
                };
            }
            row.Remove("external_id"); // unknown to the reader: a PSCustomObject would have to drop or rename it
            var result = Read(row, requireId: true);
            Assert.True(result.IsValid, string.Join("; ", result.Problems));
            Assert.Equal(Contacts.Id, result.Id);
            Assert.NotNull(result.UpdatedAt);
            Assert.DoesNotContain(result.Changes.Fields, f => f.Path == "lastchange" || f.Path == "group_id");
            var merged = ContactMerger.Merge(Contacts.Camille(), result.Changes, Forms.Catalog);
            Assert.False(merged.HasChanges, string.Join("; ", merged.Differences));
        }
    }
}

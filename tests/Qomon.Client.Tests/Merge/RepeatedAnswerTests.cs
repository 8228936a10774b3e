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
    /// <summary>
    /// A form's answers are a multiset: Qomon adds every text, numeric or date entry it is sent to the others, so the
    /// same value can be held twice (on different dates), and a PATCH that leaves a copy out deletes it.
    /// </summary>
    public class RepeatedAnswerTests
    {
        private static MergeResult Merge(JsonObject contact, System.Action<ContactChanges> build)
        {
            var changes = new ContactChanges();
            build(changes);
            return ContactMerger.Merge(contact, changes, Forms.Catalog);
        }

        private static MergeResult Merge(System.Action<ContactChanges> build) => Merge(Contacts.CamilleWithRepeatedEntries(), build);

        private static AnswerValue Text(string data) => new AnswerValue(1031, data);

        private static string[] DatesOf(JsonObject body, string key, long formId, string data) =>
            body[key]!.AsArray().Select(e => e!.AsObject())
                .Where(e => Body.Long(e["form_id"]) == formId && (string?)e["data"] == data)
                .Select(e => (string?)e["date"] ?? "(none)").ToArray();

        [Fact]
        public void TheWriteShapeKeepsEveryRepeatedEntryWithItsDate()
        {
            var body = ContactWriteShape.From(Contacts.CamilleWithRepeatedEntries());

            Assert.Equal(new[] { Contacts.FirstVisit, Contacts.SecondVisit }, DatesOf(body, "formdatas", Forms.Comments, Contacts.NotHome));
            Assert.Equal(2, DatesOf(body, "formdatas", Forms.Household, "4").Length);
            Assert.Equal(2, DatesOf(body, "formdatas", Forms.LastVisit, "2026-03-01T00:00:00.000Z").Length);
            Assert.Equal(2, DatesOf(body, "custom_fields", Forms.MemberNumber, "M-0042").Length);
            Assert.Equal(10, body["formdatas"]!.AsArray().Count); // 11 stored, one soft-deleted
        }

        [Fact]
        public void AnUnrelatedMergeKeepsEveryRepeatedEntryAndReportsOnlyItsChange()
        {
            var result = Merge(c => c.SetField("mobile", "+33699999999"));

            Assert.Equal("mobile", Assert.Single(result.Differences).Path);
            Assert.Equal(new[] { Contacts.FirstVisit, Contacts.SecondVisit }, DatesOf(result.Body, "formdatas", Forms.Comments, Contacts.NotHome));
            Assert.Equal(2, DatesOf(result.Body, "custom_fields", Forms.MemberNumber, "M-0042").Length);
            Assert.True(JsonNode.DeepEquals(ContactWriteShape.From(Contacts.CamilleWithRepeatedEntries())["formdatas"], result.Body["formdatas"]));
            Assert.True(JsonNode.DeepEquals(ContactWriteShape.From(Contacts.CamilleWithRepeatedEntries())["custom_fields"], result.Body["custom_fields"]));
        }

        [Fact]
        public void SettingTheSameRepeatedValuesInAnotherOrderIsNoChange() =>
            Assert.False(Merge(c => c.SetAnswer(AnswerKind.FormData, Forms.Comments, new[]
            {
                Text(Contacts.NotHome), Text("Wants a call back about the school bus"), Text(Contacts.NotHome),
            })).HasChanges);

        [Fact]
        public void SettingOneCopyWhereTwoAreHeldIsAChangeThatShowsTheCount()
        {
            var result = Merge(c => c.SetAnswer(AnswerKind.FormData, Forms.Comments, new[] { Text("Wants a call back about the school bus"), Text(Contacts.NotHome) }));

            var change = Assert.Single(result.Differences);
            Assert.Equal("form:Comments", change.Path);
            Assert.Equal("Wants a call back about the school bus; Not home \u00D72", change.OldValue);
            Assert.Equal("Wants a call back about the school bus; Not home", change.NewValue);
            Assert.Equal(new[] { Contacts.FirstVisit }, DatesOf(result.Body, "formdatas", Forms.Comments, Contacts.NotHome));
        }

        [Fact]
        public void AnExactSetKeepsOneStoredEntryPerCopyAskedForWithItsDateAndAddsTheRest()
        {
            var body = Merge(c => c.SetAnswer(AnswerKind.FormData, Forms.Comments, new[] { Text(Contacts.NotHome), Text(Contacts.NotHome), Text(Contacts.NotHome) })).Body;

            Assert.Equal(new[] { Contacts.FirstVisit, Contacts.SecondVisit, "(none)" }, DatesOf(body, "formdatas", Forms.Comments, Contacts.NotHome));
            Assert.Empty(DatesOf(body, "formdatas", Forms.Comments, "Wants a call back about the school bus"));
        }

        [Fact]
        public void RemovingAValueRemovesEveryCopyOfIt()
        {
            var result = Merge(c => c.RemoveAnswerValue(AnswerKind.FormData, Forms.Comments, Text(Contacts.NotHome)));

            Assert.Empty(DatesOf(result.Body, "formdatas", Forms.Comments, Contacts.NotHome));
            Assert.Single(DatesOf(result.Body, "formdatas", Forms.Comments, "Wants a call back about the school bus"));
            Assert.True(result.HasChanges);
        }

        [Fact]
        public void AnEditedContactThatLostOneCopyIsSeenAsAChangeOfThatForm()
        {
            var original = Contacts.CamilleWithRepeatedEntries();
            var edited = Contacts.CamilleWithRepeatedEntries();
            var formdatas = edited["formdatas"]!.AsArray();
            formdatas.RemoveAt(formdatas.Count - 3); // the second "Not home"

            var changes = ContactChangeDetector.Between(original, edited);

            var answer = Assert.Single(changes.Answers);
            Assert.Equal(Forms.Comments, answer.FormId);
            Assert.Equal(1, answer.Values.Count(v => v.Data == Contacts.NotHome));
            Assert.Empty(ContactChangeDetector.Between(original, Contacts.CamilleWithRepeatedEntries()).Answers);
        }

        [Fact]
        public void ACopyAddedOnTheServerConflictsWithAChangeOfThatFormOnly()
        {
            var server = Contacts.CamilleWithRepeatedEntries();
            server["formdatas"]!.AsArray().Add(new JsonObject { ["id"] = 7200, ["form_id"] = Forms.Comments, ["form_ref_id"] = 1031, ["data"] = Contacts.NotHome });
            var touchingComments = new ContactChanges();
            touchingComments.SetAnswer(AnswerKind.FormData, Forms.Comments, new[] { Text("Called back") });
            var touchingMobile = new ContactChanges();
            touchingMobile.SetField("mobile", "+33699999999");

            Assert.Equal(new[] { "form:103" }, ConflictDetector.Find(Contacts.CamilleWithRepeatedEntries(), server, touchingComments));
            Assert.Empty(ConflictDetector.Find(Contacts.CamilleWithRepeatedEntries(), server, touchingMobile));
        }

        [Fact]
        public void ACheckboxShowsALostCopyAsARemovalWithItsCount()
        {
            var contact = Contacts.Camille();
            contact["formdatas"]!.AsArray().Add(new JsonObject { ["form_id"] = Forms.Consent, ["form_ref_id"] = 1011, ["data"] = "consent_email" });
            var result = Merge(contact, c => c.SetAnswer(AnswerKind.FormData, Forms.Consent, new[] { new AnswerValue(1012, "consent_sms") }));

            var removed = Assert.Single(result.Differences);
            Assert.Equal((FieldChangeKind.Removed, "Email \u00D72"), (removed.Kind, removed.OldValue));
        }

        [Fact]
        public void AChoiceAskedForTwiceIsHeldOnce()
        {
            var email = new AnswerValue(1011, "consent_email");
            var twice = Merge(Contacts.Camille(), c => c.SetAnswer(AnswerKind.FormData, Forms.Consent, new[] { email, new AnswerValue(1012, "consent_sms"), email }));
            var alone = Merge(Contacts.Camille(), c => c.SetAnswer(AnswerKind.FormData, Forms.Consent, new[] { email, email }));

            Assert.False(twice.HasChanges);
            Assert.Equal(new[] { (1011L, (string?)"consent_email") }, Body.Answers(alone.Body, "formdatas", Forms.Consent));
        }

        [Fact]
        public void AnEntryUnderBothCustomFieldKeysCountsOnceAndRepeatsWithinOneKeyAllCount()
        {
            var contact = Contacts.CamilleWithRepeatedEntries(); // M-0042 twice under customfields
            contact["custom_fields"] = new JsonArray(new JsonObject { ["form_id"] = Forms.MemberNumber, ["form_ref_id"] = 2031, ["data"] = "M-0042", ["date"] = Contacts.FirstVisit });

            var body = ContactWriteShape.From(contact);

            // custom_fields comes last in this contact, so customfields is the first key: both of its copies stay.
            Assert.Equal(2, DatesOf(body, "custom_fields", Forms.MemberNumber, "M-0042").Length);
            Assert.Empty(ContactDiff.Between(contact, body));
            Assert.False(Merge(contact, c => c.SetAnswer(AnswerKind.CustomField, Forms.MemberNumber, new[] { new AnswerValue(2031, "M-0042"), new AnswerValue(2031, "M-0042") })).HasChanges);
            Assert.True(Merge(contact, c => c.SetAnswer(AnswerKind.CustomField, Forms.MemberNumber, new[] { new AnswerValue(2031, "M-0042") })).HasChanges);
        }

        [Fact]
        public void ACopyOnlyTheSecondCustomFieldKeyHoldsIsKept()
        {
            var contact = Contacts.Camille(); // M-0042 once under customfields
            contact["custom_fields"] = new JsonArray(
                new JsonObject { ["form_id"] = Forms.MemberNumber, ["form_ref_id"] = 2031, ["data"] = "M-0042" },
                new JsonObject { ["form_id"] = Forms.MemberNumber, ["form_ref_id"] = 2031, ["data"] = "M-0042", ["date"] = Contacts.SecondVisit });

            var body = ContactWriteShape.From(contact);

            Assert.Equal(2, DatesOf(body, "custom_fields", Forms.MemberNumber, "M-0042").Length);
            Assert.Empty(ContactDiff.Between(contact, body));
        }
    }
}

using System;
using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Xunit;

namespace Qomon.Client.Tests.Changes
{
    public class ContactChangesTests
    {
        [Fact]
        public void NewChangesAreEmpty()
        {
            var changes = new ContactChanges();
            Assert.True(changes.IsEmpty);
            Assert.Empty(changes.TouchedPaths);
            Assert.Equal("no changes", changes.ToString());
        }

        [Fact]
        public void FieldPathsAreCanonical()
        {
            var changes = new ContactChanges();
            changes.SetField("Email", "a@example.org");
            changes.SetField("birthcity", "Lyon");
            changes.SetField("City", "Lyon");
            changes.SetField("mail", "b@example.org"); // the same field again: the last value wins
            Assert.Equal(new[] { "mail", "birth_city", "address.city" }, changes.Fields.Select(f => f.Path));
            Assert.Equal("b@example.org", (string?)changes.FindField("mail")!.Value);
            Assert.False(changes.IsEmpty);
        }

        [Fact]
        public void ANodeWithAParentIsCopied()
        {
            var contact = Contacts.Camille();
            var changes = new ContactChanges();
            changes.SetField("firstname", contact["surname"]);
            Assert.Null(changes.FindField("firstname")!.Value!.Parent);
            Assert.Equal("Martin", (string?)contact["surname"]);
        }

        [Theory]
        [InlineData("")]
        [InlineData("tags")]
        [InlineData("notes")]
        [InlineData("formdatas")]
        [InlineData("customfields")]
        [InlineData("id")]
        [InlineData("UpdatedAt")]
        [InlineData("address.latitude")]
        [InlineData("address.")]
        [InlineData("membership.code")]
        public void SetFieldRefusesWhatItCannotSet(string path) => Assert.Throws<ArgumentException>(() => new ContactChanges().SetField(path, "x"));

        [Fact]
        public void TheWholeAddressCanOnlyBeCleared()
        {
            var changes = new ContactChanges();
            Assert.Throws<ArgumentException>(() => changes.SetField("address", new JsonObject()));
            changes.ClearField("address");
            Assert.True(changes.FindField("address")!.IsClear);
        }

        [Fact]
        public void TagAdditionsAndRemovalsCancelOut()
        {
            var changes = new ContactChanges();
            changes.AddTag("a");
            changes.RemoveTag("A");
            Assert.Empty(changes.TagsAdded);
            Assert.Equal(new[] { "A" }, changes.TagsRemoved);
            changes.AddTag(" a ");
            Assert.Equal(new[] { "a" }, changes.TagsAdded);
            Assert.Empty(changes.TagsRemoved);
            Assert.Throws<ArgumentException>(() => changes.AddTag(" "));
        }

        [Fact]
        public void TagChangesAfterAFullSetApplyToTheSet()
        {
            var changes = new ContactChanges();
            changes.SetTags(new[] { "a", "b" });
            changes.AddTag("c");
            changes.RemoveTag("A");
            Assert.Equal(new[] { "b", "c" }, changes.TagSet);
            Assert.Empty(changes.TagsAdded);
        }

        [Fact]
        public void AnswerValueChangesAfterAnExactSetApplyToTheSet()
        {
            var changes = new ContactChanges();
            changes.SetAnswer(AnswerKind.FormData, Forms.Consent, new[] { new AnswerValue(1011, "consent_email") });
            changes.AddAnswerValue(AnswerKind.FormData, Forms.Consent, new AnswerValue(1012, "consent_sms"));
            changes.RemoveAnswerValue(AnswerKind.FormData, Forms.Consent, new AnswerValue(1011, "consent_email"));
            var answer = Assert.Single(changes.Answers);
            Assert.True(answer.IsExact);
            Assert.Equal(new[] { "consent_sms" }, answer.Values.Select(v => v.Data));
        }

        [Fact]
        public void AddingAndRemovingTheSameValueCancelOut()
        {
            var changes = new ContactChanges();
            changes.AddAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2021, "it"));
            changes.RemoveAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2021, "it"));
            var answer = changes.FindAnswer(AnswerKind.CustomField, Forms.Skills)!;
            Assert.Empty(answer.Added);
            Assert.Single(answer.Removed);
        }

        [Fact]
        public void TouchedPathsNameEverythingChanged()
        {
            var changes = new ContactChanges();
            changes.SetField("firstname", "A");
            changes.SetField("City", "B");
            changes.AddTag("vip");
            changes.RemoveTag("old");
            changes.SetNotes(new JsonArray());
            changes.ClearAnswer(AnswerKind.FormData, Forms.Consent);
            changes.AddAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2021, "it"));
            Assert.Equal(new[] { "firstname", "address.city", "tags[vip]", "tags[old]", "notes", "form:101", "custom:202" }, changes.TouchedPaths);

            var whole = new ContactChanges();
            whole.SetTags(new[] { "x" });
            Assert.Equal(new[] { "tags" }, whole.TouchedPaths);
        }

        [Fact]
        public void TheSummaryIsReadable()
        {
            var changes = new ContactChanges();
            changes.SetField("firstname", "Ann");
            changes.ClearField("married_name");
            changes.AddTag("VIP");
            changes.RemoveTag("old");
            changes.SetAnswer(AnswerKind.FormData, Forms.Consent, new[] { new AnswerValue(1011, "consent_email"), new AnswerValue(1012, "consent_sms") });
            changes.AddAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2023, "logistics"));
            changes.ClearAnswer(AnswerKind.FormData, Forms.Support);
            Assert.Equal("firstname='Ann'; clear married_name; tags +'VIP'; tags -'old'; form:Consent='Email;SMS'; custom:Skills +'Logistics'; clear form:Support level",
                changes.Describe(Forms.Catalog));
            Assert.Equal("firstname='Ann'; clear married_name; tags +'VIP'; tags -'old'; form:101='consent_email;consent_sms'; custom:202 +'logistics'; clear form:102",
                changes.ToString());
        }

        [Fact]
        public void FieldChangesReadWell()
        {
            Assert.Equal("firstname: 'Camille' -> 'Camila'", new FieldChange("firstname", FieldChangeKind.Set, "Camille", "Camila").ToString());
            Assert.Equal("married_name: 'Durand' -> (cleared)", new FieldChange("married_name", FieldChangeKind.Cleared, "Durand", "").ToString());
            Assert.Equal("tags: + 'vip'", new FieldChange("tags", FieldChangeKind.Added, "", "vip").ToString());
            Assert.Equal("form:Consent: - 'SMS'", new FieldChange("form:Consent", FieldChangeKind.Removed, "SMS", "").ToString());
        }

        [Fact]
        public void LongValuesAreShortenedInDifferences()
        {
            var changes = new ContactChanges();
            changes.SetField("address.infos", new string('x', 200) + "\nline two");
            var change = ContactMerger.Merge(Contacts.Camille(), changes, Forms.Catalog).Differences.Single();
            Assert.Equal(80, change.NewValue.Length);
            Assert.EndsWith("...", change.NewValue);
            Assert.DoesNotContain("\n", change.NewValue);
        }
    }
}

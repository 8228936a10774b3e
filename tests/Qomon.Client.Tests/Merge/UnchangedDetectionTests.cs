using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Qomon.Client.WriteShape;
using Xunit;

namespace Qomon.Client.Tests.Merge
{
    /// <summary>When the merged contact equals the current one no PATCH is sent: equality must be semantic.</summary>
    public class UnchangedDetectionTests
    {
        private static bool HasChanges(JsonObject contact, System.Action<ContactChanges> build)
        {
            var changes = new ContactChanges();
            build(changes);
            return ContactMerger.Merge(contact, changes, Forms.Catalog).HasChanges;
        }

        private static bool HasChanges(System.Action<ContactChanges> build) => HasChanges(Contacts.Camille(), build);

        [Fact]
        public void SettingTheSameValueIsNoChange() => Assert.False(HasChanges(c => c.SetField("firstname", "Camille")));

        [Fact]
        public void ADateAtAnotherPrecisionIsTheSameInstant() =>
            Assert.False(HasChanges(c => c.SetField("birthdate", "1975-07-06T00:00:00.000Z")));

        [Fact]
        public void ADateOneMillisecondLaterIsAChange() =>
            Assert.True(HasChanges(c => c.SetField("birthdate", "1975-07-06T00:00:00.001Z")));

        [Fact]
        public void AnAddressNumberGivenAsTextEqualsTheStoredNumber()
        {
            Assert.False(HasChanges(c => c.SetField("address.housenumber", "14")));
            Assert.False(HasChanges(c => c.SetField("address.floor", "3")));
            Assert.True(HasChanges(c => c.SetField("address.housenumber", "14bis")));
        }

        [Fact]
        public void ClearingAnEmptyFieldIsNoChange()
        {
            var contact = Contacts.Camille();
            contact["married_name"] = "";
            Assert.False(HasChanges(contact, c => c.ClearField("married_name")));
            Assert.False(HasChanges(c => c.ClearField("nickname_never_set")));
        }

        [Fact]
        public void AddingATagThatIsThereIgnoringCaseIsNoChange() => Assert.False(HasChanges(c => c.AddTag("VOLUNTEER")));

        [Fact]
        public void RemovingATagThatIsNotThereIsNoChange() => Assert.False(HasChanges(c => c.RemoveTag("absent")));

        [Fact]
        public void SettingTheSameTagsInAnotherOrderIsNoChange() => Assert.False(HasChanges(c => c.SetTags(new[] { "Lyon 3e", "volunteer" })));

        [Fact]
        public void SettingTheSameCheckboxValuesInAnotherOrderIsNoChange() =>
            Assert.False(HasChanges(c => c.SetAnswer(AnswerKind.FormData, Forms.Consent, new[] { new AnswerValue(1012, "consent_sms"), new AnswerValue(1011, "consent_email") })));

        [Fact]
        public void AddingACheckboxValueThatIsThereIsNoChange() =>
            Assert.False(HasChanges(c => c.AddAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2022, "design"))));

        [Fact]
        public void SettingTheSameRadioAnswerIsNoChange() =>
            Assert.False(HasChanges(c => c.SetAnswer(AnswerKind.FormData, Forms.Support, new[] { new AnswerValue(1021, "strong") })));

        [Fact]
        public void SettingTheSameDateAnswerAtMillisecondsIsNoChange() =>
            Assert.False(HasChanges(c => c.SetAnswer(AnswerKind.FormData, Forms.LastVisit, new[] { new AnswerValue(1051, "2026-03-01T00:00:00.000Z") })));

        [Fact]
        public void TheSameNotesAreNoChange()
        {
            var notes = ContactWriteShape.From(Contacts.Camille())["notes"]!.AsArray();
            Assert.False(HasChanges(c => c.SetNotes((JsonArray)notes.DeepClone())));
        }

        [Fact]
        public void ASoftDeletedValueIsNotCountedAsPresent() =>
            Assert.True(HasChanges(c => c.AddAnswerValue(AnswerKind.FormData, Forms.Support, new AnswerValue(1022, "weak"))));

        [Fact]
        public void CustomFieldsUnderEitherKeyCompareEqual()
        {
            Assert.False(HasChanges(Contacts.CamilleWithCustomFieldsKey(), c => c.AddAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2021, "it"))));
            Assert.False(HasChanges(Contacts.Camille(), c => c.SetAnswer(AnswerKind.CustomField, Forms.Food, new[] { new AnswerValue(2011, "hamburger") })));
        }

        [Fact]
        public void TheOtherBirthPlaceSpellingIsTheSameField() =>
            Assert.False(HasChanges(Contacts.Sparse(), c => c.SetField("birth_city", "Nantes")));

        [Fact]
        public void AnIntegerGivenAsDifferentJsonTypesIsTheSameValue() =>
            Assert.False(HasChanges(c => c.SetField("age_category", JsonValue.Create(3L))));

        [Fact]
        public void ABoolIsNotTheSameAsItsText() =>
            Assert.True(HasChanges(c => c.SetField("black_list", "false")));
    }
}

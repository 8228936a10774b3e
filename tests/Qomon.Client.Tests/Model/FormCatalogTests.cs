using System.Linq;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Xunit;

namespace Qomon.Client.Tests.Model
{
    public class FormCatalogTests
    {
        private static readonly FormCatalog Catalog = Forms.Catalog;

        [Theory]
        [InlineData("Consent", AnswerKind.FormData, Forms.Consent)]
        [InlineData(" consent ", AnswerKind.FormData, Forms.Consent)]
        [InlineData("101", AnswerKind.FormData, Forms.Consent)]
        [InlineData("SKILLS", AnswerKind.CustomField, Forms.Skills)]
        [InlineData("202", AnswerKind.CustomField, Forms.Skills)]
        [InlineData("303", AnswerKind.FormData, Forms.RegionA)]
        public void FindsFormsByLabelOrId(string key, AnswerKind kind, long id) => Assert.Equal(id, Catalog.Resolve(key, kind).Form!.Id);

        [Fact]
        public void AnAmbiguousLabelNamesTheCandidates()
        {
            var lookup = Catalog.Resolve("region", AnswerKind.FormData);
            Assert.Null(lookup.Form);
            Assert.Equal("the label 'region' is ambiguous: forms 303, 304 share it; use form:<id>", lookup.Problem);
        }

        [Fact]
        public void AFormListedUnderTwoKindsCountsOnce()
        {
            var catalog = new FormCatalog(Forms.All().Concat(Forms.All()));
            Assert.Equal(Forms.All().Length, catalog.Forms.Count);
            Assert.NotNull(catalog.Resolve("Consent", AnswerKind.FormData).Form);
        }

        [Theory]
        [InlineData("1012", 1012)]
        [InlineData("consent_sms", 1012)]
        [InlineData("CONSENT_SMS", 1012)]
        [InlineData("sms", 1012)]
        [InlineData(" Phone call ", 1013)]
        public void FindsRefvaluesByIdSlugOrLabel(string text, long id) =>
            Assert.Equal(id, FormCatalog.FindRefValue(Catalog.Find(Forms.Consent)!, text)!.Id);

        [Fact]
        public void AnUnknownRefvalueIsNull() => Assert.Null(FormCatalog.FindRefValue(Catalog.Find(Forms.Consent)!, "fax"));

        [Fact]
        public void DisplaysAnswersByLabel()
        {
            Assert.Equal("SMS", Catalog.DisplayAnswer(Forms.Consent, 1012, "consent_sms"));
            Assert.Equal("Called back", Catalog.DisplayAnswer(Forms.Comments, 1031, "Called back"));
            Assert.Equal("raw", Catalog.DisplayAnswer(999, 1, "raw"));
            Assert.Equal("form:Consent", Catalog.DisplayPath(AnswerKind.FormData, Forms.Consent));
            Assert.Equal("custom:999", Catalog.DisplayPath(AnswerKind.CustomField, 999));
        }

        [Fact]
        public void QomonFormKnowsItsKindAndType()
        {
            var skills = Catalog.Find(Forms.Skills)!;
            Assert.True(skills.IsCustomField);
            Assert.True(skills.IsCheckbox);
            Assert.True(skills.IsChoice);
            Assert.Equal(AnswerKind.CustomField, skills.AnswerKind);
            Assert.Equal(AnswerKind.FormData, Catalog.Find(Forms.Comments)!.AnswerKind);
            Assert.True(Catalog.Find(Forms.Comments)!.IsFreeText);
        }
    }
}

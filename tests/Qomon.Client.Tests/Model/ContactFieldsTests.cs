using System.Linq;
using Qomon.Client.Model;
using Xunit;

namespace Qomon.Client.Tests.Model
{
    public class ContactFieldsTests
    {
        [Theory]
        [InlineData("mail", "mail", ContactFieldType.Email)]
        [InlineData("Email", "mail", ContactFieldType.Email)]
        [InlineData("birthcity", "birth_city", ContactFieldType.Text)]
        [InlineData("BIRTH_CITY", "birth_city", ContactFieldType.Text)]
        [InlineData("age_category", "age_category", ContactFieldType.IntRange)]
        [InlineData("City", "address.city", ContactFieldType.Text)]
        [InlineData("address.infos", "address.infos", ContactFieldType.MultilineText)]
        [InlineData("tags", "tags", ContactFieldType.Tags)]
        [InlineData("action_ids", "action_ids", ContactFieldType.IdList)]
        public void ResolvesNames(string name, string path, ContactFieldType type)
        {
            Assert.True(ContactFields.TryResolve(name, out var field));
            Assert.Equal((path, type), (field.Path, field.Type));
        }

        [Theory]
        [InlineData("id")]
        [InlineData("UpdatedAt")]
        [InlineData("lastchange")]
        [InlineData("address.latitude")]
        [InlineData("external_id")]
        public void DoesNotResolveReadOnlyOrUnknownNames(string name) => Assert.False(ContactFields.TryResolve(name, out _));

        [Fact]
        public void KnowsTheReadOnlyFields()
        {
            Assert.Equal(new[] { "id", "group_id", "CreatedAt", "UpdatedAt", "lastchange", "lastchangeuserid", "user_id", "actions_ids", "interactions" }.OrderBy(k => k),
                ContactFields.ReadOnlyKeys.OrderBy(k => k));
            Assert.True(ContactFields.IsReadOnlyAddressPart("location"));
            Assert.Equal(new[] { "form_id", "form_ref_id", "data", "date", "survey_id" }, ContactFields.EntryKeys);
        }

        [Fact]
        public void MapsBirthPlaceSpellings()
        {
            Assert.Equal("birth_dept", ContactFields.CanonicalKey("birthdept"));
            Assert.Equal("birthcountry", ContactFields.OtherSpellingOf("birth_country"));
            Assert.Null(ContactFields.OtherSpellingOf("firstname"));
        }

        [Fact]
        public void EveryAliasPointsAtAWritableField() =>
            Assert.All(ContactFields.Aliases, alias => Assert.Contains(ContactFields.All, f => f.Path == alias.Value));
    }
}

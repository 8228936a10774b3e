using System.Linq;
using Qomon.Client.Input;
using Qomon.Client.Tests.Merge.Fixtures;
using Xunit;

namespace Qomon.Client.Tests.Merge
{
    /// <summary>
    /// What the bad-input corpus refuses (lone surrogates anywhere, format characters in mail/phone/mobile) must
    /// not catch the legitimate uses: whole emoji, joiners in names and free text, and a BOM left on a header.
    /// </summary>
    public class InvisibleCharacterTests
    {
        [Theory]
        [InlineData("firstname", "Ann \U0001F600")]                        // a whole surrogate pair
        [InlineData("firstname", "Ann \U0001F469\u200D\U0001F4BB")]       // ZWJ joins an emoji sequence
        [InlineData("surname", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645")] // ZWNJ is part of Persian spelling
        [InlineData("mail", "ann@example.org")]
        [InlineData("phone", "+33 6 12 34 56 78")]
        public void LegitimateTextIsKept(string field, string value)
        {
            var result = ContactChangesReader.Read(Body.Row((field, value)), Forms.Catalog, new ContactReadOptions());

            Assert.True(result.IsValid, string.Join("; ", result.Problems));
            Assert.Equal(value, result.Changes.Fields.Single().Value!.GetValue<string>());
        }

        [Theory]
        [InlineData("\uFEFFId")]
        [InlineData("\uFEFFContactId")]
        public void AByteOrderMarkLeftOnTheFirstHeaderDoesNotHideTheId(string header)
        {
            var result = ContactChangesReader.Read(Body.Row((header, 42L), ("firstname", "Ann")), Forms.Catalog, new ContactReadOptions { RequireId = true });

            Assert.True(result.IsValid, string.Join("; ", result.Problems));
            Assert.Equal(42L, result.Id);
        }

        [Fact]
        public void AByteOrderMarkLeftOnTheFirstHeaderDoesNotHideAField()
        {
            var result = ContactChangesReader.Read(Body.Row(("\uFEFFmail", "ann@example.org")), Forms.Catalog, new ContactReadOptions());

            Assert.True(result.IsValid, string.Join("; ", result.Problems));
            Assert.Equal("mail", result.Changes.Fields.Single().Path);
        }
    }
}

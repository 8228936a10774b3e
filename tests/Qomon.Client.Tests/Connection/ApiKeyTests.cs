using System.Net.Http;
using Qomon.Client.Connection;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Connection
{
    public class ApiKeyTests
    {
        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        [InlineData("  \t")]
        public async Task AKeyReadFromAFileLosesItsSurroundingWhitespace(string around)
        {
            using var t = new TestConnection(key: " " + TestConnection.Key + around);
            t.Transport.ThenStatus(200, "{}");

            await t.Drive(t.Client.SendAsync(HttpMethod.Get, "/actions", null, CancellationToken.None));

            Assert.Equal("Bearer " + TestConnection.Key, Assert.Single(t.Sent).Authorization);
            using var plain = new TestConnection();
            Assert.Equal(plain.Connection.KeyFingerprint, t.Connection.KeyFingerprint);
        }

        [Theory]
        [InlineData("qk_live_ab\ncd", "a line break (U+000A) at character 11 of 13")]
        [InlineData("qk_live_ab\0cd", "a control character (U+0000)")]
        [InlineData("qk_live_ab cd", "a space at character 11")]
        [InlineData("qk_live_ab\u00e9cd", "a non-ASCII character (U+00E9)")]
        [InlineData("qk_live_ab\u200bcd", "a non-ASCII character (U+200B)")]
        [InlineData("qk_live_ab\u00a0cd", "a non-ASCII space (U+00A0)")]
        public void AKeyWithACharacterNoHeaderCanCarryIsRefusedWithoutShowingIt(string key, string expected)
        {
            var settings = new QomonConnectionSettings { BaseUri = new Uri("https://qomon.test") };

            var ex = Assert.Throws<InvalidApiKeyException>(() => QomonConnection.Open(settings, TestConnection.Secure(key)));

            Assert.Contains(expected, ex.Message);
            Assert.DoesNotContain("qk_live", ex.Message);
        }

        [Fact]
        public void AKeyOfOnlyWhitespaceIsEmpty()
        {
            var settings = new QomonConnectionSettings { BaseUri = new Uri("https://qomon.test") };

            var ex = Assert.Throws<InvalidApiKeyException>(() => QomonConnection.Open(settings, TestConnection.Secure(" \r\n")));

            Assert.Contains("empty", ex.Message);
        }
    }
}

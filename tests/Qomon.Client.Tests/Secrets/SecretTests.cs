using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Qomon.Client.Connection;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Secrets
{
    public class SecretTests
    {
        private static readonly string Base64Key = Convert.ToBase64String(Encoding.UTF8.GetBytes(TestConnection.Key));

        private static void AssertClean(string? text)
        {
            Assert.NotNull(text);
            Assert.DoesNotContain(TestConnection.Key, text);
            Assert.DoesNotContain(Base64Key, text);
            Assert.DoesNotContain("Bearer qk_", text);
        }

        [Fact]
        public async Task TheKeyGoesOnTheWireAsABearerTokenAndNowhereInTheLog()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(503).ThenStatus(200, MinimalAnswers.Contact(1));

            await t.Drive(t.Client.ReplaceContactAsync(1, new JsonObject { ["firstname"] = "Ada" }, CancellationToken.None));

            Assert.All(t.Sent, s => Assert.Equal("Bearer " + TestConnection.Key, s.Authorization));
            Assert.NotEmpty(t.Log.Debug);
            Assert.All(t.Log.All, AssertClean);
            Assert.Contains(t.Log.Debug, l => l.Contains("Authorization: [redacted]"));
        }

        [Fact]
        public async Task AnAuthorizationHeaderGivenByTheCallerIsRedactedInDebugOutput()
        {
            using var t = new TestConnection();
            // Invoke-QomonRequest users may paste headers; diagnostics must not echo them.
            t.Transport.ThenStatus(200, "{}", r => r.Headers.TryAddWithoutValidation("Set-Cookie", "session=abc"));

            await t.Drive(t.Client.SendAsync(HttpMethod.Get, "/actions", null, CancellationToken.None));

            Assert.Contains(t.Log.Debug, l => l.Contains("Set-Cookie: [redacted]"));
            Assert.DoesNotContain(t.Log.Debug, l => l.Contains("session=abc"));
        }

        [Fact]
        public async Task AnErrorBodyThatEchoesTheKeyIsScrubbedFromTheExceptionAndTheLog()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(401, "{\"title\":\"Unauthorized\",\"detail\":\"unknown key " + TestConnection.Key + " (" + Base64Key + ")\"}");

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetContactAsync(1, CancellationToken.None)));

            AssertClean(ex.Message);
            AssertClean(ex.Detail);
            AssertClean(ex.ToString());
            Assert.All(t.Log.All, AssertClean);
        }

        [Fact]
        public async Task ATransportErrorMentioningTheKeyIsScrubbed()
        {
            using var t = new TestConnection(s => s.MaxAttempts = 1);
            t.Transport.ThenThrow(new HttpRequestException("proxy refused header Bearer " + TestConnection.Key));

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetContactAsync(1, CancellationToken.None)));

            AssertClean(ex.Message);
            AssertClean(ex.Detail);
            Assert.All(t.Log.All, AssertClean);
        }

        [Fact]
        public void TheConnectionShowsOnlyTheFingerprint()
        {
            using var t = new TestConnection();
            var c = t.Connection;
            var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TestConnection.Key)))[..8].ToLowerInvariant();

            Assert.Equal(expected, c.KeyFingerprint);
            Assert.Contains(expected, c.ToString());
            AssertClean(c.ToString());
            AssertClean(c.Budget.ToString());
            AssertClean(c.Counters.ToString());
            AssertClean(c.Settings.ToString());
            AssertClean(c.Client.ToString());
        }

        [Fact]
        public void NoPropertyOfTheConnectionHoldsTheKey()
        {
            using var t = new TestConnection();
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            Walk(t.Connection, 0, seen);
        }

        // What Format-List * and ConvertTo-Json -Depth 3 would reach.
        private static void Walk(object? value, int depth, HashSet<object> seen)
        {
            if (value == null || depth > 3) return;
            if (value is string s) { AssertClean(s); return; }
            if (value.GetType().IsPrimitive || value is Uri || value is TimeSpan || value is DateTimeOffset) { AssertClean(value.ToString()); return; }
            if (!seen.Add(value)) return;
            AssertClean(value.ToString());
            foreach (var property in value.GetType().GetProperties())
            {
                if (property.GetIndexParameters().Length > 0) continue;
                object? child;
                try { child = property.GetValue(value); } catch { continue; }
                Walk(child, depth + 1, seen);
            }
        }

        [Fact]
        public void TheProxyPasswordIsNotKeptInTheVisibleSettings()
        {
            using var t = new TestConnection(s => s.ProxyCredential = new NetworkCredential("proxyuser", "proxy-password"));
            Assert.Equal("proxyuser", t.Connection.Settings.ProxyCredential!.UserName);
            Assert.Equal("", t.Connection.Settings.ProxyCredential!.Password);
        }

        [Fact]
        public async Task TheUserAgentNamesTheModuleAndItsVersion()
        {
            using var t = new TestConnection(s => s.UserAgentComment = "PowerShell/7.4.6");
            await t.Drive(t.Client.GetContactAsync(1, CancellationToken.None));

            var version = typeof(QomonConnection).Assembly.GetName().Version!.ToString(3);
            Assert.Equal($"Qomon.PowerShell/{version} PowerShell/7.4.6", t.Sent.Single().UserAgent);
        }

        [Fact]
        public async Task TheDefaultUserAgentIsTheModuleAlone()
        {
            using var t = new TestConnection();
            await t.Drive(t.Client.GetContactAsync(1, CancellationToken.None));
            Assert.Matches(@"^Qomon\.PowerShell/\d+\.\d+\.\d+$", t.Sent.Single().UserAgent);
        }

        [Theory]
        [InlineData("http://qomon.example.org")]
        [InlineData("ftp://qomon.example.org")]
        public void PlainHttpIsRefusedExceptForLoopback(string uri)
        {
            var settings = new QomonConnectionSettings { BaseUri = new Uri(uri) };
            var ex = Assert.Throws<ArgumentException>(() => QomonConnection.Open(settings, TestConnection.Secure(TestConnection.Key)));
            AssertClean(ex.Message);
        }

        [Theory]
        [InlineData("http://127.0.0.1:5000")]
        [InlineData("http://localhost:5000")]
        [InlineData("http://[::1]:5000")]
        public void PlainHttpToLoopbackIsAllowed(string uri)
        {
            using var c = QomonConnection.Open(new QomonConnectionSettings { BaseUri = new Uri(uri) }, TestConnection.Secure(TestConnection.Key));
            Assert.Equal(new Uri(uri), c.BaseUri);
        }

        [Fact]
        public void AnEmptyKeyIsRefused()
        {
            Assert.Throws<ArgumentException>(() => QomonConnection.Open(new QomonConnectionSettings(), new System.Security.SecureString()));
        }

        [Fact]
        public async Task RequestsOutsideTheBaseUriAreRefusedSoTheKeyCannotLeave()
        {
            using var t = new TestConnection();
            await Assert.ThrowsAsync<ArgumentException>(() => t.Client.SendAsync(HttpMethod.Get, "https://evil.example/steal", null, CancellationToken.None));
            Assert.Empty(t.Sent);
        }
    }
}

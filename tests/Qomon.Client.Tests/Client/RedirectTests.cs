using System.Net.Http;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Qomon.Client.Connection;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Client
{
    /// <summary>
    /// Over real HTTP (the connection's own transport): a 3xx is never followed, for reads and writes alike. It is an
    /// unexpected response naming where it pointed (host and path, never the query), sent once (a write's outcome
    /// unknown, so the writer reads back), and the other host never sees a request, let alone the key.
    /// </summary>
    public class RedirectTests
    {
        private const string Key = "qk_live_Redirect-S3cr3t-0123456789";

        [Theory]
        [InlineData("GET", 302)]
        [InlineData("GET", 301)]
        [InlineData("GET", 307)]
        [InlineData("GET", 308)]
        [InlineData("PATCH", 302)]
        [InlineData("PATCH", 307)]
        [InlineData("POST", 303)]
        public async Task ARedirectToAnotherHostIsNotFollowedAndNamesItsLocationWithoutTheQuery(string method, int status)
        {
            await using var elsewhere = await LoopbackServer.StartAsync(context =>
                context.Response.WriteAsync("{\"status\":\"success\",\"data\":{\"contact\":{\"id\":123,\"formdatas\":[],\"custom_fields\":[]}}}"));
            var location = new Uri(elsewhere.BaseUri, "contacts/123?session=portal-token-42");
            await using var api = await LoopbackServer.StartAsync(context =>
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = location.AbsoluteUri;
                return Task.CompletedTask;
            });
            using var connection = Open(api.BaseUri);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => Call(connection.Client, method));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.Equal(method != "GET", ex.OutcomeUnknown); // a write may have been passed on before the redirect: read it back
            Assert.Equal(status, ex.StatusCode);
            Assert.Contains("to " + elsewhere.BaseUri.GetLeftPart(UriPartial.Authority) + "/contacts/123, which API calls never follow", ex.Message);
            Assert.DoesNotContain("portal-token-42", ex.ToString());
            Assert.DoesNotContain(Key, ex.ToString());
            Assert.Single(api.Received);
            Assert.Equal("Bearer " + Key, api.Received.Single().Authorization);
            Assert.Empty(elsewhere.Received);
        }

        [Fact]
        public async Task ARelativeRedirectIsNamedOnTheApisOwnHostAndNotFollowedEither()
        {
            await using var api = await LoopbackServer.StartAsync(context =>
            {
                if (context.Request.Path == "/contacts/123")
                {
                    context.Response.StatusCode = 302;
                    context.Response.Headers.Location = "/login?next=%2Fcontacts";
                }
                return Task.CompletedTask;
            });
            using var connection = Open(api.BaseUri);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => connection.Client.GetContactAsync(123, CancellationToken.None));

            Assert.Contains("a redirect (302 Found) to " + api.BaseUri.GetLeftPart(UriPartial.Authority) + "/login, which", ex.Message);
            Assert.DoesNotContain("next=", ex.Message);
            Assert.Equal(new[] { "GET /contacts/123" }, api.Received.Select(r => r.Method + " " + r.PathAndQuery));
        }

        [Fact]
        public async Task ARedirectWithoutLocationIsStillRefused()
        {
            await using var api = await LoopbackServer.StartAsync(context =>
            {
                context.Response.StatusCode = 302;
                return Task.CompletedTask;
            });
            using var connection = Open(api.BaseUri);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => connection.Client.GetContactAsync(123, CancellationToken.None));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.Contains("a redirect (302 Found) without a Location", ex.Message);
        }

        private static Task Call(QomonClient client, string method) => method switch
        {
            "GET" => client.GetContactAsync(123, CancellationToken.None),
            "PATCH" => client.ReplaceContactAsync(123, new JsonObject { ["mobile"] = "+33612345678" }, CancellationToken.None),
            _ => client.CreateContactAsync(new JsonObject { ["mobile"] = "+33612345678" }, CancellationToken.None),
        };

        private static QomonConnection Open(Uri baseUri)
        {
            // No TransportHandler: the connection's own HttpClientHandler, whose redirect setting is under test.
            return QomonConnection.Open(new QomonConnectionSettings { BaseUri = baseUri, Random = () => 0.0 }, TestConnection.Secure(Key));
        }
    }
}

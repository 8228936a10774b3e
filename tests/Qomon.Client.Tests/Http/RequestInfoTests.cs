using System.Net;
using System.Net.Http;
using Qomon.Client.Connection;
using Qomon.Client.Http;
using Xunit;

namespace Qomon.Client.Tests.Http
{
    public class RequestInfoTests
    {
        private static HttpRequestMessage Request(string method, string path) =>
            new(new HttpMethod(method), new Uri("https://qomon.test" + path));

        [Theory]
        [InlineData("PATCH", "/contacts/83854766", "PATCH /contacts/{id}")]
        [InlineData("GET", "/contacts/1?x=2", "GET /contacts/{id}")]
        [InlineData("POST", "/contacts/", "POST /contacts")]
        [InlineData("GET", "/forms/12", "GET /forms/{id}")]
        [InlineData("GET", "/v1/forms/type/consent", "GET /v1/forms/type/consent")]
        [InlineData("GET", "/", "GET /")]
        public void RoutesFoldNumericSegments(string method, string path, string route) =>
            Assert.Equal(route, RequestInfo.RouteKey(Request(method, path)));

        [Theory]
        [InlineData("GET", "/contacts/1", true)]
        [InlineData("DELETE", "/contacts/1", true)]
        [InlineData("PATCH", "/contacts/1", true)]
        [InlineData("POST", "/search", true)]
        [InlineData("POST", "/kpi", true)]
        [InlineData("POST", "/contacts", false)]
        [InlineData("POST", "/contacts/upsert", false)]
        public void OnlyRequestsThatCanBeSentTwiceAreIdempotent(string method, string path, bool idempotent) =>
            Assert.Equal(idempotent, RequestInfo.IsIdempotent(Request(method, path)));

        [Fact]
        public void TheSystemProxyIsUsedUnlessOneIsGiven()
        {
            using var handler = HttpPipeline.CreateTransport(new QomonConnectionSettings());
            Assert.True(handler.UseProxy);
            Assert.Null(handler.Proxy);
        }

        [Fact]
        public void AnExplicitProxyCarriesItsCredentials()
        {
            var credential = new NetworkCredential("user", "pass");
            using var handler = HttpPipeline.CreateTransport(new QomonConnectionSettings
            {
                Proxy = new Uri("http://proxy.corp:3128"),
                ProxyCredential = credential,
            });
            var proxy = Assert.IsType<WebProxy>(handler.Proxy);
            Assert.Equal(new Uri("http://proxy.corp:3128"), proxy.Address);
            Assert.Same(credential, proxy.Credentials);
        }

        [Fact]
        public void DefaultCredentialsCanBeUsedForTheSystemProxy()
        {
            using var handler = HttpPipeline.CreateTransport(new QomonConnectionSettings { ProxyUseDefaultCredentials = true });
            Assert.Same(CredentialCache.DefaultCredentials, handler.DefaultProxyCredentials);
        }
    }
}

using System.Net.Http;
using System.Security.Authentication;
using Qomon.Client.Connection;
using Qomon.Client.Http;
using Xunit;

namespace Qomon.Client.Tests.Http
{
    public class TlsPolicyTests
    {
        [Theory]
        [InlineData(".NET Framework 4.8.9232.0")]
        [InlineData(".NET Framework 4.7.3190.0")]
        public void OnNetFrameworkTheHandlerOffersTls12AndLater(string runtime)
        {
            using var handler = new HttpClientHandler();

            TlsPolicy.Apply(handler, runtime);

            Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, handler.SslProtocols);
        }

        [Theory]
        [InlineData(".NET 10.0.1")]
        [InlineData(".NET Core 3.1.32")]
        [InlineData("Mono 6.8.0.105 (Debian 6.8.0.105+dfsg-3.3+deb12u1 Sat Jun 21 16:33:59 UTC 2025)")]
        public void ElsewhereTheHandlerKeepsTheSystemDefault(string runtime)
        {
            using var handler = new HttpClientHandler();

            TlsPolicy.Apply(handler, runtime);

            Assert.Equal(SslProtocols.None, handler.SslProtocols);
        }

        [Fact]
        public void TheConnectionsTransportOnNetFrameworkOffersTls12AndLater()
        {
            using var handler = HttpPipeline.CreateTransport(new QomonConnectionSettings(), ".NET Framework 4.8.9232.0");

            Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, handler.SslProtocols);
        }
    }
}

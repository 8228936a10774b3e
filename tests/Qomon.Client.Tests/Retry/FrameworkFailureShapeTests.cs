using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Retry
{
    /// <summary>
    /// The transport failures as .NET Framework 4.7.2's HttpClientHandler (Windows PowerShell 5.1) throws them:
    /// HttpRequestException over a WebException whose Status names the failure, a name resolution failure with no
    /// SocketException inside, a bare WebException when an aborted request unwinds. The retry handler must
    /// classify each as it classifies the .NET Core shape of the same failure.
    /// </summary>
    public class FrameworkFailureShapeTests
    {
        private const string ContactBody = RetryTests.ContactBody;

        private static HttpRequestException Wrapped(string message, WebExceptionStatus status, Exception? inner = null) =>
            new HttpRequestException("An error occurred while sending the request.", new WebException(message, inner, status, null));

        public static TheoryData<string, Exception> FailuresAfterConnecting() => new TheoryData<string, Exception>
        {
            { "reset while receiving", Wrapped("The underlying connection was closed: An unexpected error occurred on a receive.", WebExceptionStatus.ReceiveFailure, new IOException("Unable to read data from the transport connection", new SocketException((int)SocketError.ConnectionReset))) },
            { "closed by the server", Wrapped("The underlying connection was closed: The connection was closed unexpectedly.", WebExceptionStatus.ConnectionClosed) },
            { "kept-alive connection dropped", Wrapped("The underlying connection was closed: A connection that was expected to be kept alive was closed by the server.", WebExceptionStatus.KeepAliveFailure) },
            { "bare WebException", new WebException("The request was aborted: The request was canceled.", WebExceptionStatus.RequestCanceled) },
        };

        [Theory]
        [MemberData(nameof(FailuresAfterConnecting))]
        public async Task AReadThatFailedAfterConnectingIsRetried(string what, Exception failure)
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(failure).ThenStatus(200, ContactBody);

            var contact = await t.Drive(t.Client.GetContactAsync(7, CancellationToken.None));

            Assert.True("Ada" == (string?)contact["firstname"], what);
            Assert.Equal(2, t.Sent.Count);
        }

        [Theory]
        [MemberData(nameof(FailuresAfterConnecting))]
        public async Task ACreateThatFailedAfterConnectingIsNotResentAndItsOutcomeIsUnknown(string what, Exception failure)
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(failure).ThenStatus(200, ContactBody);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.CreateContactAsync(new JsonObject(), CancellationToken.None)));

            Assert.Single(t.Sent);
            Assert.True(ex.IsTransportFailure, what);
            Assert.True(ex.OutcomeUnknown, what);
        }

        public static TheoryData<string, Exception> FailuresBeforeConnecting() => new TheoryData<string, Exception>
        {
            { "host name not resolved", Wrapped("The remote name could not be resolved: 'incoming.qomon.app'", WebExceptionStatus.NameResolutionFailure) },
            { "proxy name not resolved", Wrapped("The proxy name could not be resolved: 'proxy'", WebExceptionStatus.ProxyNameResolutionFailure) },
            { "connection refused", Wrapped("Unable to connect to the remote server", WebExceptionStatus.ConnectFailure, new SocketException((int)SocketError.ConnectionRefused)) },
            { "unreachable, no socket error kept", Wrapped("Unable to connect to the remote server", WebExceptionStatus.ConnectFailure) },
        };

        [Theory]
        [MemberData(nameof(FailuresBeforeConnecting))]
        public async Task ACreateThatNeverConnectedIsResent(string what, Exception failure)
        {
            using var t = new TestConnection();
            t.Transport.ThenThrow(failure).ThenStatus(200, ContactBody);

            var created = await t.Drive(t.Client.CreateContactAsync(new JsonObject(), CancellationToken.None));

            Assert.True(7 == (long)created["id"]!, what);
            Assert.Equal(2, t.Sent.Count);
        }

        [Fact]
        public async Task AnAttemptTimeoutThatUnwindsAsAWebExceptionIsATimeout()
        {
            // .NET Framework aborts the HttpWebRequest when the attempt's token fires; the abort can surface as
            // WebException(RequestCanceled) instead of an OperationCanceledException.
            using var t = new TestConnection(s => s.Timeout = TimeSpan.FromSeconds(10));
            t.Transport.Then(async (_, ct) =>
            {
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { throw new WebException("The request was aborted: The request was canceled.", WebExceptionStatus.RequestCanceled); }
                throw new InvalidOperationException("unreachable");
            }).ThenStatus(200, ContactBody);

            await t.Drive(t.Client.GetContactAsync(7, CancellationToken.None), TimeSpan.FromMilliseconds(500));

            Assert.Equal(2, t.Sent.Count);
            Assert.Contains(t.Log.Verbose, l => l.Contains("no answer within 10 s"));
        }
    }
}

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Qomon.Client.Text;

namespace Qomon.Client.Http
{
    /// <summary>
    /// Tells transport failures apart: which are worth retrying and which prove nothing was sent. The shapes
    /// differ by runtime: .NET Core throws HttpRequestException over IOException/SocketException; .NET Framework
    /// (Windows PowerShell 5.1) wraps a WebException whose Status says what failed (name resolution failures carry
    /// no SocketException at all), and an aborted request can surface as a bare WebException. Both classify alike.
    /// </summary>
    internal static class TransportFailure
    {
        public static bool IsTransport(Exception ex) =>
            ex is HttpRequestException || ex is IOException || ex is SocketException || ex is WebException;

        /// <summary>The connection was never made, so even a create can be resent safely.</summary>
        public static bool ProvesNotSent(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is WebException web && NeverConnected(web.Status)) return true;
                if (e is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                            return true;
                    }
                }
            }
            return false;
        }

        // The .NET Framework statuses for a request that never reached the server. ConnectFailure is the
        // connection itself failing (refused, unreachable); a failure after connecting has another status
        // (SendFailure, ReceiveFailure, ConnectionClosed, KeepAliveFailure, SecureChannelFailure).
        private static bool NeverConnected(WebExceptionStatus status) =>
            status == WebExceptionStatus.NameResolutionFailure ||
            status == WebExceptionStatus.ProxyNameResolutionFailure ||
            status == WebExceptionStatus.ConnectFailure;

        /// <summary>The failure as a clause (no final period): "An error occurred while sending the request (Connection reset by peer)".</summary>
        public static string Describe(Exception ex)
        {
            var innermost = ex;
            while (innermost.InnerException != null) innermost = innermost.InnerException;
            var outer = MessageText.Clause(ex.Message);
            var inner = MessageText.Clause(innermost.Message);
            // The runtime often repeats the cause in the outer message ("Connection refused (host:port)").
            return ReferenceEquals(innermost, ex) || outer.IndexOf(inner, StringComparison.Ordinal) >= 0 ? outer : outer + " (" + inner + ")";
        }
    }
}

using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;

namespace Qomon.Client.Retry
{
    /// <summary>Tells transport failures apart: which are worth retrying and which prove nothing was sent.</summary>
    internal static class TransportFailure
    {
        public static bool IsTransport(Exception ex) => ex is HttpRequestException || ex is IOException || ex is SocketException;

        /// <summary>The connection was never made, so even a create can be resent safely.</summary>
        public static bool ProvesNotSent(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
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

        public static string Describe(Exception ex)
        {
            var innermost = ex;
            while (innermost.InnerException != null) innermost = innermost.InnerException;
            return ReferenceEquals(innermost, ex) ? ex.Message : ex.Message + " (" + innermost.Message + ")";
        }
    }
}

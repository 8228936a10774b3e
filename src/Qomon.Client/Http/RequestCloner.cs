using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Qomon.Client.Http
{
    /// <summary>A fresh copy of a request per attempt: a sent HttpRequestMessage must not be sent again.</summary>
    internal static class RequestCloner
    {
        public static HttpRequestMessage Clone(HttpRequestMessage request, byte[]? body)
        {
            var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
            foreach (var header in request.Headers)
                clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            foreach (var property in request.Properties)
                clone.Properties[property.Key] = property.Value;
            if (body != null && request.Content != null)
            {
                clone.Content = new ByteArrayContent(body);
                foreach (var header in request.Content.Headers)
                    clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            return clone;
        }

        public static void CopyHeaders(HttpHeaders from, IDictionary<string, string> to)
        {
            foreach (var header in from)
                to[header.Key] = string.Join(", ", header.Value);
        }
    }
}

using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace Qomon.Client.Tests.Fakes
{
    /// <summary>
    /// The smallest answer Qomon could give to each call, for tests that script only what they look at: a contact
    /// call answers the contact asked for (the id in the path, or 1 for a create) with empty answer lists, a search
    /// an empty page, a count 0, anything else an empty success envelope.
    /// </summary>
    public static class MinimalAnswers
    {
        private static readonly Regex ContactPath = new(@"/contacts/(\d+)$", RegexOptions.CultureInvariant);

        public static Task<HttpResponseMessage> Answer(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Response(request));

        public static HttpResponseMessage Response(HttpRequestMessage request) =>
            FakeTransport.Json(HttpStatusCode.OK, Body(request.Method.Method, request.RequestUri!.AbsolutePath));

        public static string Contact(long id) =>
            "{\"status\":\"success\",\"data\":{\"contact\":{\"id\":" + id + ",\"formdatas\":[],\"custom_fields\":[]}}}";

        private static string Body(string method, string path)
        {
            var contact = ContactPath.Match(path);
            if (contact.Success && method != "DELETE") return Contact(long.Parse(contact.Groups[1].Value));
            if (method == "POST" && path.EndsWith("/contacts", StringComparison.Ordinal)) return Contact(1);
            if (path.EndsWith("/search", StringComparison.Ordinal)) return "{\"status\":\"success\",\"data\":{\"contacts\":[]}}";
            if (path.EndsWith("/kpi", StringComparison.Ordinal)) return "{\"status\":\"success\",\"data\":{\"total\":0}}";
            return "{\"status\":\"success\",\"data\":{}}";
        }
    }
}

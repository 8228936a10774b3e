using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qomon.Client.Json
{
    /// <summary>
    /// Request bodies, written straight to UTF-8: no intermediate string. A contact is wrapped in its
    /// {"data":{"contact":…}} envelope as it is written, not copied into an envelope DOM (a JsonNode has one
    /// parent, so that would need a deep copy): a bulk merge writes one of these per record.
    /// </summary>
    internal static class JsonBody
    {
        public static HttpContent Of(JsonNode node)
        {
            if (node == null) throw new ArgumentNullException(nameof(node));
            return Content(Write(writer => node.WriteTo(writer)));
        }

        public static HttpContent ContactEnvelope(JsonObject contact) => Content(ContactEnvelopeBytes(contact));

        public static ArraySegment<byte> ContactEnvelopeBytes(JsonObject contact)
        {
            if (contact == null) throw new ArgumentNullException(nameof(contact));
            return Write(writer =>
            {
                writer.WriteStartObject();
                writer.WritePropertyName("data");
                writer.WriteStartObject();
                writer.WritePropertyName("contact");
                contact.WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            });
        }

        private static ArraySegment<byte> Write(Action<Utf8JsonWriter> write)
        {
            var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream)) write(writer);
            return new ArraySegment<byte>(stream.GetBuffer(), 0, (int)stream.Length);
        }

        private static HttpContent Content(ArraySegment<byte> bytes)
        {
            var content = new ByteArrayContent(bytes.Array!, bytes.Offset, bytes.Count);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return content;
        }
    }
}

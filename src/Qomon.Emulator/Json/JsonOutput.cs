using System.Text.Encodings.Web;
using System.Text.Json;

namespace Qomon.Emulator.Json
{
    /// <summary>How every response body is written: straight into the response pipe, as plain UTF-8.</summary>
    public static class JsonOutput
    {
        public const string JsonContentType = "application/json; charset=utf-8";

        /// <summary>"Rhône" and "+33" as they are, not \u escapes, like a normal JSON API.</summary>
        public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static async Task WriteAsync(HttpContext context, int status, string contentType, Action<Utf8JsonWriter> write)
        {
            var response = context.Response;
            response.StatusCode = status;
            response.ContentType = contentType;
            using (var w = new Utf8JsonWriter(response.BodyWriter, Options)) write(w);
            await response.BodyWriter.FlushAsync(context.RequestAborted);
        }
    }
}

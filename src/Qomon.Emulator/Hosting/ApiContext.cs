using System.Text.Json;
using Qomon.Emulator.Problems;
using Qomon.Emulator.Storage;

namespace Qomon.Emulator.Hosting
{
    /// <summary>Helpers every API endpoint uses: its space, its JSON body, and the success envelope.</summary>
    public static class ApiContext
    {
        private const string SpaceItem = "qomon.space";

        public static void SetSpace(HttpContext context, Space space) => context.Items[SpaceItem] = space;

        public static Space Space(HttpContext context) => (Space)context.Items[SpaceItem]!;

        /// <summary>The request body as JSON; malformed JSON is a 400, as on the real API.</summary>
        public static async Task<JsonElement> ReadJsonAsync(HttpContext context)
        {
            try
            {
                // No cancellation: a request whose client has gone is still handled to the end, as a server would.
                using var document = await JsonDocument.ParseAsync(context.Request.Body);
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw ProblemException.BadRequest($"The body is not valid JSON: {e.Message}");
            }
        }

        /// <summary>Writes {"status":"success","data":…}, the envelope of every successful answer with a body.</summary>
        public static Task WriteSuccessAsync(HttpContext context, Action<Utf8JsonWriter> writeData, int status = StatusCodes.Status200OK) =>
            Json.JsonOutput.WriteAsync(context, status, Json.JsonOutput.JsonContentType, w =>
            {
                w.WriteStartObject();
                w.WriteString("status", "success");
                w.WritePropertyName("data");
                writeData(w);
                w.WriteEndObject();
            });

        public static long ContactId(HttpContext context) =>
            long.TryParse(context.Request.RouteValues["id"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? id
                : throw new ProblemException(400, "Bad Request", "contactId must be a non-negative integer.",
                    [new FieldError("contactId", "must be a non-negative integer", context.Request.RouteValues["id"] as string)]);
    }
}

using System.Text.Json;

namespace Qomon.Emulator.Problems
{
    /// <summary>One entry of a problem's "errors" list, as the upsert page documents it.</summary>
    public sealed record FieldError(string Location, string Message, object? Value = null);

    /// <summary>
    /// An RFC 7807 answer with a real HTTP status. Thrown from deep inside a handler and written by the endpoint
    /// wrapper, so validation code can stop at the first fatal problem without threading results back up.
    /// </summary>
    public sealed class ProblemException(int status, string title, string detail, IReadOnlyList<FieldError>? errors = null) : Exception(detail)
    {
        public int Status { get; } = status;
        public string Title { get; } = title;
        public string Detail { get; } = detail;
        public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];

        public static ProblemException BadRequest(string detail) => new(400, "Bad Request", detail);
        public static ProblemException NotFound(string detail) => new(404, "Not Found", detail);
        public static ProblemException Unprocessable(string detail, IReadOnlyList<FieldError> errors) => new(422, "Unprocessable Entity", detail, errors);
    }

    public static class ProblemWriter
    {
        public const string ContentType = "application/problem+json";

        public static Task WriteAsync(HttpContext context, int status, string title, string detail, IReadOnlyList<FieldError>? errors = null) =>
            context.RequestServices.GetService<Hosting.EmulatorState>()?.Settings.ErrorBody == Settings.ErrorBodyStyle.Fail
                ? Json.JsonOutput.WriteAsync(context, status, Json.JsonOutput.JsonContentType, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("status", "fail");
                    w.WriteEndObject();
                })
                : Json.JsonOutput.WriteAsync(context, status, ContentType, w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "about:blank");
                w.WriteString("title", title);
                w.WriteNumber("status", status);
                w.WriteString("detail", detail);
                w.WriteString("instance", context.Request.Path.Value);
                if (errors is { Count: > 0 })
                {
                    w.WriteStartArray("errors");
                    foreach (var e in errors)
                    {
                        w.WriteStartObject();
                        w.WriteString("location", e.Location);
                        w.WriteString("message", e.Message);
                        w.WritePropertyName("value");
                        JsonSerializer.Serialize(w, e.Value);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            });

        public static Task WriteAsync(HttpContext context, ProblemException problem) =>
            WriteAsync(context, problem.Status, problem.Title, problem.Detail, problem.Errors);
    }
}

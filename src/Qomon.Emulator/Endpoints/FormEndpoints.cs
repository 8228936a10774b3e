using System.Text.Json;
using Qomon.Emulator.Hosting;
using Qomon.Emulator.Json;
using Qomon.Emulator.Model;
using Qomon.Emulator.Problems;
using Qomon.Emulator.Seeding;
using Qomon.Emulator.Storage;

namespace Qomon.Emulator.Endpoints
{
    /// <summary>
    /// The read-only form API: GET /v1/forms/type/{type} (canonical), GET /forms/{id}, and the deprecated
    /// GET /forms/{type}, which still answers like the canonical list.
    /// </summary>
    public static class FormEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/v1/forms/type/{type}", ListAsync);
            app.MapGet("/forms/{id:long}", GetAsync);
            app.MapGet("/forms/{type}", ListAsync);
        }

        private static Task ListAsync(HttpContext context, string type)
        {
            var space = ApiContext.Space(context);
            if (!FormKinds.All.Contains(type))
                throw ProblemException.NotFound($"Unknown form type '{type}'; the types are {string.Join(", ", FormKinds.All)}.");
            return ApiContext.WriteSuccessAsync(context, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("forms");
                foreach (var form in space.Forms.OfKind(type)) Write(w, form, space);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private static Task GetAsync(HttpContext context, long id)
        {
            var space = ApiContext.Space(context);
            var form = space.Forms.Find(id) ?? throw ProblemException.NotFound($"Form {id} was not found.");
            return ApiContext.WriteSuccessAsync(context, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("form");
                Write(w, form, space);
                w.WriteEndObject();
            });
        }

        /// <summary>The form object of the spec; group_id is an array of space ids there.</summary>
        private static void Write(Utf8JsonWriter w, Form form, Space space)
        {
            var stamp = QomonDates.Micro(FormCatalog.CreatedAt);
            w.WriteStartObject();
            w.WriteNumber("id", form.Id);
            w.WriteString("label", form.Label);
            w.WriteString("type", form.TypeName);
            w.WriteString("section", form.Kind);
            w.WriteNumber("order", space.Forms.OfKind(form.Kind).ToList().IndexOf(form));
            w.WriteBoolean("mandatory", false);
            w.WriteBoolean("hidden", false);
            w.WriteStartArray("group_id");
            w.WriteNumberValue(space.GroupId);
            w.WriteEndArray();
            w.WriteString("CreatedAt", stamp);
            w.WriteString("UpdatedAt", stamp);
            w.WriteStartArray("refvalues");
            foreach (var r in form.RefValues)
            {
                w.WriteStartObject();
                w.WriteNumber("id", r.Id);
                w.WriteNumber("form_id", form.Id);
                w.WriteString("label", r.Label);
                w.WriteString("value", r.Value);
                w.WriteNull("min");
                w.WriteNull("max");
                w.WriteNull("step");
                w.WriteString("type", form.TypeName);
                w.WriteBoolean("followed", false);
                w.WriteString("color", r.Label is null ? null : "#4A90E2");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }
}

using System.Text.Json;
using Qomon.Emulator.Hosting;
using Qomon.Emulator.Json;
using Qomon.Emulator.Problems;
using Qomon.Emulator.Settings;

namespace Qomon.Emulator.Control
{
    /// <summary>
    /// The /_emulator control plane for tests, the demo and the benchmark: counters, reset, run-time settings and
    /// the full write history of a contact. No API key; ApiGate admits loopback clients only.
    /// </summary>
    public static class ControlEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/_emulator/stats", Stats);
            app.MapPost("/_emulator/reset", Reset);
            app.MapGet("/_emulator/config", Config);
            app.MapPost("/_emulator/config", ConfigureAsync);
            app.MapGet("/_emulator/contacts/{id}/history", History);
        }

        private static Task Stats(HttpContext context, EmulatorState state) =>
            WriteJsonAsync(context, w => state.Stats.Write(w, state.Upserts.Pending));

        private static Task Reset(HttpContext context, EmulatorState state)
        {
            state.Reset();
            return WriteJsonAsync(context, w => SettingsJson.Write(w, state.Settings));
        }

        private static Task Config(HttpContext context, EmulatorState state) =>
            WriteJsonAsync(context, w => SettingsJson.Write(w, state.Settings));

        /// <summary>A partial settings object in camelCase; all of it is checked before any of it applies.</summary>
        private static async Task ConfigureAsync(HttpContext context, EmulatorState state)
        {
            var body = await ApiContext.ReadJsonAsync(context);
            var change = SettingsJson.ReadChange(body);
            state.Configure(change);
            await WriteJsonAsync(context, w => SettingsJson.Write(w, state.Settings));
        }

        private static Task History(HttpContext context, EmulatorState state)
        {
            var id = ApiContext.ContactId(context);
            var versions = state.History(id, out var space) ?? throw ProblemException.NotFound($"Contact {id} was never stored.");
            var options = RenderOptions.From(state.Settings);
            return WriteJsonAsync(context, w =>
            {
                w.WriteStartArray();
                foreach (var version in versions) ContactJsonWriter.Write(w, version, options, space!.Contacts.TagAppearances);
                w.WriteEndArray();
            });
        }

        private static Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write) =>
            JsonOutput.WriteAsync(context, StatusCodes.Status200OK, JsonOutput.JsonContentType, write);
    }
}

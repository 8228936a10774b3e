using System.Text.Json;
using Qomon.Emulator.Hosting;
using Qomon.Emulator.Problems;
using Qomon.Emulator.Writes;

namespace Qomon.Emulator.Endpoints
{
    /// <summary>
    /// POST /contacts/upsert: only the envelope is checked now (400 when it is not {"kind":"contact","data":{…}});
    /// the record is applied after upsert-delay-ms, and any problem with it then drops it without a word, as on Qomon.
    /// </summary>
    public static class UpsertEndpoint
    {
        public static void Map(IEndpointRouteBuilder app) => app.MapPost("/contacts/upsert", AcceptAsync);

        private static async Task<IResult> AcceptAsync(HttpContext context, EmulatorState state)
        {
            var space = ApiContext.Space(context);
            var body = await ApiContext.ReadJsonAsync(context);
            if (body.ValueKind != JsonValueKind.Object
                || !body.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != "contact"
                || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                throw ProblemException.BadRequest("The body must be {\"kind\":\"contact\",\"data\":{…}}.");

            var contacts = space.Contacts;
            state.Upserts.Schedule(() =>
            {
                // A reset replaces the store; an upsert accepted before it must not land in the new data.
                if (!ReferenceEquals(contacts, space.Contacts)) return;
                var outcome = new UpsertApplier(space).Apply(data, state.Now);
                if (outcome == UpsertApplier.Outcome.Dropped) state.Stats.UpsertDropped();
                else state.Stats.UpsertApplied();
            });
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }
    }
}

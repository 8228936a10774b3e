using Qomon.Emulator.Faults;
using Qomon.Emulator.Hosting;
using Qomon.Emulator.Json;
using Qomon.Emulator.Model;
using Qomon.Emulator.Problems;
using Qomon.Emulator.Storage;
using Qomon.Emulator.Writes;

namespace Qomon.Emulator.Endpoints
{
    /// <summary>GET, POST, PATCH and DELETE on /contacts: the synchronous contact API.</summary>
    public static class ContactEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/contacts/{id}", GetAsync);
            app.MapPost("/contacts", CreateAsync);
            app.MapPatch("/contacts/{id}", ReplaceAsync);
            app.MapDelete("/contacts/{id}", Delete);
        }

        private static Task GetAsync(HttpContext context, EmulatorState state)
        {
            var space = ApiContext.Space(context);
            var id = ApiContext.ContactId(context);
            var contact = space.Contacts.Get(id) ?? throw NotFound(id);
            return BadBodyWriter.Roll(state, "GET /contacts/{id}", search: false, write: false) is { } bad
                ? BadBodyWriter.WriteContactAsync(context, state, space, bad, contact, write: false)
                : WriteContactAsync(context, state, space, contact);
        }

        private static async Task CreateAsync(HttpContext context, EmulatorState state)
        {
            var space = ApiContext.Space(context);
            var input = await ReadInputAsync(context, state, space);
            var now = state.Now;
            var bad = BadBodyWriter.Roll(state, "POST /contacts", search: false, write: true);
            if (bad is { Applied: false } lie)
            {
                // Not created: the answer is built from the contact it would have been, under id 0, which no contact has.
                await BadBodyWriter.WriteContactAsync(context, state, space, lie, ContactReplacer.Create(0, space.GroupId, input, NoIds.Instance, now), write: true);
                return;
            }
            var contact = space.Contacts.Create((id, ids) => ContactReplacer.Create(id, space.GroupId, input, ids, now));
            await AnswerWriteAsync(context, state, space, contact, bad);
        }

        /// <summary>The full replacement: validated first, so a 422 leaves the stored contact untouched.</summary>
        private static async Task ReplaceAsync(HttpContext context, EmulatorState state)
        {
            var space = ApiContext.Space(context);
            var id = ApiContext.ContactId(context);
            var stored = space.Contacts.Get(id) ?? throw NotFound(id);
            var input = await ReadInputAsync(context, state, space);
            var now = state.Now;
            var bad = BadBodyWriter.Roll(state, "PATCH /contacts/{id}", search: false, write: true);
            if (bad is { Applied: false } lie)
            {
                await BadBodyWriter.WriteContactAsync(context, state, space, lie, stored, write: true);
                return;
            }
            var contact = space.Contacts.Update(id, (current, ids) => ContactReplacer.Replace(current, input, ids, now)) ?? throw NotFound(id);
            await AnswerWriteAsync(context, state, space, contact, bad);
        }

        /// <summary>The answer to an applied write: the stored contact, or a bad body the client cannot tell from an unapplied one.</summary>
        private static Task AnswerWriteAsync(HttpContext context, EmulatorState state, Space space, Contact written, BadBody? bad) =>
            bad is { } lie
                ? BadBodyWriter.WriteContactAsync(context, state, space, lie, written, write: true)
                : WriteContactAsync(context, state, space, written);

        private static IResult Delete(HttpContext context)
        {
            var id = ApiContext.ContactId(context);
            return ApiContext.Space(context).Contacts.Delete(id) ? Results.NoContent() : throw NotFound(id);
        }

        private static async Task<ContactInput> ReadInputAsync(HttpContext context, EmulatorState state, Space space)
        {
            var body = await ApiContext.ReadJsonAsync(context);
            var result = new ContactInputReader(space.Forms, state.Settings.Strict, state.Settings.UnknownFields).ReadBody(body);
            if (result.Errors.Count > 0)
                throw ProblemException.Unprocessable($"The contact is not valid: {result.Errors.Count} problem(s).", result.Errors);
            return result.Input;
        }

        public static Task WriteContactAsync(HttpContext context, EmulatorState state, Space space, Contact contact)
        {
            var options = RenderOptions.From(state.Settings);
            return ApiContext.WriteSuccessAsync(context, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("contact");
                ContactJsonWriter.Write(w, contact, options, space.Contacts.TagAppearances);
                w.WriteEndObject();
            });
        }

        private static ProblemException NotFound(long id) => ProblemException.NotFound($"Contact {id} was not found.");
    }
}

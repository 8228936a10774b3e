using System.Text.Json;
using System.Text.Json.Nodes;
using Qomon.Emulator.Hosting;
using Qomon.Emulator.Json;
using Qomon.Emulator.Model;
using Qomon.Emulator.Storage;

namespace Qomon.Emulator.Faults
{
    /// <summary>
    /// Writes the bad answers of bad-body-rate. Each is a 200 (the redirect a 302) that a careless client would
    /// take for the contact or page it asked for. Counted in the stats (faultsInjected, badBodies by kind).
    /// </summary>
    public static class BadBodyWriter
    {
        private const string CaptivePortal =
            "<!DOCTYPE html>\n<html><head><title>Network login</title></head>\n"
            + "<body><h1>Please sign in to continue</h1><p>Your session has expired. Accept the terms of use to access the Internet.</p>"
            + "<form method=\"post\" action=\"/login\"><button>Accept</button></form></body></html>\n";

        private static readonly string[] CustomFieldKeys = [Settings.EmulatorSettings.CustomFieldsUnderscore, Settings.EmulatorSettings.CustomFieldsJoined];

        /// <summary>
        /// Rolls the dice for a contact route or a search (route as /_emulator/stats names it); null when this request is
        /// answered normally. A route bad-body-routes leaves out rolls no dice, so the others meet the same dice as before.
        /// </summary>
        public static BadBody? Roll(EmulatorState state, string route, bool search, bool write) =>
            Settings.FaultRouteList.Covers(state.Settings.BadBodyRoutes, route) ? state.Faults.NextBadBody(state.Settings, search, write) : null;

        /// <summary>
        /// The bad answer to GET, PATCH or POST /contacts. contact is what a right answer would carry: the stored
        /// contact, the one just written, or (for a write not applied) the one it would have made.
        /// </summary>
        public static Task WriteContactAsync(HttpContext context, EmulatorState state, Space space, BadBody bad, Contact contact, bool write)
        {
            state.Stats.BadBody(bad, write);
            var options = RenderOptions.From(state.Settings);
            JsonObject Render(Contact c) => ToNode(c, options, space);

            return bad.Kind switch
            {
                BadBodyKind.Html => HtmlAsync(context),
                BadBodyKind.Redirect => RedirectAsync(context),
                BadBodyKind.DataNull => JsonAsync(context, new JsonObject { ["status"] = "success", ["data"] = null }),
                BadBodyKind.ContactNull => JsonAsync(context, new JsonObject { ["data"] = new JsonObject { ["contact"] = null } }),
                BadBodyKind.ContactEmpty => JsonAsync(context, new JsonObject { ["data"] = new JsonObject { ["contact"] = new JsonObject() } }),
                BadBodyKind.OtherContact => JsonAsync(context, Envelope(Render(Other(state, space, contact)))),
                BadBodyKind.Array => JsonAsync(context, new JsonArray(Render(contact))),
                BadBodyKind.ContactArray => JsonAsync(context, new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["contact"] = new JsonArray(Render(contact)) } }),
                BadBodyKind.NoFormdatas => JsonAsync(context, Envelope(Without(Render(contact), "formdatas"))),
                BadBodyKind.NoCustomFields => JsonAsync(context, Envelope(Without(Render(contact), CustomFieldKeys))),
                _ => throw new InvalidOperationException($"{bad.Kind} is not a contact answer."),
            };
        }

        /// <summary>The bad answer to POST /search; false when it does not fit (one contact lacking its id needs a contact).</summary>
        public static async Task<bool> TryWriteSearchAsync(HttpContext context, EmulatorState state, Space space, BadBody bad, IReadOnlyList<Contact> page, RenderOptions options)
        {
            if (bad.Kind == BadBodyKind.SearchMissingId && page.Count == 0) return false;
            state.Stats.BadBody(bad, write: false);
            switch (bad.Kind)
            {
                case BadBodyKind.Html: await HtmlAsync(context); break;
                case BadBodyKind.Redirect: await RedirectAsync(context); break;
                case BadBodyKind.DataNull: await JsonAsync(context, new JsonObject { ["status"] = "success", ["data"] = null }); break;
                default:
                    var contacts = new JsonArray([.. page.Select(c => (JsonNode)ToNode(c, options, space))]);
                    contacts[state.Faults.NextIndex(page.Count)]!.AsObject().Remove("id");
                    await JsonAsync(context, new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["contacts"] = contacts } });
                    break;
            }
            return true;
        }

        /// <summary>Another contact of the space, by the dice; in a space of one, the same data under another id.</summary>
        private static Contact Other(EmulatorState state, Space space, Contact asked)
        {
            var others = space.Contacts.Snapshot().Where(c => c.Id != asked.Id).ToList();
            return others.Count > 0 ? others[state.Faults.NextIndex(others.Count)] : asked with { Id = asked.Id + 1 };
        }

        private static JsonObject Envelope(JsonObject contact) => new() { ["status"] = "success", ["data"] = new JsonObject { ["contact"] = contact } };

        private static JsonObject Without(JsonObject contact, params string[] keys)
        {
            foreach (var key in keys) contact.Remove(key);
            return contact;
        }

        private static JsonObject ToNode(Contact contact, RenderOptions options, Space space)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer, JsonOutput.Options)) ContactJsonWriter.Write(w, contact, options, space.Contacts.TagAppearances);
            return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
        }

        private static Task JsonAsync(HttpContext context, JsonNode body) =>
            JsonOutput.WriteAsync(context, StatusCodes.Status200OK, JsonOutput.JsonContentType, w => body.WriteTo(w));

        private static async Task HtmlAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(CaptivePortal, context.RequestAborted);
        }

        /// <summary>302 to the same path on 127.0.0.2: another host, where nothing listens on this port.</summary>
        private static Task RedirectAsync(HttpContext context)
        {
            var request = context.Request;
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"http://127.0.0.2:{context.Connection.LocalPort}{request.PathBase}{request.Path}{request.QueryString}";
            return Task.CompletedTask;
        }
    }
}

using Qomon.Emulator.Faults;
using Qomon.Emulator.Hosting;
using Qomon.Emulator.Json;
using Qomon.Emulator.Model;
using Qomon.Emulator.Search;
using Qomon.Emulator.Storage;

namespace Qomon.Emulator.Endpoints
{
    /// <summary>POST /search (one page, no total) and POST /kpi (the count for the same body).</summary>
    public static class SearchEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapPost("/search", SearchAsync);
            app.MapPost("/kpi", CountAsync);
        }

        private static async Task SearchAsync(HttpContext context, EmulatorState state)
        {
            var space = ApiContext.Space(context);
            var request = SearchRequest.Read(await ApiContext.ReadJsonAsync(context), perPageRequired: true);
            var matches = Match(space, request, state, sorted: true);
            var start = (long)request.Page * request.PerPage;
            var page = start >= matches.Length ? [] : matches.AsSpan((int)start, (int)Math.Min(request.PerPage, matches.Length - start)).ToArray();

            var options = RenderOptions.From(state.Settings, request.IncludeInteractions);
            if (BadBodyWriter.Roll(state, "POST /search", search: true, write: false) is { } bad && await BadBodyWriter.TryWriteSearchAsync(context, state, space, bad, page, options))
                return;
            await ApiContext.WriteSuccessAsync(context, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("contacts");
                foreach (var contact in page) ContactJsonWriter.Write(w, contact, options, space.Contacts.TagAppearances);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private static async Task CountAsync(HttpContext context, EmulatorState state)
        {
            var space = ApiContext.Space(context);
            var request = SearchRequest.Read(await ApiContext.ReadJsonAsync(context), perPageRequired: false);
            var total = Match(space, request, state, sorted: false).Length;
            await ApiContext.WriteSuccessAsync(context, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("total", total);
                w.WriteEndObject();
            });
        }

        /// <summary>Filters the (cached) sorted snapshot: filtering keeps the order, so no sort per page.</summary>
        private static Contact[] Match(Space space, SearchRequest request, EmulatorState state, bool sorted)
        {
            var now = state.Time.GetUtcNow().UtcDateTime;
            var predicate = new QueryEvaluator(space.Forms, now).Compile(request.Query);
            var lag = state.Settings.SearchIndexDelayMs;
            Contact[] contacts;
            if (lag > 0)
            {
                // A lagging index: rare in tests, so it is rebuilt per request and sorted without the cache.
                contacts = space.Contacts.IndexedAt(now - TimeSpan.FromMilliseconds(lag));
                if (sorted && request.SortAttribute is { } attr) contacts = ContactSorter.Sort(contacts, attr, request.SortAscending);
            }
            else
            {
                contacts = sorted && request.SortAttribute is { } attribute
                    ? space.Contacts.SortedSnapshot(attribute, request.SortAscending, all => ContactSorter.Sort(all, attribute, request.SortAscending))
                    : space.Contacts.Snapshot();
            }
            return Array.FindAll(contacts, c => predicate(c));
        }
    }
}

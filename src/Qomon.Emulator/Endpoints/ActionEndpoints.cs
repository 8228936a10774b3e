using Qomon.Emulator.Hosting;
using Qomon.Emulator.Json;
using Qomon.Emulator.Seeding;

namespace Qomon.Emulator.Endpoints
{
    /// <summary>
    /// GET /actions (spec: incoming-actions): the space's actions with their aggregates, in
    /// {"data":{"ActionsAggreg":[{Action, NbVisites, NbContacts, NbVisitesDeclared}]}}. The actions are the
    /// fixed ids 9100-9119 that seeded contacts link to through action_ids.
    /// </summary>
    public static class ActionEndpoints
    {
        private static readonly string[] Kinds = ["Door-to-door", "Phone bank", "Market stand", "Leafleting"];

        public static void Map(IEndpointRouteBuilder app) => app.MapGet("/actions", ListAsync);

        private static Task ListAsync(HttpContext context)
        {
            var space = ApiContext.Space(context);
            var linked = new Dictionary<long, int>();
            foreach (var contact in space.Contacts.Snapshot())
                foreach (var action in contact.ActionIds)
                    linked[action] = linked.GetValueOrDefault(action) + 1;

            return ApiContext.WriteSuccessAsync(context, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("ActionsAggreg");
                for (var i = 0; i < SeedData.ActionCount; i++)
                {
                    var id = SeedData.FirstActionId + i;
                    var contacts = linked.GetValueOrDefault(id);
                    var start = SeedData.Anchor.Date.AddDays(-7 * (SeedData.ActionCount - i));
                    w.WriteStartObject();
                    w.WriteStartObject("Action");
                    w.WriteNumber("id", id);
                    w.WriteString("name", $"{Kinds[i % Kinds.Length]} #{i / Kinds.Length + 1}");
                    w.WriteString("type", Kinds[i % Kinds.Length].ToLowerInvariant().Replace(' ', '_'));
                    w.WriteString("start", QomonDates.Micro(start));
                    w.WriteString("end", QomonDates.Micro(start.AddHours(3)));
                    w.WriteNumber("group_id", space.GroupId);
                    w.WriteEndObject();
                    w.WriteNumber("NbVisites", contacts * 2);
                    w.WriteNumber("NbContacts", contacts);
                    w.WriteNumber("NbVisitesDeclared", contacts);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }
}

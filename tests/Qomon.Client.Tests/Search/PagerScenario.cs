using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Qomon.Client.Search;
using Qomon.Client.Tests.Fakes;

namespace Qomon.Client.Tests.Search
{
    /// <summary>
    /// The emulator over HTTP on a fake clock (no seeded contacts, budget off, upserts applied at once), with the
    /// moves a pager's tests need: contacts created one millisecond apart or all at one instant (a tie group), a
    /// read that writes what it reads (Get | Set -AddTag), and a loop that pulls every page.
    /// </summary>
    internal sealed class PagerScenario : IAsyncDisposable
    {
        private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

        private PagerScenario(EmulatorServer server, TimeSpan indexDelay)
        {
            Server = server;
            IndexDelay = indexDelay;
        }

        public EmulatorServer Server { get; }
        public TimeSpan IndexDelay { get; }
        public FakeTimeProvider Clock => Server.FakeClock!;
        public QomonClient Client => Server.Client;

        public static async Task<PagerScenario> StartAsync(int indexDelayMs = 0) =>
            new PagerScenario(await EmulatorServer.StartAsync(s => s with { Seed = 0, SearchIndexDelayMs = indexDelayMs, UpsertDelayMs = 0 }, fakeTime: true),
                TimeSpan.FromMilliseconds(indexDelayMs));

        public static JsonObject CityQuery(string city) =>
            QueryTree.AllOf(new JsonArray(QueryTree.Condition("address.city", SearchOperators.Eql, city)));

        /// <summary>Creates contacts in a city, <paramref name="step"/> apart (zero: one lastchange for all), then lets the search index catch up.</summary>
        public async Task<List<long>> CreateAsync(string city, int count, TimeSpan step)
        {
            var ids = new List<long>(count);
            for (var i = 0; i < count; i++)
            {
                var created = await Client.CreateContactAsync(new JsonObject
                {
                    ["firstname"] = "P" + i,
                    ["surname"] = city,
                    ["address"] = new JsonObject { ["city"] = city },
                }, CancellationToken.None);
                ids.Add(created["id"]!.GetValue<long>());
                Clock.Advance(step);
            }
            Clock.Advance(IndexDelay + Millisecond);
            return ids;
        }

        /// <summary>What Set-QomonContact -AddTag does to one contact: a fresh read, the tag added, the whole contact PATCHed (1 ms later).</summary>
        public async Task TagAsync(long id, string tag)
        {
            var contact = await Client.GetContactAsync(id, CancellationToken.None);
            var tags = contact["tags"] as JsonArray ?? new JsonArray();
            tags.Add(new JsonObject { ["name"] = tag });
            contact["tags"] = tags.DeepClone();
            await Client.ReplaceContactAsync(id, contact, CancellationToken.None);
            Clock.Advance(Millisecond);
        }

        /// <summary>Another client's edit: a fresh read and a PATCH of one field, which moves the contact to the end of the lastchange order.</summary>
        public async Task EditAsync(long id, string mobile)
        {
            var contact = await Client.GetContactAsync(id, CancellationToken.None);
            contact["mobile"] = mobile;
            await Client.ReplaceContactAsync(id, contact, CancellationToken.None);
            Clock.Advance(Millisecond);
        }

        /// <summary>An upsert (applied at once): it changes the contact but not its lastchange.</summary>
        public Task UpsertCityAsync(long id, string city) =>
            Client.SendAsync(HttpMethod.Post, "/contacts/upsert", new JsonObject
            {
                ["kind"] = "contact",
                ["data"] = new JsonObject { ["id"] = id, ["address"] = new JsonObject { ["city"] = city } },
            }, CancellationToken.None);

        public async Task DeleteAsync(long id)
        {
            await Client.DeleteContactAsync(id, CancellationToken.None);
            Clock.Advance(Millisecond);
        }

        /// <summary>Pulls every page; after each, <paramref name="afterPage"/> may write (it gets the page's ids and the page number).</summary>
        public static async Task<List<long>> ReadAllAsync(ContactPager pager, Func<List<long>, int, Task>? afterPage = null)
        {
            var returned = new List<long>();
            var number = 0;
            while (await pager.NextPageAsync(CancellationToken.None) is { } page)
            {
                if (number > 500) throw new InvalidOperationException("The pager did not finish within 500 pages.");
                var ids = page.Select(c => c["id"]!.GetValue<long>()).ToList();
                returned.AddRange(ids);
                if (afterPage != null) await afterPage(ids, number);
                number++;
            }
            return returned;
        }

        /// <summary>The ids of the contacts that carry a tag now, from the emulator's store.</summary>
        public HashSet<long> Tagged(string tag) =>
            Server.State.Spaces[EmulatorServer.Key].Contacts.Snapshot().Where(c => c.Tags.Contains(tag)).Select(c => c.Id).ToHashSet();

        /// <summary>How many requests the emulator answered on one route ("POST /kpi"), from its control plane.</summary>
        public async Task<long> RequestsToAsync(string route)
        {
            using var http = new HttpClient();
            var stats = JsonNode.Parse(await http.GetStringAsync(new Uri(Server.BaseUri, "/_emulator/stats")))!;
            return stats["requests"]?[route] is JsonObject byStatus ? byStatus.Sum(s => s.Value!.GetValue<long>()) : 0;
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}

using System.Net.Http;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;
using Qomon.Client.Tests.Fakes;
using Qomon.Client.Writing;
using Xunit;

namespace Qomon.Client.Tests.Writing
{
    /// <summary>The emulator over HTTP, a ContactWriter on it, and the probes the writer's tests read: what the
    /// emulator stored (history), how many requests it counted, and a second writer standing for another user.</summary>
    public sealed class WriterFixture : IAsyncDisposable
    {
        private static readonly HttpClient Control = new();

        private WriterFixture(EmulatorServer server, TamperingTransport network)
        {
            Server = server;
            Network = network;
            Writer = new ContactWriter(server.Connection, FormCatalog.Empty);
        }

        public EmulatorServer Server { get; }
        public TamperingTransport Network { get; }
        public ContactWriter Writer { get; }

        public static async Task<WriterFixture> StartAsync(bool fakeTime = false)
        {
            var network = new TamperingTransport();
            var server = await EmulatorServer.StartAsync(connection: s => s.TransportHandler = network, fakeTime: fakeTime);
            return new WriterFixture(server, network);
        }

        /// <summary>A seeded contact's id (the first of the space, or one with answers to the given form).</summary>
        public long ContactId(long? answeringForm = null)
        {
            var contacts = Server.State.Spaces[EmulatorServer.Key].Contacts.Snapshot();
            if (answeringForm == null) return contacts[0].Id;
            foreach (var contact in contacts)
            {
                var read = Stored(contact.Id);
                if (ContactDiff.AnswersOf(read, AnswerKind.FormData, answeringForm.Value).Count > 0) return contact.Id;
            }
            throw new InvalidOperationException("No seeded contact answers form " + answeringForm);
        }

        /// <summary>The contact as the emulator holds it now (from its history, without a counted request).</summary>
        public JsonObject Stored(long id)
        {
            var history = Get("/_emulator/contacts/" + id + "/history").AsArray();
            return history[history.Count - 1]!.AsObject();
        }

        public int Versions(long id) => Get("/_emulator/contacts/" + id + "/history").AsArray().Count;

        /// <summary>Requests the emulator answered on a route ("GET /contacts/{id}"), whatever their status.</summary>
        public int Requests(string route)
        {
            var stats = Get("/_emulator/stats");
            if (stats["requests"]?[route] is not JsonObject byStatus) return 0;
            return byStatus.Sum(pair => pair.Value!.GetValue<int>());
        }

        public static ContactMergeRequest Change(long id, string field, string value)
        {
            var changes = new ContactChanges();
            changes.SetField(field, JsonValue.Create(value));
            return new ContactMergeRequest(id, changes);
        }

        /// <summary>Another user's edit, through the same API.</summary>
        public async Task EditAsOtherUser(long id, string field, string value)
        {
            var result = await new ContactWriter(Server.Connection, FormCatalog.Empty).MergeAsync(Change(id, field, value), CancellationToken.None);
            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
        }

        private JsonNode Get(string path) =>
            JsonNode.Parse(Control.GetStringAsync(new Uri(Server.BaseUri, path)).GetAwaiter().GetResult())!;

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Qomon.Emulator.Hosting;
using Qomon.Emulator.Settings;

namespace Qomon.Emulator.Tests
{
    /// <summary>An answer as a test sees it: status, headers and the body parsed as JSON (null when empty or not JSON).</summary>
    public sealed record Reply(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, JsonNode? Body, string Text)
    {
        public string? Header(string name) =>
            Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

        public JsonObject Contact => Body!["data"]!["contact"]!.AsObject();
    }

    /// <summary>
    /// One emulator for one test: the real app from EmulatorApp.Build on a free loopback port, a FakeTimeProvider
    /// for its clock, and an HttpClient that talks to it over real HTTP.
    /// </summary>
    public sealed class EmulatorHost : IAsyncDisposable
    {
        public const string Key = "test-key";
        public const string OtherKey = "other-key";
        public static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 30, 0, TimeSpan.Zero);

        private readonly WebApplication _app;

        private EmulatorHost(WebApplication app, FakeTimeProvider time, Uri baseAddress)
        {
            _app = app;
            Time = time;
            // Redirects are not followed: a test sees exactly what the emulator answered (bad-body-rate's 302).
            Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        }

        public FakeTimeProvider Time { get; }
        public HttpClient Client { get; }
        public EmulatorState State => EmulatorApp.State(_app);
        public IServiceProvider Services => _app.Services;

        /// <summary>Test defaults: two keys, 40 seeded contacts per space, and the bucket off unless a test turns it on.</summary>
        public static EmulatorSettings Defaults => new()
        {
            Urls = "http://127.0.0.1:0",
            ApiKeys = [Key, OtherKey],
            Seed = 40,
            RandomSeed = 7,
            Rate = 0,
        };

        public static async Task<EmulatorHost> StartAsync(Func<EmulatorSettings, EmulatorSettings>? configure = null)
        {
            var settings = (configure ?? (s => s))(Defaults);
            var time = new FakeTimeProvider(Start);
            var app = EmulatorApp.Build(settings, time);
            await app.StartAsync();
            return new EmulatorHost(app, time, new Uri(EmulatorApp.BoundAddress(app)));
        }

        public Task<Reply> GetAsync(string path, string? key = Key) => SendAsync(HttpMethod.Get, path, null, key);

        public Task<Reply> PostAsync(string path, object? body, string? key = Key) => SendAsync(HttpMethod.Post, path, body, key);

        public Task<Reply> PatchAsync(string path, object? body, string? key = Key) => SendAsync(HttpMethod.Patch, path, body, key);

        public Task<Reply> DeleteAsync(string path, string? key = Key) => SendAsync(HttpMethod.Delete, path, null, key);

        /// <summary>body may be a string (sent as is), a JsonNode, or an object serialized as JSON.</summary>
        public async Task<Reply> SendAsync(HttpMethod method, string path, object? body, string? key = Key)
        {
            using var request = new HttpRequestMessage(method, path);
            if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            if (body is not null)
            {
                var text = body switch
                {
                    string s => s,
                    JsonNode node => node.ToJsonString(),
                    _ => System.Text.Json.JsonSerializer.Serialize(body),
                };
                request.Content = new StringContent(text, Encoding.UTF8, "application/json");
            }
            using var response = await Client.SendAsync(request);
            var content = await response.Content.ReadAsStringAsync();
            var isJson = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true;
            var json = content.Length == 0 || !isJson ? null : JsonNode.Parse(content);
            return new Reply(response.StatusCode, response.Headers, response.Content.Headers, json, content);
        }

        /// <summary>A contact as GET returns it.</summary>
        public async Task<JsonObject> ContactAsync(long id, string key = Key)
        {
            var reply = await GetAsync($"/contacts/{id}", key);
            Xunit.Assert.Equal(HttpStatusCode.OK, reply.Status);
            return reply.Contact;
        }

        /// <summary>The id of the first seeded contact of the first space.</summary>
        public long FirstId => State.Spaces[Key].Contacts.Snapshot()[0].Id;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

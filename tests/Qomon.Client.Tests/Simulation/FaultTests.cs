using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Simulation
{
    /// <summary>
    /// A seeded faulty server: gateway errors, resets before and after applying, hangs past the timeout.
    /// Every call must end either in success or in a QomonApiException, and no create may be applied twice.
    /// </summary>
    public class FaultTests
    {
        private sealed class FaultyServer
        {
            private readonly Random _dice = new(20261126);
            public readonly Dictionary<string, int> Applied = new();
            public int CreateAttempts;

            public async Task<HttpResponseMessage> Answer(HttpRequestMessage request, CancellationToken ct)
            {
                var body = request.Content == null ? "" : await request.Content.ReadAsStringAsync(ct);
                var key = request.Method.Method + " " + request.RequestUri!.AbsolutePath + " " + body;
                if (request.Method == HttpMethod.Post) CreateAttempts++;
                var roll = _dice.NextDouble();
                if (roll < 0.05) return FakeTransport.Json((HttpStatusCode)(new[] { 500, 502, 503 }[_dice.Next(3)]), "{\"title\":\"Injected\"}");
                if (roll < 0.07) throw new HttpRequestException("reset before the server read it", new IOException("reset"));
                if (roll < 0.09) await Task.Delay(Timeout.Infinite, ct); // slower than the client's timeout
                Applied[key] = Applied.TryGetValue(key, out var n) ? n + 1 : 1;
                if (roll < 0.11) throw new HttpRequestException("reset after the write was applied", new IOException("reset"));
                return MinimalAnswers.Response(request);
            }
        }

        [Fact]
        public async Task EveryWriteSucceedsOrIsReportedAndNoCreateIsAppliedTwice()
        {
            using var t = new TestConnection(s => { s.Timeout = TimeSpan.FromSeconds(5); s.Random = new Random(7).NextDouble; });
            var server = new FaultyServer();
            t.Transport.Fallback = server.Answer;
            var replaced = new List<long>();
            var createsOk = new List<string>();
            var failures = new List<QomonApiException>();

            async Task<int> Run()
            {
                for (var i = 0; i < 150; i++)
                {
                    try
                    {
                        await t.Client.ReplaceContactAsync(i, new JsonObject { ["n"] = i }, CancellationToken.None);
                        replaced.Add(i);
                    }
                    catch (QomonApiException ex) { failures.Add(ex); }
                }
                for (var i = 0; i < 50; i++)
                {
                    try
                    {
                        await t.Client.CreateContactAsync(new JsonObject { ["n"] = i }, CancellationToken.None);
                        createsOk.Add(i.ToString());
                    }
                    catch (QomonApiException ex) { failures.Add(ex); }
                }
                return 0;
            }

            await t.Drive(Run(), TimeSpan.FromMilliseconds(100));

            Assert.Equal(150 + 50, replaced.Count + createsOk.Count + failures.Count);
            Assert.True(replaced.Count >= 148, $"only {replaced.Count} of 150 replacements succeeded");
            foreach (var id in replaced)
                Assert.True(server.Applied.ContainsKey($"PATCH /contacts/{id} {{\"data\":{{\"contact\":{{\"n\":{id}}}}}}}"), $"contact {id} reported written but never applied");
            Assert.All(server.Applied.Where(a => a.Key.StartsWith("POST")), a => Assert.Equal(1, a.Value));
            Assert.Equal(50, server.CreateAttempts); // a create is never resent after an ambiguous failure
            Assert.All(failures.Where(f => f.Method == "POST"), f => Assert.True(f.OutcomeUnknown));
            Assert.True(failures.Count(f => f.Method == "POST") > 0, "the seed was expected to fail some creates");
            Assert.True(t.Connection.Counters.Retries > 0);
        }
    }
}

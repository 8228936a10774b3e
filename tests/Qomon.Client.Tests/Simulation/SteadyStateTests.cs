using System.Text.Json.Nodes;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Simulation
{
    /// <summary>Bulk work against a server-side bucket: full refill speed, no 429, nothing lost.</summary>
    public class SteadyStateTests
    {
        private static async Task<int> Workers(TestConnection t, int workers, int writesEach)
        {
            var tasks = Enumerable.Range(0, workers).Select(async w =>
            {
                for (var i = 0; i < writesEach; i++)
                    await t.Client.ReplaceContactAsync(w * 1000 + i, new JsonObject { ["n"] = i }, CancellationToken.None);
            });
            await Task.WhenAll(tasks);
            return 0;
        }

        [Fact]
        public async Task FourWorkersWritingInParallelNeverSeeA429AndRunAtTheRefillRate()
        {
            using var t = new TestConnection();
            var server = new BucketServer(t.Clock, burst: 100, rate: 50, latency: TimeSpan.FromMilliseconds(200));
            t.Transport.Fallback = server.Answer;

            await t.Drive(Workers(t, workers: 4, writesEach: 50), TimeSpan.FromMilliseconds(20));

            Assert.Equal(0, server.Throttled);
            Assert.Equal(200, server.Admitted);
            Assert.True(server.MaxInFlight > 1, "requests were expected to overlap");
            // 200 writes × 5 tokens = 1000; the first 100 come from the burst, the rest at 50/s: 18 s at best.
            var elapsed = t.Clock.GetUtcNow() - TestConnection.Start;
            Assert.True(elapsed >= TimeSpan.FromSeconds(18), $"finished in {elapsed}, faster than the bucket allows");
            Assert.True(elapsed <= TimeSpan.FromSeconds(21), $"finished in {elapsed}, well below the refill rate");
            Assert.Equal(0, t.Connection.Counters.Throttled);
            Assert.Equal(1000, t.Connection.Counters.TokensSpent);
        }

        [Fact]
        public async Task AServerBucketDrainedBySomeoneElseCostsSome429sButLosesNothing()
        {
            using var t = new TestConnection();
            var server = new BucketServer(t.Clock, burst: 100, rate: 50, latency: TimeSpan.FromMilliseconds(100), startTokens: 0);
            t.Transport.Fallback = server.Answer;

            await t.Drive(Workers(t, workers: 4, writesEach: 10), TimeSpan.FromMilliseconds(20));

            Assert.Equal(40, server.Admitted);
            Assert.True(server.Throttled > 0);
            Assert.Equal(server.Throttled, t.Connection.Counters.Throttled);
            Assert.Equal(0, t.Connection.Counters.Failures);
        }

        [Fact]
        public async Task TheBudgetCarriesAcrossCallsOnTheSameConnection()
        {
            using var t = new TestConnection();
            var server = new BucketServer(t.Clock, burst: 100, rate: 10, latency: TimeSpan.Zero);
            t.Transport.Fallback = server.Answer;

            await t.Drive(Workers(t, workers: 1, writesEach: 20), TimeSpan.FromMilliseconds(20)); // the whole burst
            await t.Drive(Workers(t, workers: 1, writesEach: 5), TimeSpan.FromMilliseconds(20));  // a second "pipeline"

            Assert.Equal(0, server.Throttled);
            Assert.True(t.Clock.GetUtcNow() - TestConnection.Start >= TimeSpan.FromSeconds(2.5));
        }
    }
}

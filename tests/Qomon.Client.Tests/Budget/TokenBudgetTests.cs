using Microsoft.Extensions.Time.Testing;
using Qomon.Client.Budget;
using Qomon.Client.Diagnostics;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Budget
{
    public class TokenBudgetTests
    {
        private static readonly DateTimeOffset Start = TestConnection.Start;

        // Most tests look at pacing alone: skip the one-request-until-first-answer start.
        private static TokenBudget Calibrated(FakeTimeProvider clock, double burst = 100, double rate = 10) =>
            new TokenBudget(clock, burst, rate, calibrated: true);

        private static RateLimitHeaders Headers(string? limit = null, double? remaining = null, double? cost = null)
        {
            var h = new RateLimitHeaders { Remaining = remaining, Cost = cost };
            if (limit != null) RateLimitHeaders.ParseLimit(limit, h);
            return h;
        }

        [Fact]
        public async Task ThirtyWritesSpendTheBurstThenFollowTheRefillRate()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);
            var sentAt = new List<TimeSpan>();

            async Task<int> Writes()
            {
                for (var i = 0; i < 30; i++)
                {
                    var reserved = await budget.AcquireAsync(5, CancellationToken.None);
                    sentAt.Add(clock.GetUtcNow() - Start);
                    budget.Complete(reserved, "PATCH /contacts/{id}", 200, new RateLimitHeaders(), null);
                }
                return 0;
            }

            await clock.Drive(Writes(), TimeSpan.FromMilliseconds(10));

            for (var i = 0; i < 20; i++)
                Assert.Equal(TimeSpan.Zero, sentAt[i]);
            for (var i = 20; i < 30; i++)
            {
                var due = TimeSpan.FromSeconds((i - 19) * 0.5);
                Assert.True(sentAt[i] >= due, $"write {i + 1} went out at {sentAt[i]}, before its tokens existed at {due}");
                Assert.True(sentAt[i] <= due + TimeSpan.FromMilliseconds(500), $"write {i + 1} went out at {sentAt[i]}, long after {due}");
            }
        }

        [Fact]
        public async Task LimitHeaderRecalibratesBurstAndRate()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);

            var reserved = (await budget.AcquireAsync(1, CancellationToken.None));
            budget.Complete(reserved, "GET /contacts/{id}", 200, Headers("burst:50;rate:2.5"), null);

            Assert.Equal(50, budget.Burst);
            Assert.Equal(2.5, budget.RatePerSecond);
            Assert.True(budget.Available <= 50);
        }

        [Theory]
        [InlineData("burst:100;rate:10.0", 100, 10)]
        [InlineData("burst=200, rate=0.5", 200, 0.5)]
        [InlineData(" rate:500 ; burst:1000 ", 1000, 500)]
        public void LimitHeaderParses(string value, double burst, double rate)
        {
            var h = Headers(value);
            Assert.Equal(burst, h.Burst);
            Assert.Equal(rate, h.Rate);
        }

        [Fact]
        public async Task RemainingHeaderLowersLocalTokens()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);

            var reserved = (await budget.AcquireAsync(1, CancellationToken.None));
            budget.Complete(reserved, "GET /contacts/{id}", 200, Headers(remaining: 10, cost: 1), null);

            Assert.Equal(10, budget.Available, 6);
        }

        [Fact]
        public async Task RemainingHeaderNeverRaisesLocalTokens()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);
            for (var i = 0; i < 16; i++)
                budget.Complete((await budget.AcquireAsync(5, CancellationToken.None)), "PATCH /contacts/{id}", 200, new RateLimitHeaders(), null);
            Assert.Equal(20, budget.Available, 6);

            var reserved = (await budget.AcquireAsync(5, CancellationToken.None));
            budget.Complete(reserved, "PATCH /contacts/{id}", 200, Headers(remaining: 90, cost: 5), null);

            Assert.Equal(15, budget.Available, 6);
        }

        [Fact]
        public async Task RemainingHeaderKeepsBackTokensOfRequestsStillInFlight()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);
            var first = (await budget.AcquireAsync(5, CancellationToken.None));
            await budget.AcquireAsync(5, CancellationToken.None); // still in flight
            Assert.Equal(10, budget.InFlight, 6);

            budget.Complete(first, "PATCH /contacts/{id}", 200, Headers(remaining: 50, cost: 5), null);

            Assert.Equal(5, budget.InFlight, 6);
            Assert.Equal(45, budget.Available, 6);
        }

        [Fact]
        public async Task CostHeaderCorrectsTheEstimateAndIsLearnedPerRoute()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);
            Assert.Equal(5, budget.Costs.Estimate("PATCH /contacts/{id}"));

            var reserved = (await budget.AcquireAsync(5, CancellationToken.None));
            Assert.Equal(95, budget.Available, 6);
            var charged = budget.Complete(reserved, "PATCH /contacts/{id}", 200, Headers(cost: 2), null);

            Assert.Equal(2, charged);
            Assert.Equal(98, budget.Available, 6);
            Assert.Equal(2, budget.Costs.Estimate("PATCH /contacts/{id}"));
        }

        [Theory]
        [InlineData("POST /contacts", 5)]
        [InlineData("PATCH /contacts/{id}", 5)]
        [InlineData("GET /contacts/{id}", 1)]
        [InlineData("POST /search", 1)]
        [InlineData("DELETE /contacts/{id}", 1)]
        [InlineData("GET /v1/forms/type/consent", 1)]
        public void UnseenRoutesUseTheDocumentedCosts(string route, double cost) =>
            Assert.Equal(cost, new CostTable().Estimate(route));

        [Fact]
        public async Task A429DrainsTheBucketAndPausesItForRetryAfter()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);
            var reserved = await budget.AcquireAsync(1, CancellationToken.None);
            budget.Complete(reserved, "GET /contacts/{id}", 429, new RateLimitHeaders(), TimeSpan.FromSeconds(3));
            Assert.True(budget.Available <= 0.0001);

            await clock.Drive(budget.AcquireAsync(1, CancellationToken.None), TimeSpan.FromMilliseconds(10));

            var waited = clock.GetUtcNow() - Start;
            Assert.True(waited >= TimeSpan.FromSeconds(3), $"resumed after {waited}, before Retry-After");
            Assert.True(waited < TimeSpan.FromSeconds(4));
        }

        [Fact]
        public async Task ParallelAcquirersNeverOverspend()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);
            var granted = 0;
            var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
            {
                await budget.AcquireAsync(5, CancellationToken.None);
                Interlocked.Increment(ref granted);
            })).ToList();

            await ClockDriver.Settle(300);
            Assert.Equal(20, Volatile.Read(ref granted));
            Assert.Equal(30, budget.Waiting);
            Assert.True(budget.Available >= -0.0001);

            clock.Advance(TimeSpan.FromSeconds(0.5));
            await ClockDriver.Settle(300);
            Assert.Equal(21, Volatile.Read(ref granted));

            await clock.Drive(Task.WhenAll(tasks), TimeSpan.FromMilliseconds(100));
            Assert.Equal(50, granted);
            Assert.True(clock.GetUtcNow() - Start >= TimeSpan.FromSeconds(15));
        }

        [Fact]
        public async Task ManyThreadsTakingOneTokenGetExactlyTheBurst()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);
            var granted = 0;
            using var stop = new CancellationTokenSource();
            var tasks = Enumerable.Range(0, 300).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await budget.AcquireAsync(1, stop.Token);
                    Interlocked.Increment(ref granted);
                }
                catch (OperationCanceledException) { }
            })).ToList();

            await ClockDriver.Settle(500);
            Assert.Equal(100, Volatile.Read(ref granted));
            stop.Cancel();
            await Task.WhenAll(tasks);
            Assert.Equal(100, granted);
            Assert.Equal(0, budget.Waiting);
        }

        [Fact]
        public async Task ABudgetWaitIsCancellable()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);
            for (var i = 0; i < 20; i++) await budget.AcquireAsync(5, CancellationToken.None);

            using var cts = new CancellationTokenSource();
            var waiting = budget.AcquireAsync(5, cts.Token);
            await ClockDriver.Settle();
            Assert.False(waiting.IsCompleted);

            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            Assert.Equal(0, budget.Waiting);
            Assert.Equal(100, budget.InFlight, 6);
        }

        [Fact]
        public async Task TotalWaitSumsFakeWaitingTime()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock, 5, 1);
            await budget.AcquireAsync(5, CancellationToken.None);

            await clock.Drive(budget.AcquireAsync(2, CancellationToken.None), TimeSpan.FromMilliseconds(100));

            Assert.True(budget.TotalWait >= TimeSpan.FromSeconds(2));
            Assert.True(budget.TotalWait < TimeSpan.FromSeconds(3));
        }

        [Fact]
        public async Task TotalWaitIsWallClockWhileWaitSumAddsEveryRequestsWait()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock, 10, 1);
            await budget.AcquireAsync(10, CancellationToken.None);

            var first = budget.AcquireAsync(2, CancellationToken.None);  // tokens at 2 s
            var second = budget.AcquireAsync(2, CancellationToken.None); // tokens at 4 s
            await clock.Drive(Task.WhenAll(first, second), TimeSpan.FromMilliseconds(100));

            Assert.InRange(budget.TotalWait.TotalSeconds, 4, 4.5);
            Assert.InRange(budget.WaitSum.TotalSeconds, 6, 7);
            Assert.Equal(0, budget.Waiting);
        }

        [Fact]
        public async Task ZeroRateMeansTheServerDoesNotLimit()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock);
            budget.Complete(await budget.AcquireAsync(1, CancellationToken.None), "GET /x", 200, Headers("burst:100;rate:0"), null);

            for (var i = 0; i < 500; i++)
                await budget.AcquireAsync(5, CancellationToken.None); // would hang if paced

            Assert.Equal(0, budget.RatePerSecond);
        }

        [Fact]
        public async Task ALongWaitIsAnnouncedAsAWarning()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock, 10, 1);
            var log = new RecordingLog();
            using var scope = QomonLog.Use(log);
            await budget.AcquireAsync(10, CancellationToken.None);

            await clock.Drive(budget.AcquireAsync(8, CancellationToken.None), TimeSpan.FromMilliseconds(200));

            Assert.Contains(log.Warnings, w => w.Contains("rate-limit tokens"));
        }

        [Fact]
        public async Task ACostAboveTheBurstIsCappedInsteadOfWaitingForever()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = Calibrated(clock, 3, 1);
            var reserved = await budget.AcquireAsync(5, CancellationToken.None);
            Assert.Equal(3, reserved);
        }

        [Fact]
        public async Task UntilTheFirstAnswerOnlyOneRequestIsInFlight()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = new TokenBudget(clock);
            Assert.False(budget.IsCalibrated);

            var first = await budget.AcquireAsync(1, CancellationToken.None);
            var second = budget.AcquireAsync(1, CancellationToken.None);
            await ClockDriver.Settle();
            Assert.False(second.IsCompleted);

            // The server's bucket had been drained by someone else: its answer brings the local one down.
            budget.Complete(first, "GET /contacts/{id}", 200, Headers("burst:100;rate:10.0", remaining: 3, cost: 1), null);
            await second;
            Assert.True(budget.IsCalibrated);
            Assert.Equal(2, budget.Available, 6);
        }

        [Fact]
        public async Task AFirstRequestThatGotNoAnswerLetsTheNextOneProbe()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = new TokenBudget(clock);
            var first = await budget.AcquireAsync(1, CancellationToken.None);
            var second = budget.AcquireAsync(1, CancellationToken.None);
            var third = budget.AcquireAsync(1, CancellationToken.None);

            budget.Abandon(first);
            await second;
            await ClockDriver.Settle();
            Assert.False(third.IsCompleted);
            Assert.False(budget.IsCalibrated);

            budget.Complete(await second, "GET /contacts/{id}", 200, new RateLimitHeaders(), null);
            await third;
        }

        [Fact]
        public async Task WaitingForTheFirstAnswerIsCancellable()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = new TokenBudget(clock);
            await budget.AcquireAsync(1, CancellationToken.None);
            using var cts = new CancellationTokenSource();
            var second = budget.AcquireAsync(1, cts.Token);

            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        }

        [Fact]
        public async Task ASlowFirstAnswerHoldsTheOthersForTwoSecondsAtMost()
        {
            var clock = new FakeTimeProvider(Start);
            using var budget = new TokenBudget(clock);
            await budget.AcquireAsync(1, CancellationToken.None); // never answered

            await clock.Drive(budget.AcquireAsync(1, CancellationToken.None), TimeSpan.FromMilliseconds(100));

            var waited = clock.GetUtcNow() - Start;
            Assert.True(waited >= TimeSpan.FromSeconds(2) && waited < TimeSpan.FromSeconds(2.5), $"waited {waited}");
            Assert.True(budget.IsCalibrated);
        }
    }
}

using Qomon.Client.Http;
using Xunit;

namespace Qomon.Client.Tests.Http
{
    /// <summary>-ThrottleLimit on the upsert path: requests, not records, hold a slot; Unlimited lets every request run.</summary>
    public sealed class RequestSlotsTests
    {
        [Fact]
        public async Task NoMoreRequestsRunAtOnceThanTheLimitAndEachSlotIsFreedWhenItsRequestEnds()
        {
            var slots = new RequestSlots(2);
            var running = 0;
            var most = 0;
            var gates = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            var requests = gates.Select(gate => slots.RunAsync(async () =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await gate.Task;
                Interlocked.Decrement(ref running);
                return true;
            }, CancellationToken.None)).ToArray();

            Assert.Equal(2, Volatile.Read(ref running));
            foreach (var gate in gates) gate.SetResult(true);
            await Task.WhenAll(requests);
            Assert.Equal(2, most);
            Assert.Equal(0, running);
        }

        [Fact]
        public async Task AFailedRequestGivesItsSlotBack()
        {
            var slots = new RequestSlots(1);
            await Assert.ThrowsAsync<InvalidOperationException>(() => slots.RunAsync<bool>(() => throw new InvalidOperationException("lost"), CancellationToken.None));
            Assert.True(await slots.RunAsync(() => Task.FromResult(true), CancellationToken.None));
        }

        [Fact]
        public async Task ARequestWaitingForASlotEndsWhenCancelledAndNeverRuns()
        {
            var slots = new RequestSlots(1);
            var hold = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var holding = slots.RunAsync(() => hold.Task, CancellationToken.None);
            using var stop = new CancellationTokenSource();
            var ran = false;
            var waiting = slots.RunAsync(() => { ran = true; return Task.FromResult(true); }, stop.Token);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            hold.SetResult(true);
            await holding;
            Assert.False(ran);
        }

        [Fact]
        public async Task UnlimitedRunsEveryRequestAtOnce()
        {
            var gates = Enumerable.Range(0, 50).Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            var running = 0;
            var requests = gates.Select(gate => RequestSlots.Unlimited.RunAsync(async () =>
            {
                Interlocked.Increment(ref running);
                return await gate.Task;
            }, CancellationToken.None)).ToArray();

            Assert.Equal(50, Volatile.Read(ref running));
            foreach (var gate in gates) gate.SetResult(true);
            Assert.All(await Task.WhenAll(requests), Assert.True);
            Assert.Equal(int.MaxValue, RequestSlots.Unlimited.Limit);
        }

        [Fact]
        public void ALimitBelowOneIsRefused() =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new RequestSlots(0));

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }
}

using Microsoft.Extensions.Time.Testing;
using Qomon.Client.Budget;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Budget
{
    /// <summary>
    /// A record's read and write tokens are taken together (TokenBudget.ReserveAsync), so that its write never
    /// queues behind other records' reads after its own read: that queue is what let a write land seconds after
    /// its read and undo edits made in between.
    /// </summary>
    public class TokenReservationTests
    {
        private static TokenBudget Calibrated(FakeTimeProvider clock, double burst, double rate) =>
            new TokenBudget(clock, burst, rate, calibrated: true);

        [Fact]
        public async Task AWriteDrawnFromItsReservationGoesOutAtOnceWhileAnotherRequestWaitsForTokens()
        {
            var clock = new FakeTimeProvider(TestConnection.Start);
            using var budget = Calibrated(clock, burst: 10, rate: 10);
            using var reservation = await budget.ReserveAsync(6, CancellationToken.None);
            var read = reservation.TryDraw(budget, 1);
            budget.Complete(1, "GET /contacts/{id}", 200, new RateLimitHeaders(), null);

            var otherRecord = budget.AcquireAsync(5, CancellationToken.None);
            Assert.False(otherRecord.IsCompleted);
            var write = reservation.TryDraw(budget, 5);

            Assert.True(read);
            Assert.True(write);
            Assert.Equal(0, reservation.Left, 6);
            Assert.False(otherRecord.IsCompleted);
            budget.Complete(5, "PATCH /contacts/{id}", 200, new RateLimitHeaders(), null);
            await clock.Drive(otherRecord, TimeSpan.FromMilliseconds(10));
        }

        [Fact]
        public async Task WhatARecordDidNotSpendGoesBackWhenItsReservationIsDisposed()
        {
            var clock = new FakeTimeProvider(TestConnection.Start);
            using var budget = Calibrated(clock, burst: 100, rate: 10);
            var reservation = await budget.ReserveAsync(6, CancellationToken.None);
            Assert.Equal(94, budget.Available, 6);
            Assert.Equal(6, budget.InFlight, 6);

            Assert.True(reservation.TryDraw(budget, 1));
            budget.Complete(1, "GET /contacts/{id}", 200, new RateLimitHeaders(), null);
            reservation.Dispose();

            Assert.Equal(99, budget.Available, 6);
            Assert.Equal(0, budget.InFlight, 6);
        }

        [Fact]
        public async Task AReservationIsNotDrawnForAnotherBudgetNorBeyondWhatItHolds()
        {
            var clock = new FakeTimeProvider(TestConnection.Start);
            using var budget = Calibrated(clock, burst: 100, rate: 10);
            using var other = Calibrated(clock, burst: 100, rate: 10);
            using var reservation = await budget.ReserveAsync(6, CancellationToken.None);

            Assert.False(reservation.TryDraw(other, 1));
            Assert.False(reservation.TryDraw(budget, 7));
            Assert.Equal(6, reservation.Left, 6);
        }

        [Fact]
        public async Task RequestsInsideUseDrawFromTheReservationThroughTheHandlerChain()
        {
            using var test = new TestConnection();
            var budget = test.Connection.Budget;
            var reservation = await budget.ReserveAsync(6, CancellationToken.None);
            var before = budget.Available;
            test.Transport.Fallback = (_, _) => Task.FromResult(FakeTransport.Json(System.Net.HttpStatusCode.OK,
                "{\"status\":\"success\",\"data\":{\"contact\":{\"id\":5,\"formdatas\":[],\"custom_fields\":[]}}}"));

            using (reservation.Use())
                await test.Drive(test.Client.GetContactAsync(5, CancellationToken.None));

            Assert.Equal(5, reservation.Left, 6);
            Assert.Equal(before, budget.Available, 1);
            Assert.Null(TokenReservation.Current);
            reservation.Dispose();
        }
    }
}

using System;
using System.Linq;
using Qomon.Client.Upsert;
using Xunit;

namespace Qomon.Client.Tests.Upsert
{
    /// <summary>Auto's meter: upsert while its tokens per record stay 10% below PATCH's, PATCH otherwise, with rare probes.</summary>
    public class WriteMethodMeterTests
    {
        [Fact]
        public void Upsert_first_when_expected_cheaper_and_kept_while_measured_cheaper()
        {
            var meter = new WriteMethodMeter(expectedUpsertTokens: 2);
            Assert.Equal(WriteMethod.Upsert, meter.Next());
            for (var i = 0; i < 99; i++) meter.UpsertSent(1 + 0.01); // upsert 1, one search page shared by 100
            meter.UpsertSent(1 + 1 + 1 + 5); // one dropped record: upsert, a read, GET + PATCH
            Assert.InRange(meter.UpsertTokensPerRecord, 1.0, 1.2);
            Assert.Equal(WriteMethod.Upsert, meter.Next());
        }

        [Fact]
        public void A_fallback_is_charged_when_it_happens_and_does_not_switch_a_cheap_upsert_off()
        {
            var meter = new WriteMethodMeter(expectedUpsertTokens: 2);
            meter.UpsertSent(1 + 1); // the first record: its read and the upsert, counted at the send
            for (var i = 0; i < 20; i++) meter.UpsertSent(1 + 1);
            meter.UpsertCostMore(0.01 + 1 + 5); // 20 s later the first one was dropped: its reads, then GET + PATCH
            Assert.InRange(meter.UpsertTokensPerRecord, 2.2, 2.4);
            Assert.Equal(WriteMethod.Upsert, meter.Next());
        }

        [Fact]
        public void Known_within_a_few_records_and_patch_wins_a_tie()
        {
            // A 5-token upsert and the GET for its base cost what GET + PATCH cost: PATCH, with nothing to verify, wins.
            var meter = new WriteMethodMeter(expectedUpsertTokens: 2);
            Assert.Equal(WriteMethod.Upsert, meter.Next());
            meter.UpsertSent(1 + 5);
            meter.UpsertSent(1 + 5);
            Assert.Equal(WriteMethod.Patch, meter.Next());
        }

        [Fact]
        public void When_upsert_costs_five_patch_wins_and_upsert_is_only_probed_rarely()
        {
            var meter = new WriteMethodMeter(expectedUpsertTokens: 2, probeEvery: 50);
            for (var i = 0; i < 20; i++) meter.UpsertSent(5 + 1 + 1); // upsert 5 and two GETs before it showed
            for (var i = 0; i < 20; i++) meter.PatchDone(6);
            var choices = Enumerable.Range(0, 500).Select(_ => meter.Next()).ToList();
            Assert.Equal(10, choices.Count(c => c == WriteMethod.Upsert));
            Assert.Equal(WriteMethod.Patch, choices[0]);
            Assert.Equal(WriteMethod.Upsert, choices[49]);
        }

        [Fact]
        public async System.Threading.Tasks.Task The_first_upsert_is_a_probe_the_others_wait_for_and_its_answer_decides_them()
        {
            var meter = new WriteMethodMeter(expectedUpsertTokens: 2);
            var probe = await meter.ChooseAsync(System.Threading.CancellationToken.None);
            Assert.Equal((WriteMethod.Upsert, true), (probe.Method, probe.IsProbe));
            var second = meter.ChooseAsync(System.Threading.CancellationToken.None);
            var third = meter.ChooseAsync(System.Threading.CancellationToken.None);
            Assert.False(second.IsCompleted);
            meter.UpsertSent(1 + 5); // the probe's answer: its read and a 5-token upsert, as much as GET + PATCH
            Assert.Equal((WriteMethod.Patch, false), ((await second).Method, (await second).IsProbe));
            Assert.Equal(WriteMethod.Patch, (await third).Method);
        }

        [Fact]
        public async System.Threading.Tasks.Task A_probe_that_ends_without_an_upsert_hands_the_probe_to_the_next_record()
        {
            var meter = new WriteMethodMeter(expectedUpsertTokens: 2);
            var first = await meter.ChooseAsync(System.Threading.CancellationToken.None);
            var next = meter.ChooseAsync(System.Threading.CancellationToken.None);
            Assert.False(next.IsCompleted);
            meter.ProbeEnded(); // the record turned out unchanged: nothing was sent
            Assert.True(first.IsProbe);
            Assert.Equal((WriteMethod.Upsert, true), ((await next).Method, (await next).IsProbe));
            meter.UpsertSent(1 + 1);
            var after = await meter.ChooseAsync(System.Threading.CancellationToken.None);
            Assert.Equal((WriteMethod.Upsert, false), (after.Method, after.IsProbe));
        }

        [Fact]
        public async System.Threading.Tasks.Task A_record_waiting_for_the_probe_stops_when_cancelled()
        {
            var meter = new WriteMethodMeter();
            await meter.ChooseAsync(System.Threading.CancellationToken.None);
            using var stop = new System.Threading.CancellationTokenSource();
            var waiting = meter.ChooseAsync(stop.Token);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }

        [Fact]
        public void The_patch_side_is_measured_too()
        {
            var meter = new WriteMethodMeter(expectedUpsertTokens: 5);
            Assert.Equal(WriteMethodMeter.DocumentedPatchTokens, meter.PatchTokensPerRecord);
            Assert.Equal(WriteMethod.Upsert, meter.Next());
            meter.PatchDone(5); // input carried the contact: no GET
            meter.PatchDone(5);
            Assert.Equal(5, meter.PatchTokensPerRecord);
            Assert.Equal(WriteMethod.Patch, meter.Next());
            Assert.Equal("upsert 5.0 tokens/record over 0 records, PATCH 5.0", meter.ToString());
        }

        [Fact]
        public void Bad_arguments_are_refused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new WriteMethodMeter(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new WriteMethodMeter(2, probeEvery: 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new WriteMethodMeter().UpsertSent(-1));
        }
    }
}

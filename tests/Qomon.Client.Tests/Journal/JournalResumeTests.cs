using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Qomon.Client.Journal;
using Qomon.Client.Upsert;
using Xunit;

namespace Qomon.Client.Tests.Journal
{
    /// <summary>What -Resume reads from a journal: changes done (skip), changes sent without an outcome (read to tell).</summary>
    public sealed class JournalResumeTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("qomon-resume-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void ADoneChangeIsCompleteAndOneSentWithoutOutcomeIsNamedUntilALaterRunSettlesIt()
        {
            var path = System.IO.Path.Combine(_dir, "j.jsonl");
            using (var writer = JournalWriter.Open(path))
            {
                var killed = JournalRun.Start(writer, null, "Remove-QomonContact", new Uri("http://localhost:1/"), 1, "1.0.0", new JsonObject());
                var done = killed.Record(1, JournalIntent.Remove, 1, JournalIntent.OfRemove(1), null);
                done.Sending(JournalMethods.Delete, new JsonObject { ["id"] = 1 }, null);
                done.Done(JournalOutcomes.Removed, null, null, 1, null);
                killed.Record(2, JournalIntent.Remove, 2, JournalIntent.OfRemove(2), null).Sending(JournalMethods.Delete, new JsonObject { ["id"] = 2 }, null);
                var failed = killed.Record(3, JournalIntent.Remove, 3, JournalIntent.OfRemove(3), null);
                failed.Sending(JournalMethods.Delete, new JsonObject { ["id"] = 3 }, null);
                failed.Done(JournalOutcomes.Failed, "Qomon.ContactNotFound", "not found", 3, null);
            }

            var first = JournalResume.Of(JournalReader.Read(path));
            Assert.True(first.IsComplete(JournalIntent.OfRemove(1)));
            Assert.False(first.IsComplete(JournalIntent.OfRemove(2)));
            Assert.Equal(2, first.SentWithoutOutcome(JournalIntent.OfRemove(2))!.Seq);
            Assert.False(first.IsComplete(JournalIntent.OfRemove(3)));
            Assert.Null(first.SentWithoutOutcome(JournalIntent.OfRemove(3)));

            using (var writer = JournalWriter.Open(path))
            {
                var resumed = JournalRun.Start(writer, null, "Remove-QomonContact", new Uri("http://localhost:1/"), 1, "1.0.0", new JsonObject());
                resumed.Record(1, JournalIntent.Remove, 2, JournalIntent.OfRemove(2), null).Done(JournalOutcomes.Removed, null, "found applied", 2, null);
            }
            var second = JournalResume.Of(JournalReader.Read(path));
            Assert.True(second.IsComplete(JournalIntent.OfRemove(2)));
            Assert.Null(second.SentWithoutOutcome(JournalIntent.OfRemove(2)));
        }

        [Fact]
        public void UpsertsSentWithoutOutcomeAreSettledOnceTheLastHasHadTheWritersBoundedWait()
        {
            var path = System.IO.Path.Combine(_dir, "u.jsonl");
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
            using (var writer = JournalWriter.Open(path))
            {
                var killed = JournalRun.Start(writer, time, "Set-QomonContact", new Uri("http://localhost:1/"), 1, "1.0.0", new JsonObject());
                var applied = killed.Record(1, JournalIntent.Update, 1, "intent-1", null);
                applied.Sending(JournalMethods.Upsert, new JsonObject { ["id"] = 1 }, null);
                applied.Done(JournalOutcomes.Updated, null, null, 1, null);
                time.Advance(TimeSpan.FromSeconds(3));
                killed.Record(2, JournalIntent.Update, 2, "intent-2", null).Sending(JournalMethods.Upsert, new JsonObject { ["id"] = 2 }, null);
                time.Advance(TimeSpan.FromSeconds(1));
                killed.Record(3, JournalIntent.Update, 3, "intent-3", null).Sending(JournalMethods.Upsert, new JsonObject { ["id"] = 3 }, null);
                killed.Record(4, JournalIntent.Update, 4, "intent-4", null).Sending(JournalMethods.Patch, new JsonObject { ["id"] = 4 }, null);
            }

            var resume = JournalResume.Of(JournalReader.Read(path));
            Assert.Equal(2, resume.UpsertsSentWithoutOutcome);
            Assert.Equal(new DateTimeOffset(2026, 12, 2, 10, 0, 4, TimeSpan.Zero) + UpsertWaitPolicy.Default.GiveUpAfter, resume.UpsertsSettledBy);
        }

        [Fact]
        public void AnUpsertFollowedByItsPatchFallbackLeavesNothingToWaitFor()
        {
            var path = System.IO.Path.Combine(_dir, "f.jsonl");
            using (var writer = JournalWriter.Open(path))
            {
                var killed = JournalRun.Start(writer, null, "Set-QomonContact", new Uri("http://localhost:1/"), 1, "1.0.0", new JsonObject());
                var record = killed.Record(1, JournalIntent.Update, 1, "intent-1", null);
                record.Sending(JournalMethods.Upsert, new JsonObject { ["id"] = 1 }, null);
                record.Sending(JournalMethods.Patch, new JsonObject { ["id"] = 1 }, null);
            }

            var resume = JournalResume.Of(JournalReader.Read(path));
            Assert.Equal(0, resume.UpsertsSentWithoutOutcome);
            Assert.Null(resume.UpsertsSettledBy);
        }
    }
}

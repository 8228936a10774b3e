using System.Text;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Journal;
using Xunit;

namespace Qomon.Client.Tests.Journal
{
    /// <summary>The journal file: lines written by many tasks at once, one run at a time, and read back tolerantly.</summary>
    public sealed class JournalFileTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("qomon-journal-").FullName;
        private string PathOf(string name) => System.IO.Path.Combine(_dir, name);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void EveryRecordOfARunIsReadBackWithItsBeforeImageFieldsAndOutcome()
        {
            var path = PathOf("j.jsonl");
            using (var writer = JournalWriter.Open(path))
            {
                var run = JournalRun.Start(writer, null, "Set-QomonContact", new Uri("http://localhost:1/api/"), null, "1.0.0", new JsonObject { ["WriteMethod"] = "Patch" });
                var changes = new ContactChanges();
                changes.SetField("mobile", JsonValue.Create("+33 6 00 00 00 01"));
                var record = run.Record(1, JournalIntent.Update, 42, JournalIntent.OfUpdate(42, changes), changes);
                var before = new JsonObject { ["id"] = 42, ["group_id"] = 7, ["firstname"] = "Ann", ["mobile"] = "+33 6 99" };
                var after = new JsonObject { ["firstname"] = "Ann", ["mobile"] = "+33 6 00 00 00 01" };
                record.Sending(JournalMethods.Patch, before, after);
                record.Done(JournalOutcomes.Updated, null, null, 42, null);
                Assert.Equal(7, run.Space);
            }

            var contents = JournalReader.Read(path);
            Assert.Empty(contents.Problems);
            Assert.Equal(new[] { "run", "pending", "done" }, contents.Entries.Select(e => e.Kind));
            var one = Assert.Single(JournalRecord.Of(contents));
            Assert.Equal("updated", one.Outcome);
            Assert.Equal("patch", one.Method);
            Assert.Equal("Set-QomonContact", one.Command);
            Assert.Equal("Ann", one.Before!["firstname"]!.GetValue<string>());
            var field = Assert.Single(one.Fields);
            Assert.Equal("mobile", field.Path);
            Assert.Equal("+33 6 99", field.Old!.GetValue<string>());
            Assert.Equal("+33 6 00 00 00 01", field.New!.GetValue<string>());
        }

        [Fact]
        public void ASecondRunOnAJournalInUseIsRefusedAndTheLockEndsWithTheFirstRun()
        {
            var path = PathOf("j.jsonl");
            using (JournalWriter.Open(path))
            {
                var refused = Assert.Throws<JournalInUseException>(() => JournalWriter.Open(path));
                Assert.Contains("in use by another run", refused.Message);
            }
            using (JournalWriter.Open(path)) { }
        }

        [Fact]
        public async Task LinesWrittenByManyTasksAtOnceNeverInterleave()
        {
            var path = PathOf("j.jsonl");
            using (var writer = JournalWriter.Open(path))
            {
                var run = JournalRun.Start(writer, null, "Set-QomonContact", new Uri("http://localhost:1/"), 1, "1.0.0", new JsonObject());
                await Task.WhenAll(Enumerable.Range(1, 400).Select(seq => Task.Run(() =>
                {
                    var record = run.Record(seq, JournalIntent.Remove, seq, JournalIntent.OfRemove(seq), null);
                    record.Sending(JournalMethods.Delete, new JsonObject { ["id"] = seq, ["note"] = new string('x', 500) }, null);
                    record.Done(JournalOutcomes.Removed, null, null, seq, null);
                })));
            }
            var contents = JournalReader.Read(path);
            Assert.Empty(contents.Problems);
            Assert.Equal(400, JournalRecord.Of(contents).Count(r => r.Outcome == "removed"));
        }

        [Fact]
        public void ADamagedLineIsNamedByItsNumberAndTheRestIsUsed()
        {
            var path = PathOf("j.jsonl");
            WriteRemoves(path, 3);
            var lines = File.ReadAllLines(path).ToList();
            lines[2] = lines[2].Substring(0, 20) + "#garbage";
            File.WriteAllLines(path, lines);

            var contents = JournalReader.Read(path);

            var problem = Assert.Single(contents.Problems);
            Assert.Equal(3, problem.LineNumber);
            Assert.Contains("line 3", problem.Message);
            Assert.Equal(lines.Count - 1, contents.Entries.Count);
            Assert.Equal(3, JournalRecord.Of(contents).Count);
        }

        [Fact]
        public void ATornLastLineFromAKilledProcessIsNamedAndTheNextRunStartsOnALineOfItsOwn()
        {
            var path = PathOf("j.jsonl");
            WriteRemoves(path, 2);
            var text = File.ReadAllText(path);
            File.WriteAllText(path, text + "{\"kind\":\"pending\",\"run\":\"x\",\"se", new UTF8Encoding(false));
            var tornLine = text.Count(c => c == '\n') + 1;

            var torn = JournalReader.Read(path);
            var problem = Assert.Single(torn.Problems);
            Assert.Equal(tornLine, problem.LineNumber);
            Assert.Contains("cut short", problem.Message);

            WriteRemoves(path, 1);
            var after = JournalReader.Read(path);
            Assert.Single(after.Problems);
            Assert.Equal(3, JournalRecord.Of(after).Count(r => r.Outcome == "removed"));
        }

        [Fact]
        public void APendingLineIsInTheFileWhenSendingReturnsBeforeTheRequestCouldGo()
        {
            var path = PathOf("j.jsonl");
            using var writer = JournalWriter.Open(path);
            var run = JournalRun.Start(writer, null, "Set-QomonContact", new Uri("http://localhost:1/"), 1, "1.0.0", new JsonObject());
            var changes = new ContactChanges();
            changes.AddTag("VIP");
            var record = run.Record(1, JournalIntent.Update, 9, JournalIntent.OfUpdate(9, changes), changes);

            record.Sending(JournalMethods.Patch, new JsonObject { ["id"] = 9, ["tags"] = new JsonArray() },
                new JsonObject { ["id"] = 9, ["tags"] = new JsonArray(new JsonObject { ["name"] = "VIP" }) });

            // Read through another handle while the run still holds the journal, as a reader after a kill would.
            var pending = Assert.Single(JournalRecord.Of(JournalReader.Read(path)));
            Assert.Equal(JournalRecord.PendingOutcome, pending.Outcome);
            var tag = Assert.Single(pending.Fields);
            Assert.Equal("tags[VIP]", tag.Path);
            Assert.Null(tag.Old);
            Assert.Equal("VIP", tag.New!.GetValue<string>());
        }

        [Fact]
        public void AKilledRunLeavesAPendingRecordWithoutOutcome()
        {
            var path = PathOf("j.jsonl");
            using (var writer = JournalWriter.Open(path))
            {
                var run = JournalRun.Start(writer, null, "Remove-QomonContact", new Uri("http://localhost:1/"), 1, "1.0.0", new JsonObject());
                run.Record(1, JournalIntent.Remove, 5, JournalIntent.OfRemove(5), null).Sending(JournalMethods.Delete, new JsonObject { ["id"] = 5 }, null);
            }
            var record = Assert.Single(JournalRecord.Of(JournalReader.Read(path)));
            Assert.Equal(JournalRecord.PendingOutcome, record.Outcome);
            Assert.Null(record.Done);
        }

        [Fact]
        public void TheIntentOfAChangeDoesNotDependOnTheOrderItWasGivenIn()
        {
            var a = new ContactChanges();
            a.SetField("mobile", JsonValue.Create("1"));
            a.SetField("address.city", JsonValue.Create("Lyon"));
            a.AddTag("VIP");
            a.AddTag("Donor");
            var b = new ContactChanges();
            b.AddTag("Donor");
            b.SetField("address.city", JsonValue.Create("Lyon"));
            b.AddTag("VIP");
            b.SetField("mobile", JsonValue.Create("1"));
            var c = new ContactChanges();
            c.SetField("mobile", JsonValue.Create("2"));

            Assert.Equal(JournalIntent.OfUpdate(1, a), JournalIntent.OfUpdate(1, b));
            Assert.NotEqual(JournalIntent.OfUpdate(1, a), JournalIntent.OfUpdate(2, a));
            Assert.NotEqual(JournalIntent.OfUpdate(1, a), JournalIntent.OfUpdate(1, c));
            Assert.NotEqual(JournalIntent.OfRemove(1), JournalIntent.OfUpdate(1, new ContactChanges()));
        }

        private static void WriteRemoves(string path, int count)
        {
            using var writer = JournalWriter.Open(path);
            var run = JournalRun.Start(writer, null, "Remove-QomonContact", new Uri("http://localhost:1/"), 1, "1.0.0", new JsonObject());
            for (var seq = 1; seq <= count; seq++)
            {
                var record = run.Record(seq, JournalIntent.Remove, seq, JournalIntent.OfRemove(seq), null);
                record.Sending(JournalMethods.Delete, new JsonObject { ["id"] = seq }, null);
                record.Done(JournalOutcomes.Removed, null, null, seq, null);
            }
        }
    }
}

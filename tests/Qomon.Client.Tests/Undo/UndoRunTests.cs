using System;
using System.Linq;
using Qomon.Client.Journal;
using Qomon.Client.Undo;
using Xunit;

namespace Qomon.Client.Tests.Undo
{
    public class UndoRunTests
    {
        private const string RunA = "11111111-1111-1111-1111-111111111111", RunB = "22222222-2222-2222-2222-222222222222", UndoOfB = "33333333-3333-3333-3333-333333333333";
        private const string At = "\"at\":\"2026-12-02T15:00:00.000Z\"";
        private const string Before = "{\"id\":7,\"group_id\":31457,\"firstname\":\"Ann\"}";

        private static string RunLine(string run, string command) =>
            "{\"kind\":\"run\",\"run\":\"" + run + "\"," + At + ",\"command\":\"" + command + "\",\"endpoint\":\"http://127.0.0.1:5000/\",\"space\":null}";

        private static string Pending(string run, int seq, string op, long? id) =>
            "{\"kind\":\"pending\",\"run\":\"" + run + "\",\"seq\":" + seq + "," + At + ",\"op\":\"" + op + "\",\"id\":" + (id?.ToString() ?? "null") +
            ",\"method\":\"patch\",\"intent\":\"x\",\"before\":" + (op == "create" ? "null" : Before) + ",\"fields\":[{\"path\":\"firstname\",\"old\":\"Ann\",\"new\":\"Anna\"}]}";

        private static string Done(string run, int seq, long? id, string outcome, long? newId = null) =>
            "{\"kind\":\"done\",\"run\":\"" + run + "\",\"seq\":" + seq + "," + At + ",\"id\":" + (id?.ToString() ?? "null") + ",\"outcome\":\"" + outcome +
            "\",\"newId\":" + (newId?.ToString() ?? "null") + "}";

        private static JournalContents Journal(params string[] lines) => JournalReader.Read("run.jsonl", string.Join("\n", lines) + "\n");

        [Fact]
        public void TheLatestRunThatIsNotAnUndoIsTakenByDefault()
        {
            var journal = Journal(RunLine(RunA, "Set-QomonContact"), Pending(RunA, 1, "update", 7), Done(RunA, 1, 7, "updated"),
                RunLine(RunB, "Set-QomonContact"), Pending(RunB, 1, "update", 8), Done(RunB, 1, 8, "updated"),
                RunLine(UndoOfB, UndoRun.UndoCommand), Pending(UndoOfB, 1, "update", 8), Done(UndoOfB, 1, 8, "updated"));

            Assert.Equal(RunB, UndoRun.Select(journal, null, null).RunLine.Run);
            Assert.Equal(UndoOfB, UndoRun.Select(journal, UndoOfB, null).RunLine.Run);
        }

        [Fact]
        public void EachOutcomeGetsItsAction()
        {
            var journal = Journal(RunLine(RunA, "Set-QomonContact"),
                Pending(RunA, 1, "update", 7), Done(RunA, 1, 7, "updated"),
                Pending(RunA, 2, "update", 8), Done(RunA, 2, 8, "unknown"),
                Pending(RunA, 3, "update", 9),
                Done(RunA, 4, 10, "unchanged"),
                Done(RunA, 5, 11, "conflict"),
                Pending(RunA, 6, "create", null), Done(RunA, 6, null, "created", 12),
                Pending(RunA, 7, "remove", 13), Done(RunA, 7, 13, "removed"),
                Pending(RunA, 8, "create", null));

            var run = UndoRun.Select(journal, null, null);

            Assert.Equal(new[] { (13L, UndoAction.Recreate), (12L, UndoAction.Remove), (9L, UndoAction.PutBack), (8L, UndoAction.PutBack), (7L, UndoAction.PutBack) },
                run.Items.Select(i => (i.ContactId, i.Action)).ToArray());
            Assert.Contains("record 8: the run's create may or may not have happened", Assert.Single(run.CannotUndo));
        }

        [Fact]
        public void IdsLimitTheUndoToThoseContactsCreatedOnesByTheirNewId()
        {
            var journal = Journal(RunLine(RunA, "Set-QomonContact"), Pending(RunA, 1, "update", 7), Done(RunA, 1, 7, "updated"),
                Pending(RunA, 2, "create", null), Done(RunA, 2, null, "created", 12), Pending(RunA, 3, "update", 8), Done(RunA, 3, 8, "updated"));

            Assert.Equal(new long[] { 12, 7 }, UndoRun.Select(journal, null, new long[] { 7, 12 }).Items.Select(i => i.ContactId).ToArray());
        }

        [Fact]
        public void AContactTheRunWroteTwiceGoesBackThroughBothWrites()
        {
            var journal = Journal(RunLine(RunA, "Set-QomonContact"),
                Pending(RunA, 1, "update", 7), Done(RunA, 1, 7, "updated"),
                Pending(RunA, 2, "update", 7).Replace("\"old\":\"Ann\",\"new\":\"Anna\"", "\"old\":\"Anna\",\"new\":\"Annie\"").Replace("\"firstname\":\"Ann\"}", "\"firstname\":\"Anna\"}"),
                Done(RunA, 2, 7, "updated"));
            var current = System.Text.Json.Nodes.JsonNode.Parse("{\"id\":7,\"group_id\":31457,\"firstname\":\"Annie\"}")!.AsObject();

            foreach (var item in UndoRun.Select(journal, null, null).Items)
            {
                var plan = UndoPlanner.Plan(item.Record.Before!, item.Record.Fields, current, Qomon.Client.Model.FormCatalog.Empty, force: false);
                Assert.Empty(plan.Conflicts);
                current = Qomon.Client.Merge.ContactMerger.Merge(current, plan.Changes, Qomon.Client.Model.FormCatalog.Empty).Body;
            }
            Assert.Equal("Ann", (string?)current["firstname"]);
        }

        [Fact]
        public void ARunTheJournalDoesNotHoldIsRefusedWithTheRunsItHolds()
        {
            var journal = Journal(RunLine(RunA, "Set-QomonContact"), Pending(RunA, 1, "update", 7), Done(RunA, 1, 7, "updated"));

            var refused = Assert.Throws<ArgumentException>(() => UndoRun.Select(journal, RunB, null));
            Assert.Contains("holds no run " + RunB + "; its runs: " + RunA + " (Set-QomonContact, 2026-12-02 15:00:00Z)", refused.Message);
            Assert.Contains("only undo runs", Assert.Throws<ArgumentException>(() => UndoRun.Select(Journal(RunLine(UndoOfB, UndoRun.UndoCommand)), null, null)).Message);
        }
    }
}

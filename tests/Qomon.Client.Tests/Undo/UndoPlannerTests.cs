using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Journal;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Qomon.Client.Undo;
using Xunit;

namespace Qomon.Client.Tests.Undo
{
    public class UndoPlannerTests
    {
        [Fact]
        public void FieldsThatStillHoldWhatTheRunWroteGoBack()
        {
            var before = Contacts.Camille();
            var (after, fields) = RunOn(before, c => { c.SetField("mobile", "+33 7"); c.SetField("address.city", "Paris"); });

            var plan = Plan(before, fields, after);

            Assert.Empty(plan.Conflicts);
            var body = Undone(after, plan);
            Assert.Equal("+33612345678", (string?)body["mobile"]);
            Assert.Equal("Lyon", (string?)body["address"]!["city"]);
            Assert.Equal("Rue de la République", (string?)body["address"]!["street"]);
            Assert.Empty(ContactDiff.Between(before, body));
        }

        [Fact]
        public void AFieldChangedSinceTheRunIsAConflictAndTheOthersStillGoBack()
        {
            var before = Contacts.Camille();
            var (after, fields) = RunOn(before, c => { c.SetField("mobile", "+33 7"); c.SetField("address.city", "Paris"); });
            after["mobile"] = "+33 8";

            var plan = Plan(before, fields, after);

            var conflict = Assert.Single(plan.Conflicts);
            Assert.Equal(("mobile", "+33612345678", "+33 7", "+33 8"), (conflict.Path, conflict.BeforeRun, conflict.Written, conflict.Now));
            Assert.Contains("mobile: the run wrote '+33 7', it now holds '+33 8'", conflict.ToString());
            var body = Undone(after, plan);
            Assert.Equal("+33 8", (string?)body["mobile"]);
            Assert.Equal("Lyon", (string?)body["address"]!["city"]);
        }

        [Fact]
        public void ForcePutsBackAFieldChangedSinceAndSaysSo()
        {
            var before = Contacts.Camille();
            var (after, fields) = RunOn(before, c => c.SetField("mobile", "+33 7"));
            after["mobile"] = "+33 8";

            var plan = UndoPlanner.Plan(before, fields, after, Forms.Catalog, force: true);

            Assert.Empty(plan.Conflicts);
            Assert.Equal("mobile", Assert.Single(plan.Overwritten).Path);
            Assert.Equal("+33612345678", (string?)Undone(after, plan)["mobile"]);
        }

        [Fact]
        public void AFieldBackToItsValueBeforeTheRunNeedsNothing()
        {
            var before = Contacts.Camille();
            var (_, fields) = RunOn(before, c => { c.SetField("mobile", "+33 7"); c.ClearField("married_name"); });

            var plan = Plan(before, fields, Contacts.Camille());

            Assert.True(plan.Changes.IsEmpty);
            Assert.Empty(plan.Conflicts);
        }

        [Fact]
        public void FieldsTheRunDidNotTouchKeepTheirValueNowNotTheBeforeImage()
        {
            var before = Contacts.Camille();
            var (after, fields) = RunOn(before, c => c.SetField("mobile", "+33 7"));
            after["firstname"] = "Camila";
            after["external_id"] = "crm-99";

            var body = Undone(after, Plan(before, fields, after));

            Assert.Equal("Camila", (string?)body["firstname"]);
            Assert.Equal("crm-99", (string?)body["external_id"]);
            Assert.True(JsonNode.DeepEquals(Contacts.Camille()["membership"], body["membership"]));
        }

        [Fact]
        public void AClearedFieldAndAnUnknownFieldTheRunChangedComeBack()
        {
            var before = Contacts.Camille();
            var (after, fields) = RunOn(before, c => { c.ClearField("married_name"); c.SetField("external_id", "crm-88"); });

            var body = Undone(after, Plan(before, fields, after));

            Assert.Equal("Durand", (string?)body["married_name"]);
            Assert.Equal("crm-77", (string?)body["external_id"]);
        }

        [Fact]
        public void SeveralValuesOfACheckboxComeBack()
        {
            var before = Contacts.Camille();
            var (after, fields) = RunOn(before, c => c.SetAnswer(AnswerKind.FormData, Forms.Consent, new[] { new AnswerValue(1013, "consent_phone") }));

            var body = Undone(after, Plan(before, fields, after));

            Assert.Equal(new[] { (1011L, "consent_email"), (1012L, "consent_sms") }, Answers(body, "formdatas", Forms.Consent));
        }

        [Fact]
        public void RepeatedAnswersComeBackCopyForCopy()
        {
            var before = Contacts.CamilleWithRepeatedEntries();
            var (after, fields) = RunOn(before, c => c.SetAnswer(AnswerKind.FormData, Forms.Comments, new[] { new AnswerValue(1031, "Moved away") }));

            var body = Undone(after, Plan(before, fields, after));

            Assert.Equal(2, Answers(body, "formdatas", Forms.Comments).Count(a => a.Data == Contacts.NotHome));
            Assert.Equal(3, Answers(body, "formdatas", Forms.Comments).Count);
            Assert.Empty(ContactDiff.Between(before, body));
            var dates = body["formdatas"]!.AsArray().OfType<JsonObject>().Where(e => (string?)e["data"] == Contacts.NotHome).Select(e => (string?)e["date"]).OrderBy(d => d);
            Assert.Equal(new[] { Contacts.FirstVisit, Contacts.SecondVisit }, dates);
        }

        [Fact]
        public void AnAnswerChangedSinceTheRunIsAConflictNamedByItsLabel()
        {
            var before = Contacts.Camille();
            var (after, fields) = RunOn(before, c => c.SetAnswer(AnswerKind.CustomField, Forms.Food, new[] { new AnswerValue(2012, "salad") }));
            var changedSince = ContactMerger.Merge(after, Changes(c => c.ClearAnswer(AnswerKind.CustomField, Forms.Food)), Forms.Catalog).Body;

            var plan = Plan(before, fields, changedSince);

            var conflict = Assert.Single(plan.Conflicts);
            Assert.Equal(("custom:Favourite food", "Hamburger", "Salad", ""), (conflict.Path, conflict.BeforeRun, conflict.Written, conflict.Now));
            Assert.True(plan.Changes.IsEmpty);
        }

        [Fact]
        public void TagsAreUndoneOneByOneAndTagsAddedSinceStay()
        {
            var before = Contacts.Camille();
            var (after, fields) = RunOn(before, c => { c.AddTag("VIP"); c.RemoveTag("volunteer"); });
            var since = ContactMerger.Merge(after, Changes(c => c.AddTag("Donor")), Forms.Catalog).Body;

            var body = Undone(since, Plan(before, fields, since));

            Assert.Equal(new[] { "Donor", "Lyon 3e", "volunteer" }, Body.TagNames(body).OrderBy(t => t).ToArray());
        }

        [Fact]
        public void ANoteTheRunAddedIsRemovedAndTheOthersKeepTheirIds()
        {
            var before = Contacts.Camille();
            var notes = (JsonArray)before["notes"]!.DeepClone();
            notes.Add(new JsonObject { ["data"] = "Added by the run" });
            var (after, fields) = RunOn(before, c => c.SetNotes(notes));

            var body = Undone(after, Plan(before, fields, after));

            Assert.Equal(new long[] { 1, 2 }, body["notes"]!.AsArray().Select(n => (long)n!["id"]!).ToArray());
        }

        [Fact]
        public void AJournalThatGivesAnswersAsBareValuesOrTagsByNameStillMatches()
        {
            var before = Contacts.Camille();
            var (after, _) = RunOn(before, c => { c.SetAnswer(AnswerKind.FormData, Forms.Support, new[] { new AnswerValue(1023, "opposed") }); c.AddTag("VIP"); });
            var fields = new[]
            {
                new JournalField("form:102", new JsonArray("strong"), new JsonArray("opposed")),
                new JournalField("tags", null, "VIP"),
            };

            var body = Undone(after, Plan(before, fields, after));

            Assert.Equal(new[] { (1021L, "strong") }, Answers(body, "formdatas", Forms.Support));
            Assert.DoesNotContain("VIP", Body.TagNames(body));
        }

        private static UndoPlan Plan(JsonObject before, IEnumerable<JournalField> fields, JsonObject current) =>
            UndoPlanner.Plan(before, fields, current, Forms.Catalog, force: false);

        private static JsonObject Undone(JsonObject current, UndoPlan plan) => ContactMerger.Merge(current, plan.Changes, Forms.Catalog).Body;

        private static ContactChanges Changes(System.Action<ContactChanges> build)
        {
            var changes = new ContactChanges();
            build(changes);
            return changes;
        }

        // A run's write as its journal's pending line records it (JournalFieldList, scoped to the changes as a run scopes it).
        private static (JsonObject After, IReadOnlyList<JournalField> Fields) RunOn(JsonObject before, System.Action<ContactChanges> build)
        {
            var changes = Changes(build);
            var after = ContactMerger.Merge(before, changes, Forms.Catalog).Body;
            return (after, JournalFieldList.Between(before, after, changes));
        }

        private static List<(long Ref, string Data)> Answers(JsonObject body, string key, long formId) =>
            body[key]!.AsArray().OfType<JsonObject>().Where(e => (long)e["form_id"]! == formId)
                .Select(e => ((long)e["form_ref_id"]!, (string)e["data"]!)).ToList();
    }
}

using System;
using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Qomon.Client.Upsert;
using Xunit;

namespace Qomon.Client.Tests.Upsert
{
    /// <summary>UpsertPlanner: which changes upsert can say, and the upsert it builds (only the changes, by id, in upsert's shape).</summary>
    public class UpsertPlannerTests
    {
        private static UpsertPlan Plan(Action<ContactChanges> build, JsonObject? contact = null)
        {
            var changes = new ContactChanges();
            build(changes);
            return UpsertPlanner.Plan(Contacts.Id, contact ?? Contacts.Camille(), changes, Forms.Catalog);
        }

        private static string Data(UpsertPlan plan) => plan.Data!.ToJsonString();

        [Fact]
        public void Set_fields_go_by_id_with_only_what_changed_birth_places_in_upsert_spelling()
        {
            var plan = Plan(c =>
            {
                c.SetField("firstname", "Camila");
                c.SetField("City", "Villeurbanne");
                c.SetField("BirthCity", "Annecy");
                c.SetField("surname", "Martin"); // unchanged: not sent
            });
            Assert.True(plan.CanUpsert, plan.PatchReason);
            Assert.Equal("""{"id":83854766,"firstname":"Camila","address":{"city":"Villeurbanne"},"birthcity":"Annecy"}""", Data(plan));
            Assert.Equal("""{"kind":"contact","data":""" + Data(plan) + "}", plan.Envelope().ToJsonString());
            Assert.Equal(3, plan.Merge.Differences.Count);
        }

        [Fact]
        public void Added_tags_notes_and_answers_go_as_upsert_lists_with_string_values()
        {
            var plan = Plan(c =>
            {
                c.AddTag("donor");
                var notes = (JsonArray)Contacts.Camille()["notes"]!.DeepClone();
                notes.Add(new JsonObject { ["data"] = "Called back", ["pinned"] = true });
                c.SetNotes(notes);
                c.AddAnswerValue(AnswerKind.FormData, Forms.Consent, new AnswerValue(1013, "consent_phone"));
                c.SetAnswer(AnswerKind.FormData, Forms.Support, new[] { new AnswerValue(1023, "opposed") });
                c.SetAnswer(AnswerKind.FormData, Forms.Presence, new[] { new AnswerValue(1062, "absent") });
                c.AddAnswerValue(AnswerKind.FormData, Forms.Comments, new AnswerValue(1031, "Not home"));
                c.AddAnswerValue(AnswerKind.FormData, Forms.Household, new AnswerValue(1041, "5"));
                c.AddAnswerValue(AnswerKind.CustomField, Forms.Skills, new AnswerValue(2023, "logistics"));
            });
            Assert.True(plan.CanUpsert, plan.PatchReason);
            var data = plan.Data!;
            Assert.Equal("""[{"name":"donor"}]""", data["tags"]!.ToJsonString());
            Assert.Equal("""[{"content":"Called back","pinned":true}]""", data["notes"]!.ToJsonString());
            Assert.Equal("""[{"id":101,"value":"consent_phone"}]""", data["consents"]!.ToJsonString());
            Assert.Equal("""[{"id":102,"value":"opposed"}]""", data["status"]!.ToJsonString());
            Assert.Equal("""[{"id":106,"value":"absent"}]""", data["name_presences"]!.ToJsonString());
            Assert.Equal("""[{"id":103,"value":"Not home"},{"id":104,"value":"5"}]""", data["forms"]!.ToJsonString());
            Assert.Equal("""[{"id":202,"value":"logistics"}]""", data["custom_fields"]!.ToJsonString());
            Assert.False(data.ContainsKey("presence_status"));
            Assert.All(data.Where(p => p.Value is JsonArray a && p.Key != "tags" && p.Key != "notes").SelectMany(p => p.Value!.AsArray()),
                entry => Assert.Equal(System.Text.Json.JsonValueKind.String, entry!["value"]!.GetValueKind()));
        }

        public static TheoryData<string, Action<ContactChanges>> PatchOnly => new()
        {
            { "clears 'mobile'", c => c.ClearField("mobile") },
            { "clears 'address.door'", c => c.ClearField("Door") },
            { "removes tag 'volunteer'", c => c.RemoveTag("volunteer") },
            { "removes a value of form:Consent", c => c.RemoveAnswerValue(AnswerKind.FormData, Forms.Consent, new AnswerValue(1012, "consent_sms")) },
            { "clears form:Support level", c => c.ClearAnswer(AnswerKind.FormData, Forms.Support) },
            { "removes or edits a value of form:Comments", c => c.SetAnswer(AnswerKind.FormData, Forms.Comments, new[] { new AnswerValue(1031, "Edited") }) },
            { "removes a note", c => c.SetNotes(new JsonArray(Contacts.Camille()["notes"]![0]!.DeepClone())) },
            { "edits a note", c => { var notes = (JsonArray)Contacts.Camille()["notes"]!.DeepClone(); notes[0]!["data"] = "Changed"; c.SetNotes(notes); } },
            { "upsert does not take 'age_category'", c => c.SetField("age_category", 4) },
            { "upsert does not take 'external_id'", c => c.SetField("external_id", "crm-78") },
            { "form:Signed is a 'signature' form, whose upsert rule is not known", c => c.SetAnswer(AnswerKind.FormData, Forms.Signature, new[] { new AnswerValue(3061, "x") }) },
        };

        [Theory]
        [MemberData(nameof(PatchOnly))]
        public void A_change_upsert_cannot_say_goes_by_patch_with_the_reason(string reason, Action<ContactChanges> build)
        {
            var plan = Plan(c => { c.SetField("firstname", "Camila"); build(c); });
            Assert.False(plan.CanUpsert);
            Assert.Equal(reason, plan.PatchReason);
            Assert.Null(plan.Data);
            Assert.Null(plan.Expectation);
            Assert.True(plan.HasChanges);
            Assert.Throws<InvalidOperationException>(() => plan.Envelope());
        }

        [Fact]
        public void Replace_goes_by_patch_and_keeps_the_merge()
        {
            var merge = Plan(c => c.SetField("firstname", "Camila")).Merge;
            var plan = UpsertPlanner.PatchOnly(Contacts.Id, merge, UpsertPlanner.ReplaceReason);
            Assert.Equal(("-Replace sets the whole contact", false), (plan.PatchReason, plan.CanUpsert));
            Assert.Same(merge, plan.Merge);
        }

        [Fact]
        public void A_change_to_what_the_contact_holds_has_nothing_to_send()
        {
            var plan = Plan(c => { c.SetField("firstname", "Camille"); c.AddTag("VOLUNTEER"); });
            Assert.False(plan.HasChanges);
            Assert.True(plan.CanUpsert);
            Assert.Equal("""{"id":83854766}""", Data(plan));
        }

        [Fact]
        public void Never_without_a_contact_id()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => UpsertPlanner.Plan(0, Contacts.Camille(), new ContactChanges(), Forms.Catalog));
        }

        [Fact]
        public void The_expectation_holds_once_a_read_shows_every_sent_value()
        {
            var plan = Plan(c =>
            {
                c.SetField("City", "Villeurbanne");
                c.AddTag("donor");
                var callBack = new AnswerValue(1031, "Wants a call back about the school bus");
                c.SetAnswer(AnswerKind.FormData, Forms.Comments, new[] { callBack, callBack });
                c.SetAnswer(AnswerKind.FormData, Forms.Support, new[] { new AnswerValue(1023, "opposed") });
            });
            Assert.Equal("""[{"id":103,"value":"Wants a call back about the school bus"}]""", plan.Data!["forms"]!.ToJsonString());
            var expectation = plan.Expectation!;
            var before = Contacts.Camille();
            Assert.Equal("address.city", expectation.FirstUnmet(before));

            var after = Contacts.Camille();
            after["address"]!["city"] = "Villeurbanne";
            after["tags"]!.AsArray().Add(new JsonObject { ["name"] = "Donor" });
            after["formdatas"]!.AsArray().Add(new JsonObject { ["form_id"] = Forms.Support, ["form_ref_id"] = 1023, ["data"] = "opposed" });
            Assert.Equal("form:Comments", expectation.FirstUnmet(after));
            // The text was already there once: applied means a second copy.
            after["formdatas"]!.AsArray().Add(new JsonObject { ["form_id"] = Forms.Comments, ["form_ref_id"] = 1031, ["data"] = "Wants a call back about the school bus" });
            Assert.True(expectation.IsMetBy(after));

            after["id"] = 1;
            Assert.False(expectation.IsMetBy(after));
        }
    }
}

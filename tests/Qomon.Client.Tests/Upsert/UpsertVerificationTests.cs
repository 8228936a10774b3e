using System;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Tests.Merge.Fixtures;
using Qomon.Client.Upsert;
using Xunit;

namespace Qomon.Client.Tests.Upsert
{
    /// <summary>The verification rule: applied only when a read shows what was sent; after the bounded wait, PATCH.</summary>
    public class UpsertVerificationTests
    {
        private static readonly DateTimeOffset Sent = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        private static readonly UpsertWaitPolicy Policy = UpsertWaitPolicy.Default;

        private static UpsertExpectation CityChange()
        {
            var changes = new ContactChanges();
            changes.SetField("City", "Villeurbanne");
            return UpsertPlanner.Plan(Contacts.Id, Contacts.Camille(), changes, Forms.Catalog).Expectation!;
        }

        private static JsonObject Applied()
        {
            var contact = Contacts.Camille();
            contact["address"]!["city"] = "Villeurbanne";
            return contact;
        }

        [Fact]
        public void A_read_showing_the_change_is_applied_whenever_it_comes()
        {
            Assert.Equal(UpsertVerdict.Applied, Policy.Judge(CityChange(), Applied(), Sent, Sent + TimeSpan.FromSeconds(3)));
            Assert.Equal(UpsertVerdict.Applied, Policy.Judge(CityChange(), Applied(), Sent, Sent + TimeSpan.FromMinutes(5)));
        }

        [Fact]
        public void An_old_version_or_a_missing_row_is_not_yet_applied_until_the_wait_ends_then_patch()
        {
            var old = Contacts.Camille();
            Assert.Equal(UpsertVerdict.NotYetApplied, Policy.Judge(CityChange(), old, Sent, Sent + TimeSpan.FromSeconds(3)));
            Assert.Equal(UpsertVerdict.NotYetApplied, Policy.Judge(CityChange(), null, Sent, Sent + TimeSpan.FromSeconds(19.9)));
            Assert.Equal(UpsertVerdict.FallBackToPatch, Policy.Judge(CityChange(), old, Sent, Sent + TimeSpan.FromSeconds(20)));
            Assert.Equal(UpsertVerdict.FallBackToPatch, Policy.Judge(CityChange(), null, Sent, Sent + TimeSpan.FromSeconds(21)));
        }

        [Fact]
        public void Another_contact_in_a_page_never_counts()
        {
            var other = Applied();
            other["id"] = Contacts.Id + 1;
            Assert.Equal(UpsertVerdict.NotYetApplied, Policy.Judge(CityChange(), other, Sent, Sent + TimeSpan.FromSeconds(3)));
        }

        [Fact]
        public void Reads_wait_for_the_apply_delay_then_repeat_and_stop_at_the_give_up_time()
        {
            var policy = new UpsertWaitPolicy(TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));
            var first = policy.NextReadAt(Sent, null);
            Assert.Equal(Sent + TimeSpan.FromSeconds(2.5), first);
            Assert.Equal(Sent + TimeSpan.FromSeconds(4.5), policy.NextReadAt(Sent, first));
            Assert.Equal(Sent + TimeSpan.FromSeconds(6), policy.NextReadAt(Sent, Sent + TimeSpan.FromSeconds(4.5)));
            Assert.Equal(Sent + TimeSpan.FromSeconds(2.5), policy.NextReadAt(Sent, Sent));
            Assert.Throws<ArgumentOutOfRangeException>(() => new UpsertWaitPolicy(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        }
    }
}

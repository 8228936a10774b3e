using System;
using System.Linq;
using Qomon.Client.Changes;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace Qomon.Client.Tests.Merge
{
    /// <summary>
    /// Guards the cost of one merge of a realistic contact (the benchmark's target is under 50 µs and 64 KB with
    /// serialisation). Allocation is deterministic enough to assert; time is only reported.
    /// </summary>
    public class MergeCostTests
    {
        private readonly ITestOutputHelper _output;

        public MergeCostTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void AMergeOfTheRealisticContactChangesTheFiveEditsAndNothingElse()
        {
            var contact = ContactFixtureGenerator.Contact();
            var result = ContactMerger.Merge(contact, ContactFixtureGenerator.TypicalChanges(), ContactFixtureGenerator.Forms());

            Assert.Equal(new[]
            {
                "firstname: 'Camille1' -> 'Camila'",
                "address.city: 'Lyon' -> 'Villeurbanne'",
                "tags: + 'canvassed'",
                "form:Topics: + 'Schools'",
                "custom:Food: 'Hamburger' -> 'Salad'",
            }, result.Differences.Select(d => d.ToString()));
            // The whole body, not only the touched fields, differs from the contact as read by those five edits.
            Assert.Equal(5, ContactDiff.Between(contact, result.Body).Count);
            Assert.Equal(9, result.Body["formdatas"]!.AsArray().Count);
            Assert.Equal(4, result.Body["custom_fields"]!.AsArray().Count);
            Assert.Equal(5, result.Body["notes"]!.AsArray().Count);
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(contact, ContactFixtureGenerator.Contact()), "the merge left the contact as read untouched");
        }

        [Fact]
        public void AMergeWithSerialisationStaysWithinItsAllocationBudget()
        {
            var forms = ContactFixtureGenerator.Forms();
            var changes = ContactFixtureGenerator.TypicalChanges();
            var contacts = Enumerable.Range(1, 60).Select(ContactFixtureGenerator.Contact).ToArray();
            for (var i = 0; i < 10; i++) ContactMerger.Merge(contacts[i], changes, forms).Body.ToJsonString();

            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var differences = 0;
            for (var i = 10; i < 60; i++)
            {
                var result = ContactMerger.Merge(contacts[i], changes, forms);
                differences += result.Differences.Count;
                result.Body.ToJsonString();
            }
            watch.Stop();
            var perMerge = (GC.GetAllocatedBytesForCurrentThread() - before) / 50;
            _output.WriteLine($"per merge+serialise: {perMerge} bytes, {watch.Elapsed.TotalMilliseconds * 1000 / 50:F1} µs (unoptimised test run)");
            Assert.Equal(50 * 5, differences);
            Assert.True(perMerge < 64 * 1024, perMerge + " bytes");
        }
    }
}

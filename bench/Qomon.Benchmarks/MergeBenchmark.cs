using System;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Qomon.Client.Changes;
using Qomon.Client.Json;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;

namespace Qomon.Benchmarks
{
    /// <summary>
    /// What the module does per contact between the GET and the PATCH (issue 5, scenario 4): merge a typical
    /// record's changes into the contact as read, then build the PATCH request body exactly as QomonClient does
    /// (envelope with a deep copy of the body, ToJsonString, UTF-8 bytes as StringContent sends them).
    /// Goal: under 50 µs and under 64 KB allocated per contact.
    /// </summary>
    [MemoryDiagnoser]
    public class MergeBenchmark
    {
        // Distinct contacts in rotation, so the figure is not one contact's lucky cache state.
        private const int Rotation = 64;

        private JsonObject[] _contacts = Array.Empty<JsonObject>();
        private string[] _answers = Array.Empty<string>();
        private FormCatalog _forms = FormCatalog.Empty;
        private ContactChanges _changes = new ContactChanges();
        private int _next;


        [GlobalSetup]
        public void Setup()
        {
            _forms = ContactFixtureGenerator.Forms();
            _changes = ContactFixtureGenerator.TypicalChanges();
            _contacts = new JsonObject[Rotation];
            _answers = new string[Rotation];
            for (var i = 0; i < Rotation; i++)
            {
                _contacts[i] = ContactFixtureGenerator.Contact(i + 1);
                _answers[i] = new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["contact"] = ContactFixtureGenerator.Contact(i + 1) } }.ToJsonString();
            }
            // The benchmark reuses each contact, which is only sound if a merge leaves its input untouched.
            var before = _contacts[0].ToJsonString();
            var merged = ContactMerger.Merge(_contacts[0], _changes, _forms);
            if (_contacts[0].ToJsonString() != before) throw new InvalidOperationException("ContactMerger.Merge changed its input; the benchmark must copy each contact first.");
            if (merged.Differences.Count != 5) throw new InvalidOperationException($"Expected 5 differences, got {merged.Differences.Count}.");
        }

        [Benchmark(Description = "merge + PATCH body")]
        public int MergeAndSerialise()
        {
            var contact = _contacts[_next++ & (Rotation - 1)];
            return PatchBody(ContactMerger.Merge(contact, _changes, _forms)).Count;
        }

        /// <summary>For scale, not a goal: the same with parsing the GET answer first, the whole CPU work per record.</summary>
        [Benchmark(Description = "parse GET + merge + PATCH body")]
        public int ParseMergeAndSerialise()
        {
            var answer = _answers[_next++ & (Rotation - 1)];
            var contact = (JsonObject)JsonNode.Parse(answer)!["data"]!["contact"]!;
            return PatchBody(ContactMerger.Merge(contact, _changes, _forms)).Count;
        }

        // What QomonClient.ReplaceContactAsync sends: the envelope written straight to UTF-8.
        private static ArraySegment<byte> PatchBody(MergeResult merged) => JsonBody.ContactEnvelopeBytes(merged.Body);
    }
}

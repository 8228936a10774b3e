using System.Text.Json.Nodes;
using Qomon.Client.Journal;
using Qomon.Client.Tests.Writing;
using Qomon.Client.Writing;
using Xunit;

namespace Qomon.Client.Tests.Journal
{
    /// <summary>The writers tell a record's journal of each request before sending it, with the contact as read.</summary>
    public sealed class JournalHookTests
    {
        private const string Writes = "PATCH /contacts/{id}";

        [Fact]
        public async Task APatchIsJournaledAfterItsReadAndBeforeItIsSent()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var before = f.Stored(id);
            var journal = new Probe(f, Writes);
            var request = WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40");
            request.Journal = journal;

            var result = await f.Writer.MergeAsync(request, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
            var call = Assert.Single(journal.Calls);
            Assert.Equal("patch", call.Method);
            Assert.Equal(0, call.RequestsSoFar);
            Assert.Equal(before["mobile"]?.ToJsonString(), call.Before!["mobile"]?.ToJsonString());
            Assert.Equal("+33 6 10 20 30 40", call.After!["mobile"]!.GetValue<string>());
            Assert.Equal(1, f.Requests(Writes));
        }

        [Fact]
        public async Task ARecordWhoseValuesTheServerHoldsSendsNothingAndJournalsNoRequest()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var journal = new Probe(f, Writes);
            var request = WriterFixture.Change(id, "firstname", f.Stored(id)["firstname"]!.GetValue<string>());
            request.Journal = journal;

            var result = await f.Writer.MergeAsync(request, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Unchanged, result.Outcome);
            Assert.Empty(journal.Calls);
        }

        private sealed class Probe : IWriteJournal
        {
            private readonly WriterFixture _f;
            private readonly string _route;

            internal Probe(WriterFixture f, string route)
            {
                _f = f;
                _route = route;
            }

            internal List<(string Method, JsonObject? Before, JsonObject? After, int RequestsSoFar)> Calls { get; } = new();

            public void Sending(string method, JsonObject? before, JsonObject? after) =>
                Calls.Add((method, before, after, _f.Requests(_route)));
        }
    }
}

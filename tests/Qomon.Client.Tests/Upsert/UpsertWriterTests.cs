using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;
using Qomon.Client.Tests.Writing;
using Qomon.Client.Upsert;
using Qomon.Client.Writing;
using Xunit;

namespace Qomon.Client.Tests.Upsert
{
    /// <summary>UpsertWriter against the emulator over loopback, on fake time shared by both sides.</summary>
    public class UpsertWriterTests
    {
        private const long SurveyComment = 47582, Ghost = 999_001;

        /// <summary>One form the emulator has and one it does not: an upsert naming the second is dropped in silence.</summary>
        private static readonly FormCatalog Forms = new(new[]
        {
            new QomonForm { Id = SurveyComment, Label = "Survey comment", Kind = "survey", Type = "text", RefValues = { new QomonRefValue { Id = 15695, FormId = SurveyComment } } },
            new QomonForm { Id = Ghost, Label = "Ghost", Kind = "survey", Type = "text", RefValues = { new QomonRefValue { Id = 999_002, FormId = Ghost } } },
        });

        private static UpsertWriter Writer(WriterFixture f, WriteMethodMeter? meter = null) =>
            new(f.Server.Connection, Forms, meter ?? new WriteMethodMeter(), UpsertReads.PerContact);

        // Each contact read first, as Get-QomonContact hands it on, with a new surname: prefix + id.
        private static async Task<List<ContactMergeRequest>> SurnameChangesAsRead(WriterFixture f, IEnumerable<long> ids, string prefix)
        {
            var requests = new List<ContactMergeRequest>();
            foreach (var id in ids)
            {
                var request = Request(id, c => c.SetField("surname", prefix + id));
                request.AsRead = await f.Server.Client.GetContactAsync(id, CancellationToken.None);
                requests.Add(request);
            }
            return requests;
        }

        private static ContactMergeRequest Request(long id, System.Action<ContactChanges> build)
        {
            var changes = new ContactChanges();
            build(changes);
            return new ContactMergeRequest(id, changes);
        }

        [Fact]
        public async Task An_upsert_is_reported_updated_only_after_a_read_shows_it()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var request = Request(id, c => { c.SetField("firstname", "Upserted"); c.AddAnswerValue(AnswerKind.FormData, SurveyComment, new AnswerValue(15695, "Not home")); });

            var result = await f.Server.Drive(Writer(f).WriteAsync(request, WriteMethod.Upsert, CancellationToken.None));

            Assert.Equal((ContactWriteOutcome.Updated, WriteMethod.Upsert, false), (result.Result.Outcome, result.Method, result.FellBack));
            Assert.Equal("Upserted", (string?)f.Stored(id)["firstname"]);
            Assert.Equal("Upserted", (string?)result.Result.Stored!["firstname"]);
            Assert.Equal(1, f.Requests("POST /contacts/upsert"));
            Assert.Equal(0, f.Requests("PATCH /contacts/{id}"));
            Assert.Equal(2, f.Versions(id)); // the seed and the upsert: nothing else was written
            Assert.Equal(3, result.Tokens); // the base read, the upsert, one verifying read
        }

        [Fact]
        public async Task A_silently_dropped_upsert_goes_by_patch_which_gives_qomons_reason()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var request = Request(id, c => c.AddAnswerValue(AnswerKind.FormData, Ghost, new AnswerValue(999_002, "boo")));

            var result = await f.Server.Drive(Writer(f).WriteAsync(request, WriteMethod.Upsert, CancellationToken.None), System.TimeSpan.FromMilliseconds(250));

            Assert.Equal((ContactWriteOutcome.Failed, WriteMethod.Patch, true), (result.Result.Outcome, result.Method, result.FellBack));
            Assert.Equal(422, result.Result.Failure!.StatusCode);
            Assert.StartsWith("not applied within 20 s", result.PatchReason);
            Assert.Equal(1, f.Versions(id));
            Assert.Equal(1, f.Requests("POST /contacts/upsert"));
        }

        [Fact]
        public async Task A_change_upsert_cannot_say_goes_by_patch_without_an_upsert()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var result = await f.Server.Drive(Writer(f).WriteAsync(Request(id, c => c.ClearField("mail")), WriteMethod.Upsert, CancellationToken.None));

            Assert.Equal((ContactWriteOutcome.Updated, WriteMethod.Patch, false, "clears 'mail'"), (result.Result.Outcome, result.Method, result.FellBack, result.PatchReason));
            Assert.Equal(0, f.Requests("POST /contacts/upsert"));
            Assert.Equal(1 + 6, result.Tokens); // the planner's read, then the merge's read and the PATCH
            Assert.True(IsBlank(f.Stored(id)["mail"]));
        }

        [Fact]
        public async Task A_lost_202_is_verified_by_reading_and_not_sent_twice()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            f.Network.Then("POST", NetworkFault.LoseAnswerAfterApplying);
            var result = await f.Server.Drive(Writer(f).WriteAsync(Request(id, c => c.AddTag("lost-answer")), WriteMethod.Upsert, CancellationToken.None));

            Assert.Equal((ContactWriteOutcome.Updated, WriteMethod.Upsert), (result.Result.Outcome, result.Method));
            Assert.Equal(1, f.Requests("POST /contacts/upsert"));
            Assert.Equal(2, f.Versions(id));
        }

        [Fact]
        public async Task Input_read_by_the_caller_needs_no_second_read_and_an_unchanged_record_sends_nothing()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var asRead = await f.Server.Client.GetContactAsync(id, CancellationToken.None);
            var same = Request(id, c => c.SetField("firstname", (string?)asRead["firstname"]));
            same.AsRead = asRead;
            var unchanged = await f.Server.Drive(Writer(f).WriteAsync(same, WriteMethod.Auto, CancellationToken.None));
            Assert.Equal(ContactWriteOutcome.Unchanged, unchanged.Result.Outcome);

            var changed = Request(id, c => c.SetField("surname", "Lue"));
            changed.AsRead = asRead;
            var result = await f.Server.Drive(Writer(f).WriteAsync(changed, WriteMethod.Auto, CancellationToken.None));
            Assert.Equal((ContactWriteOutcome.Updated, WriteMethod.Upsert), (result.Result.Outcome, result.Method));
            Assert.Equal(2, f.Requests("GET /contacts/{id}")); // the caller's read and one verifying read
            Assert.Equal(0, f.Requests("PATCH /contacts/{id}"));
        }

        [Fact]
        public async Task Auto_goes_by_patch_when_the_meter_finds_patch_cheaper()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var meter = new WriteMethodMeter(expectedUpsertTokens: 7);
            var id = f.ContactId();
            var result = await f.Server.Drive(Writer(f, meter).WriteAsync(Request(id, c => c.SetField("surname", "Lue")), WriteMethod.Auto, CancellationToken.None));
            Assert.Equal((ContactWriteOutcome.Updated, WriteMethod.Patch), (result.Result.Outcome, result.Method));
            Assert.StartsWith("PATCH costs fewer tokens per record", result.PatchReason);
            Assert.Equal(0, f.Requests("POST /contacts/upsert"));
            Assert.Equal(1, meter.PatchRecords);
            Assert.Equal(1, f.Requests("GET /contacts/{id}")); // decided before reading: only the merge's read
            Assert.Equal(6, result.Tokens);
        }

        [Fact]
        public async Task Search_page_reads_verify_records_sent_together_with_one_token_despite_the_index_lag()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            f.Server.State.Configure(s => s with { SearchIndexDelayMs = 2000 });
            var writer = new UpsertWriter(f.Server.Connection, Forms, new WriteMethodMeter(), UpsertReads.SearchPage);
            var contacts = f.Server.State.Spaces[Fakes.EmulatorServer.Key].Contacts.Snapshot().Take(6).Select(c => c.Id).ToList();
            var requests = await SurnameChangesAsRead(f, contacts, "Batch");
            // The last one names a form the emulator does not know: dropped in silence, then PATCH says why.
            requests[5].Changes.AddAnswerValue(AnswerKind.FormData, Ghost, new AnswerValue(999_002, "boo"));

            var results = await f.Server.Drive(Task.WhenAll(requests.Select(r => writer.WriteAsync(r, WriteMethod.Upsert, CancellationToken.None))), System.TimeSpan.FromMilliseconds(100));

            Assert.All(results.Take(5), r => Assert.Equal((ContactWriteOutcome.Updated, WriteMethod.Upsert), (r.Result.Outcome, r.Method)));
            Assert.Equal((ContactWriteOutcome.Failed, true), (results[5].Result.Outcome, results[5].FellBack));
            foreach (var id in contacts.Take(5)) Assert.Equal("Batch" + id, (string?)f.Stored(id)["surname"]);
            // One page for the six before sending (changed since read?), one for the five at 4.5 s and one for the dropped
            // record at 6.5 s; past SearchPageReads.PageReadsFor (8 s) it is read alone, every 2 s until the wait ends at 20 s.
            Assert.Equal(3, f.Requests("POST /search"));
            Assert.Equal(6 + 7 + 1, f.Requests("GET /contacts/{id}")); // the callers' reads, the dropped record's reads at 8.5, 10.5 ... 18.5 and 20 s, and the fallback's fresh read
            Assert.InRange(results[0].Tokens, 1.1, 1.5); // the upsert and a share of a page
        }

        [Fact]
        public async Task Records_that_start_a_second_apart_share_the_check_page_and_the_verification_page()
        {
            // At Qomon's refill records start a few a second; each shared page must gather them (ChangedSinceRead.Gather,
            // SearchPageReads.Gather), not serve one or two: a 250 ms check window took three pages for these two records.
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var writer = new UpsertWriter(f.Server.Connection, Forms, new WriteMethodMeter(), UpsertReads.SearchPage);
            var ids = f.Server.State.Spaces[Fakes.EmulatorServer.Key].Contacts.Snapshot().Take(2).Select(c => c.Id).ToList();
            var requests = await SurnameChangesAsRead(f, ids, "Apart");

            var first = writer.WriteAsync(requests[0], WriteMethod.Upsert, CancellationToken.None);
            f.Server.FakeClock!.Advance(System.TimeSpan.FromSeconds(1));
            var second = writer.WriteAsync(requests[1], WriteMethod.Upsert, CancellationToken.None);
            var results = await f.Server.Drive(Task.WhenAll(first, second), System.TimeSpan.FromMilliseconds(100));

            Assert.All(results, r => Assert.Equal((ContactWriteOutcome.Updated, WriteMethod.Upsert), (r.Result.Outcome, r.Method)));
            foreach (var id in ids) Assert.Equal("Apart" + id, (string?)f.Stored(id)["surname"]);
            Assert.Equal(2, f.Requests("POST /search")); // one check page, one verification page
        }

        [Fact]
        public async Task Auto_learns_from_x_ratelimit_cost_that_a_five_token_upsert_does_not_pay_and_turns_to_patch()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            f.Server.State.Configure(s => s with { CostUpsert = 5 });
            var meter = new WriteMethodMeter();
            var writer = Writer(f, meter);
            var methods = new List<WriteMethod>();
            foreach (var contact in f.Server.State.Spaces[Fakes.EmulatorServer.Key].Contacts.Snapshot().Take(10))
            {
                var result = await f.Server.Drive(writer.WriteAsync(Request(contact.Id, c => c.SetField("surname", "Auto" + contact.Id)), WriteMethod.Auto, CancellationToken.None));
                Assert.Equal(ContactWriteOutcome.Updated, result.Result.Outcome);
                methods.Add(result.Method);
            }
            Assert.Equal(WriteMethod.Upsert, methods[0]);
            Assert.Equal(WriteMethod.Patch, methods[^1]);
            Assert.InRange(meter.UpsertRecords, 1, 5);
            Assert.True(meter.UpsertTokensPerRecord >= meter.PatchTokensPerRecord, meter.ToString());
        }

        private static bool IsBlank(JsonNode? node) => node is null || (string?)node == null || (string?)node == "";
    }
}

using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;
using Qomon.Client.Tests.Writing;
using Qomon.Client.Upsert;
using Qomon.Client.Writing;
using Xunit;

namespace Qomon.Client.Tests.Upsert
{
    /// <summary>
    /// A contact the caller read is upserted only after one shared search page shows it unchanged since the read;
    /// changed, it is read again and a same-field change is a conflict, as on the PATCH path.
    /// </summary>
    public class ChangedSinceReadTests
    {
        private static readonly DateTimeOffset Read = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

        private static JsonObject Contact(long id, string? updatedAt) =>
            updatedAt == null ? new JsonObject { ["id"] = id } : new JsonObject { ["id"] = id, ["UpdatedAt"] = updatedAt };

        private static ChangedContacts Page(int pageSize, params JsonObject[] rows) => ChangedContacts.From(rows, pageSize, 1.0 / 3);

        [Fact]
        public void A_contact_on_the_page_with_the_updated_at_it_was_read_with_is_unchanged()
        {
            var asRead = Contact(7, "2026-11-20T09:00:00.123456Z");
            Assert.Equal(SinceRead.Unchanged, ChangedSinceRead.Judge(7, asRead, Page(1000, Contact(7, "2026-11-20T09:00:00.123Z"), Contact(8, "2026-11-20T10:00:01Z"))));
        }

        [Fact]
        public void A_contact_on_the_page_with_another_updated_at_changed()
        {
            var asRead = Contact(7, "2026-11-20T09:00:00.123456Z");
            Assert.Equal(SinceRead.Changed, ChangedSinceRead.Judge(7, asRead, Page(1000, Contact(7, "2026-11-20T10:00:02.5Z"))));
        }

        [Fact]
        public void A_contact_not_on_a_page_with_room_left_is_unchanged_but_not_on_a_full_page_it_is_not_known()
        {
            var asRead = Contact(7, "2026-11-20T09:00:00Z");
            Assert.Equal(SinceRead.Unchanged, ChangedSinceRead.Judge(7, asRead, Page(2, Contact(8, "2026-11-20T10:00:01Z"))));
            Assert.Equal(SinceRead.NotKnown, ChangedSinceRead.Judge(7, asRead, Page(2, Contact(8, "2026-11-20T10:00:01Z"), Contact(9, "2026-11-20T10:00:01Z"))));
        }

        [Fact]
        public void A_failed_search_or_a_date_missing_on_either_side_is_not_known()
        {
            Assert.Equal(SinceRead.NotKnown, ChangedSinceRead.Judge(7, Contact(7, "2026-11-20T09:00:00Z"), ChangedContacts.Failed(1)));
            Assert.Equal(SinceRead.NotKnown, ChangedSinceRead.Judge(7, Contact(7, null), Page(1000, Contact(7, "2026-11-20T09:00:00Z"))));
            Assert.Equal(SinceRead.NotKnown, ChangedSinceRead.Judge(7, Contact(7, "2026-11-20T09:00:00Z"), Page(1000, Contact(7, null))));
        }

        [Fact]
        public void Changes_count_from_when_the_contact_was_read_else_from_its_updated_at()
        {
            var asRead = Contact(7, "2026-11-20T09:00:00Z");
            Assert.Equal(Read, ChangedSinceRead.ChangesAfter(asRead, Read));
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), ChangedSinceRead.ChangesAfter(asRead, null));
            Assert.Null(ChangedSinceRead.ChangesAfter(Contact(7, null), null));
        }

        [Fact]
        public async Task A_field_another_user_changed_since_the_read_is_a_conflict_and_nothing_is_upserted()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var request = await ReadThenChangeAsync(f, id, "mobile", "+33 6 11 11 11 11");
            await f.EditAsOtherUser(id, "mobile", "+33 6 22 22 22 22");
            f.Server.FakeClock!.Advance(TimeSpan.FromSeconds(1));

            var result = await f.Server.Drive(Writer(f).WriteAsync(request, WriteMethod.Upsert, CancellationToken.None));

            Assert.Equal(ContactWriteOutcome.Conflict, result.Result.Outcome);
            Assert.Contains("mobile", result.Result.Message);
            Assert.Equal(0, f.Requests("POST /contacts/upsert"));
            Assert.Equal("+33 6 22 22 22 22", (string?)f.Stored(id)["mobile"]);
            Assert.Equal(1, f.Requests("POST /search"));
            Assert.Equal(2 + 1, f.Requests("GET /contacts/{id}")); // the caller's read, the other user's merge, and one read again
        }

        [Fact]
        public async Task Another_users_change_of_a_different_field_is_kept_and_the_upsert_goes_ahead()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var request = await ReadThenChangeAsync(f, id, "mobile", "+33 6 11 11 11 11");
            await f.EditAsOtherUser(id, "phone", "+33 1 22 22 22 22");
            f.Server.FakeClock!.Advance(TimeSpan.FromSeconds(1));

            var result = await f.Server.Drive(Writer(f).WriteAsync(request, WriteMethod.Upsert, CancellationToken.None));

            Assert.Equal((ContactWriteOutcome.Updated, WriteMethod.Upsert), (result.Result.Outcome, result.Method));
            Assert.Equal("+33 6 11 11 11 11", (string?)f.Stored(id)["mobile"]);
            Assert.Equal("+33 1 22 22 22 22", (string?)f.Stored(id)["phone"]);
            Assert.Equal(3, f.Versions(id));
        }

        [Fact]
        public async Task A_contact_unchanged_since_the_read_is_upserted_with_no_read_of_its_own()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var request = await ReadThenChangeAsync(f, id, "mobile", "+33 6 11 11 11 11");
            // Someone else's edit of another contact fills the page, but not with this one.
            await f.EditAsOtherUser(f.Server.State.Spaces[Fakes.EmulatorServer.Key].Contacts.Snapshot()[1].Id, "phone", "+33 1 22 22 22 22");

            var result = await f.Server.Drive(Writer(f).WriteAsync(request, WriteMethod.Upsert, CancellationToken.None));

            Assert.Equal((ContactWriteOutcome.Updated, WriteMethod.Upsert), (result.Result.Outcome, result.Method));
            Assert.Equal(1, f.Requests("POST /search"));
            Assert.Equal(1 + 1 + 1, f.Requests("GET /contacts/{id}")); // the caller's read, the other user's merge, one verifying read
        }

        [Fact]
        public async Task With_force_or_by_patch_no_search_page_is_asked()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var forced = await ReadThenChangeAsync(f, id, "mobile", "+33 6 11 11 11 11");
            forced.Force = true;
            await f.Server.Drive(Writer(f).WriteAsync(forced, WriteMethod.Upsert, CancellationToken.None));
            var patched = await ReadThenChangeAsync(f, id, "mobile", "+33 6 33 33 33 33");
            await f.Server.Drive(Writer(f).WriteAsync(patched, WriteMethod.Patch, CancellationToken.None));
            Assert.Equal(0, f.Requests("POST /search"));
        }

        private static UpsertWriter Writer(WriterFixture f) => new(f.Server.Connection, FormCatalog.Empty, new WriteMethodMeter(), UpsertReads.PerContact);

        private static async Task<ContactMergeRequest> ReadThenChangeAsync(WriterFixture f, long id, string field, string value)
        {
            var request = WriterFixture.Change(id, field, value);
            request.AsRead = await f.Server.Client.GetContactAsync(id, CancellationToken.None);
            request.ReadAt = f.Server.Time.GetUtcNow();
            return request;
        }
    }
}

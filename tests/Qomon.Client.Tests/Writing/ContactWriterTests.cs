using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;
using Qomon.Client.Writing;
using Xunit;

namespace Qomon.Client.Tests.Writing
{
    /// <summary>The merge rules of ContactWriter, through the emulator over HTTP.</summary>
    public sealed class ContactWriterTests
    {
        private const string Reads = "GET /contacts/{id}";
        private const string Writes = "PATCH /contacts/{id}";

        [Fact]
        public async Task AMergeWritesTheChangeAndKeepsEveryOtherField()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var before = f.Stored(id);

            var result = await f.Writer.MergeAsync(WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40"), CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
            Assert.False(result.IsError);
            var after = f.Stored(id);
            Assert.Equal("+33 6 10 20 30 40", after["mobile"]!.GetValue<string>());
            var others = ContactDiff.Between(before, after).Select(d => d.Path).ToList();
            Assert.Equal(new[] { "mobile" }, others);
            Assert.Equal("+33 6 10 20 30 40", result.Stored!["mobile"]!.GetValue<string>());
            Assert.Equal((1, 1), (f.Requests(Reads), f.Requests(Writes)));
        }

        [Fact]
        public async Task ARecordWhoseValuesTheServerHoldsIsUnchangedWithOneReadWhateverItsUpdatedAt()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var firstname = f.Stored(id)["firstname"]!.GetValue<string>();
            var request = WriterFixture.Change(id, "firstname", firstname);
            request.SeenUpdatedAt = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

            var result = await f.Writer.MergeAsync(request, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Unchanged, result.Outcome);
            Assert.False(result.IsError);
            Assert.Equal((1, 0), (f.Requests(Reads), f.Requests(Writes)));
        }

        [Fact]
        public async Task AChangeToAContactUpdatedAfterTheUpdatedAtTheRecordCarriesIsAConflict()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var versions = f.Versions(id);
            var request = WriterFixture.Change(id, "mobile", "+33 6 99 88 77 66");
            request.SeenUpdatedAt = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

            var result = await f.Writer.MergeAsync(request, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Conflict, result.Outcome);
            Assert.Equal(ContactWriteErrorIds.Conflict, result.ErrorId);
            Assert.Contains("after the UpdatedAt this record carries", result.Message);
            Assert.Equal(versions, f.Versions(id));
        }

        [Fact]
        public async Task AFieldTheServerChangedSinceTheCallerReadItAndTheRecordChangesTooIsAConflictNamingIt()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var request = await MobileChangeReadBeforeAnotherUsersEdit(f, id);

            var result = await f.Writer.MergeAsync(request, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Conflict, result.Outcome);
            Assert.Equal(new[] { "mobile" }, result.Fields);
            Assert.StartsWith("since the contact was read, the server changed mobile", result.Message);
            Assert.Equal("+33 6 22 22 22 22", f.Stored(id)["mobile"]!.GetValue<string>());
        }

        [Fact]
        public async Task ForceWritesOverAConflict()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var request = await MobileChangeReadBeforeAnotherUsersEdit(f, id);
            request.Force = true;

            var result = await f.Writer.MergeAsync(request, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
            Assert.Equal("+33 6 33 33 33 33", f.Stored(id)["mobile"]!.GetValue<string>());
        }

        [Fact]
        public async Task AReadThatFailsIsFailedWithItsApiErrorAndNothingIsWritten()
        {
            await using var f = await WriterFixture.StartAsync();

            var result = await f.Writer.MergeAsync(WriterFixture.Change(1, "mobile", "+33 6 10 20 30 40"), CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Failed, result.Outcome);
            Assert.True(result.IsError);
            Assert.Equal(404, result.Failure!.StatusCode);
            Assert.Equal(0, f.Requests(Writes));
        }

        [Fact]
        public async Task AFreshReadIsNotReadAgainBeforeItsWrite()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            using var plan = await f.Writer.PlanMergeAsync(WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40"), CancellationToken.None);
            f.Server.FakeClock!.Advance(TimeSpan.FromMilliseconds(900));

            var result = await f.Writer.CommitAsync(plan, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
            Assert.Equal((1, 1), (f.Requests(Reads), f.Requests(Writes)));
        }

        [Fact]
        public async Task AReadOlderThanASecondIsReadAgainSoAnotherUsersEditOfAnotherFieldMadeMeanwhileSurvives()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var result = await CommitMobileChangeAfter(f, id, "phone", "+33 1 99 99 99 99", TimeSpan.FromMilliseconds(1100));

            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
            var after = f.Stored(id);
            Assert.Equal("+33 6 10 20 30 40", after["mobile"]!.GetValue<string>());
            Assert.Equal("+33 1 99 99 99 99", after["phone"]!.GetValue<string>());
        }

        [Fact]
        public async Task AFieldAnotherUserChangedAfterAnOldReadThatTheRecordChangesTooIsAConflict()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var versions = 0;
            var result = await CommitMobileChangeAfter(f, id, "mobile", "+33 6 22 22 22 22", TimeSpan.FromSeconds(30), () => versions = f.Versions(id));

            Assert.Equal(ContactWriteOutcome.Conflict, result.Outcome);
            Assert.StartsWith("since this command read the contact, the server changed mobile", result.Message);
            Assert.Equal(versions, f.Versions(id));
            Assert.Equal("+33 6 22 22 22 22", f.Stored(id)["mobile"]!.GetValue<string>());
        }

        [Fact]
        public async Task AnOldReadWhoseChangeSomeoneElseAlreadyMadeIsUnchanged()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            var writes = 0;
            var result = await CommitMobileChangeAfter(f, id, "mobile", "+33 6 10 20 30 40", TimeSpan.FromSeconds(2), () => writes = f.Requests(Writes));

            Assert.Equal(ContactWriteOutcome.Unchanged, result.Outcome);
            Assert.Equal(writes, f.Requests(Writes));
        }

        // Applied: read back, found, not resent (the emulator sees one PATCH). Not applied: read back, merged again
        // and resent (the emulator sees only the resend). Either way one outcome: updated.
        [Theory]
        [InlineData(NetworkFault.LoseAnswerAfterApplying)]
        [InlineData(NetworkFault.LoseBeforeArriving)]
        public async Task AWriteWhoseAnswerWasLostIsReadBackAndSentAgainOnlyIfItDidNotApply(NetworkFault fault)
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            f.Network.Then("PATCH", fault);

            var result = await f.Writer.MergeAsync(WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40"), CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
            Assert.Equal("+33 6 10 20 30 40", f.Stored(id)["mobile"]!.GetValue<string>());
            Assert.Equal((2, 1), (f.Requests(Reads), f.Requests(Writes)));
        }

        // A PATCH Qomon refused (429) or that never left (a refused connection) is not resent as it was: after the wait
        // its body would carry the contact as read before it, and undo what another user wrote meanwhile. It is read
        // again and merged again, so the other user's edit of another field survives.
        [Theory]
        [InlineData(NetworkFault.Throttle)]
        [InlineData(NetworkFault.RefuseConnection)]
        public async Task AWriteRefusedBeforeProcessingIsReadAgainBeforeItIsResentSoAnEditMadeDuringTheWaitSurvives(NetworkFault fault)
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            f.Network.Then("PATCH", fault);
            f.Network.DuringFault = () => f.EditAsOtherUser(id, "phone", "+33 1 99 99 99 99");

            var result = await f.Writer.MergeAsync(WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40"), CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
            var after = f.Stored(id);
            Assert.Equal("+33 6 10 20 30 40", after["mobile"]!.GetValue<string>());
            Assert.Equal("+33 1 99 99 99 99", after["phone"]!.GetValue<string>());
        }

        [Fact]
        public async Task AWriteRefusedWhileAnotherUserChangedTheSameFieldIsAConflictAndNotResent()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            f.Network.Then("PATCH", NetworkFault.Throttle);
            f.Network.DuringFault = () => f.EditAsOtherUser(id, "mobile", "+33 6 22 22 22 22");

            var result = await f.Writer.MergeAsync(WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40"), CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Conflict, result.Outcome);
            Assert.Equal("+33 6 22 22 22 22", f.Stored(id)["mobile"]!.GetValue<string>());
        }

        [Fact]
        public async Task AWriteStillRefusedAtTheConnectionsAttemptLimitIsFailedWithThe429()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: true);
            var id = f.ContactId();
            for (var i = 0; i < 6; i++) f.Network.Then("PATCH", NetworkFault.Throttle);

            var result = await f.Server.Drive(f.Writer.MergeAsync(WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40"), CancellationToken.None));

            Assert.Equal(ContactWriteOutcome.Failed, result.Outcome);
            Assert.Equal(429, result.Failure!.StatusCode);
            Assert.Equal(1, f.Versions(id));
            // The first read, then one before each of the five resends.
            Assert.Equal(6, f.Requests(Reads));
        }

        [Fact]
        public async Task ALostAnswerThatCannotBeReadBackIsAnUnknownOutcomeNeverAFailure()
        {
            await using var f = await WriterFixture.StartAsync(fakeTime: false);
            var id = f.ContactId();
            using var plan = await f.Writer.PlanMergeAsync(WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40"), CancellationToken.None);
            f.Network.Then("PATCH", NetworkFault.LoseAnswerAfterApplying);
            for (var i = 0; i < 10; i++) f.Network.Then("GET", NetworkFault.LoseBeforeArriving);

            var result = await f.Writer.CommitAsync(plan, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.OutcomeUnknown, result.Outcome);
            Assert.Equal(ContactWriteErrorIds.OutcomeUnknown, result.ErrorId);
            Assert.True(result.Failure!.OutcomeUnknown);
            Assert.NotNull(result.ReadBackFailure);
        }

        [Fact]
        public async Task ALostAnswerReadBackWithAConflictingEditIsAConflictAndNotResent()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var asRead = f.Stored(id);
            var request = WriterFixture.Change(id, "mobile", "+33 6 33 33 33 33");
            request.AsRead = asRead;
            using var plan = await f.Writer.PlanMergeAsync(request, CancellationToken.None);
            await f.EditAsOtherUser(id, "mobile", "+33 6 22 22 22 22");
            f.Network.Then("PATCH", NetworkFault.LoseBeforeArriving);
            var writes = f.Requests(Writes);

            var result = await f.Writer.CommitAsync(plan, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Conflict, result.Outcome);
            Assert.Equal(writes, f.Requests(Writes));
            Assert.Equal("+33 6 22 22 22 22", f.Stored(id)["mobile"]!.GetValue<string>());
        }

        [Fact]
        public async Task AReplacementWhoseAnswerWasLostIsResentAsIsWhenReadingBackShowsItNotApplied()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var replacement = ContactWriteShape.From(f.Stored(id));
            replacement["firstname"] = "Replaced";
            f.Network.Then("PATCH", NetworkFault.LoseBeforeArriving);

            var result = await f.Writer.ReplaceAsync(id, replacement, CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
            Assert.Equal("Replaced", f.Stored(id)["firstname"]!.GetValue<string>());
            Assert.Equal((1, 1), (f.Requests(Reads), f.Requests(Writes)));
        }

        [Fact]
        public async Task ADeclinedPlanGivesItsWriteTokensBack()
        {
            await using var f = await WriterFixture.StartAsync();
            var budget = f.Server.Connection.Budget;
            var id = f.ContactId();
            var plan = await f.Writer.PlanMergeAsync(WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40"), CancellationToken.None);
            Assert.True(plan.NeedsWrite);
            var held = budget.InFlight;

            plan.Dispose();

            Assert.Equal(5, held - budget.InFlight, 3);
        }

        // The caller read the contact (AsRead), then another user set its mobile to +33 6 22 22 22 22; the record sets it
        // to +33 6 33 33 33 33.
        private static async Task<ContactMergeRequest> MobileChangeReadBeforeAnotherUsersEdit(WriterFixture f, long id)
        {
            var asRead = f.Stored(id);
            await f.EditAsOtherUser(id, "mobile", "+33 6 22 22 22 22");
            var request = WriterFixture.Change(id, "mobile", "+33 6 33 33 33 33");
            request.AsRead = asRead;
            return request;
        }

        // Plans this record's mobile change, lets another user edit the contact, lets the read age, then commits.
        private static async Task<ContactWriteResult> CommitMobileChangeAfter(WriterFixture f, long id, string otherField, string otherValue,
            TimeSpan age, Action? afterTheEdit = null)
        {
            using var plan = await f.Writer.PlanMergeAsync(WriterFixture.Change(id, "mobile", "+33 6 10 20 30 40"), CancellationToken.None);
            await f.EditAsOtherUser(id, otherField, otherValue);
            afterTheEdit?.Invoke();
            f.Server.FakeClock!.Advance(age);
            return await f.Writer.CommitAsync(plan, CancellationToken.None);
        }
    }
}

using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;
using Qomon.Client.Writing;
using Xunit;

namespace Qomon.Client.Tests.Writing
{
    /// <summary>
    /// Each PATCH answer is checked against what was sent: a server that stores something else is
    /// Qomon.WriteNotAsSent naming the fields, not updated. The emulator stores what it is sent, so a transport that
    /// rewrites the answer plays the server that does not.
    /// </summary>
    public sealed class WriteAnswerCheckTests
    {
        private const long VolunteerInterests = 47581;

        [Fact]
        public async Task AFieldThatComesBackUnderAnotherKeyIsNotAsSent()
        {
            await using var f = await WriterFixture.StartAsync();
            f.Network.RewritePatchAnswer = contact =>
            {
                var value = contact["mobile"]!.DeepClone();
                contact.Remove("mobile");
                contact["mobile_phone"] = value;
            };

            var result = await f.Writer.MergeAsync(WriterFixture.Change(f.ContactId(), "mobile", "+33 6 10 20 30 40"), CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.NotAsSent, result.Outcome);
            Assert.Equal(ContactWriteErrorIds.NotAsSent, result.ErrorId);
            Assert.Contains("mobile", result.Fields);
            Assert.Contains("mobile", result.Message);
            Assert.NotNull(result.Stored);
        }

        [Fact]
        public async Task AFieldTheServerDroppedIsNotAsSent()
        {
            await using var f = await WriterFixture.StartAsync();
            f.Network.RewritePatchAnswer = contact => contact.Remove("firstname");

            var result = await f.Writer.MergeAsync(WriterFixture.Change(f.ContactId(), "mobile", "+33 6 10 20 30 40"), CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.NotAsSent, result.Outcome);
            Assert.Equal(new[] { "firstname" }, result.Fields);
        }

        [Fact]
        public async Task CheckboxValuesMergedInsteadOfReplacedAreNotAsSentNamingTheForm()
        {
            await using var f = await WriterFixture.StartAsync();
            var forms = FormCatalog.Empty;
            var id = f.ContactId(answeringForm: VolunteerInterests);
            var changes = new ContactChanges();
            changes.SetAnswer(AnswerKind.FormData, VolunteerInterests, new[] { new AnswerValue(15693, "leafleting") });
            // The server keeps the old values beside the new one.
            var before = ContactDiff.AnswersOf(f.Stored(id), AnswerKind.FormData, VolunteerInterests);
            f.Network.RewritePatchAnswer = contact =>
            {
                var list = contact["formdatas"]!.AsArray();
                foreach (var old in before.Where(v => v.RefId != 15693))
                    list.Add(new JsonObject { ["form_id"] = VolunteerInterests, ["form_ref_id"] = old.RefId, ["data"] = old.Data });
            };

            var result = await f.Writer.MergeAsync(new ContactMergeRequest(id, changes), CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.NotAsSent, result.Outcome);
            Assert.Equal(new[] { AnswerKinds.PathOf(AnswerKind.FormData, VolunteerInterests) }, result.Fields);
        }

        [Fact]
        public async Task AnAnswerAsSentIsUpdatedEvenWithANewNoteThatComesBackWithAnId()
        {
            await using var f = await WriterFixture.StartAsync();
            var id = f.ContactId();
            var changes = new ContactChanges();
            changes.SetField("mobile", JsonValue.Create("+33 6 10 20 30 40"));
            var notes = NoteShape.TrimAll(f.Stored(id)["notes"]);
            notes.Add(new JsonObject { ["data"] = "Called back, not home" });
            changes.SetNotes(notes);
            changes.AddTag("canvassed");

            var result = await f.Writer.MergeAsync(new ContactMergeRequest(id, changes), CancellationToken.None);

            Assert.Equal(ContactWriteOutcome.Updated, result.Outcome);
            Assert.Empty(result.Fields);
        }

        [Fact]
        public void ANoteTheServerRewroteIsNotAsSent()
        {
            var sent = new JsonObject { ["notes"] = new JsonArray(new JsonObject { ["data"] = "Not home", ["only_super_admin"] = true }) };
            var stored = new JsonObject { ["notes"] = new JsonArray(new JsonObject { ["id"] = 9, ["data"] = "Not home", ["only_super_admin"] = false }) };

            Assert.Equal(new[] { "notes" }, WriteAnswerCheck.FieldsNotAsSent(sent, stored, FormCatalog.Empty));
        }

        [Fact]
        public void AFlagTheServerFillsInForAFieldTheWriteLeftOutIsNotADifference()
        {
            var sent = new JsonObject { ["firstname"] = "Ann" };
            var stored = new JsonObject { ["firstname"] = "Ann", ["black_list"] = false, ["mobile_invalid"] = false, ["action_ids"] = new JsonArray() };

            Assert.Empty(WriteAnswerCheck.FieldsNotAsSent(sent, stored, FormCatalog.Empty));
        }

        [Fact]
        public void AFieldTheWriteClearedThatComesBackWithAValueIsNotAsSent()
        {
            var sent = new JsonObject { ["firstname"] = "Ann" };
            var stored = new JsonObject { ["firstname"] = "Ann", ["mobile"] = "+33 6 10 20 30 40" };

            Assert.Equal(new[] { "mobile" }, WriteAnswerCheck.FieldsNotAsSent(sent, stored, FormCatalog.Empty));
        }
    }
}

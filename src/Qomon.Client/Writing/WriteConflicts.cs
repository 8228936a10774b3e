using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Json;
using Qomon.Client.Model;

namespace Qomon.Client.Writing
{
    /// <summary>
    /// When writing would undo someone else's edit. A field-level check against the contact as it was read (by the
    /// caller, or by this writer before it read again): a field the server changed since then that this record
    /// also changes is a conflict. A whole-contact check for input that carries UpdatedAt: a contact changed on
    /// the server after it is a conflict. Only asked once the merge is known to change something: a record whose
    /// values the server already holds is unchanged, whatever it carries.
    /// </summary>
    internal static class WriteConflicts
    {
        internal static ContactWriteResult? Find(ContactMergeRequest request, JsonObject? readByWriter, JsonObject now, FormCatalog forms)
        {
            if (request.Force) return null;
            var fieldLevel = FieldLevel(request.AsRead, now, request.Changes, forms, "since the contact was read")
                             ?? FieldLevel(readByWriter, now, request.Changes, forms, "since this command read the contact");
            return fieldLevel ?? WholeContact(request, now);
        }

        private static ContactWriteResult? FieldLevel(JsonObject? before, JsonObject now, ContactChanges changes, FormCatalog forms, string since)
        {
            if (before == null) return null;
            var both = ConflictDetector.Find(before, now, changes);
            if (both.Count == 0) return null;
            var fields = FieldLabels.Of(both, forms);
            return ContactWriteResult.Conflict(since + ", the server changed " + string.Join(", ", fields) + ", which this record changes too.", fields, now);
        }

        private static ContactWriteResult? WholeContact(ContactMergeRequest request, JsonObject now)
        {
            if (!request.SeenUpdatedAt.HasValue) return null;
            var seen = request.SeenUpdatedAt.Value;
            if (!now.TryGetPropertyValue(ContactFields.UpdatedAtKey, out var node)
                || !QomonDate.TryParse(JsonRead.GetText(node), out var server)
                || QomonDate.TruncateToMilliseconds(server) <= QomonDate.TruncateToMilliseconds(seen)) return null;
            return ContactWriteResult.Conflict("the contact was changed on the server at " + QomonDate.FormatForWrite(server) +
                ", after the UpdatedAt this record carries (" + QomonDate.FormatForWrite(seen) + ").", new string[0], now);
        }
    }
}

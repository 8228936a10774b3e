using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Json;
using Qomon.Client.Journal;
using Qomon.Client.Model;

namespace Qomon.Client.Undo
{
    /// <summary>
    /// Works out how to undo one record of a run from its journal line (the contact as stored before the write and
    /// the fields the write changed) and the contact as it is now. Only the fields the run changed are named, each
    /// put back to its value in the before image where it still holds what the run wrote (UndoDecision); the result
    /// is ContactChanges, merged into the contact as it is now (ContactMerger), so every other field, and every
    /// edit made since by someone else, stays. The before image is never written back whole.
    /// </summary>
    public static class UndoPlanner
    {
        public static UndoPlan Plan(JsonObject before, IEnumerable<JournalField> fields, JsonObject current, FormCatalog forms, bool force)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            return Plan(before, fields, current, forms, new UndoDecision(force));
        }

        /// <summary>
        /// The undo as intended, before the contact is read: every field the run changed put back. What the undo's own
        /// journal records as its intent, and the fields its lines list; the write itself is planned from the read.
        /// </summary>
        public static ContactChanges Intended(JsonObject before, IEnumerable<JournalField> fields) =>
            Plan(before, fields, before, FormCatalog.Empty, new UndoDecision(force: true, everything: true)).Changes;

        private static UndoPlan Plan(JsonObject before, IEnumerable<JournalField> fields, JsonObject current, FormCatalog? forms, UndoDecision decision)
        {
            if (before == null) throw new ArgumentNullException(nameof(before));
            if (fields == null) throw new ArgumentNullException(nameof(fields));
            forms = forms ?? FormCatalog.Empty;
            var notes = new List<JournalField>();
            foreach (var field in fields)
            {
                if (field == null || field.Path.Length == 0) continue;
                if (UndoAnswers.TryParsePath(field.Path, out var kind, out var formId)) UndoAnswers.Plan(before, kind, formId, field, current, forms, decision);
                else if (UndoTags.IsTagPath(field.Path)) UndoTags.Plan(before, field, current, decision);
                else if (field.Path == ContactFields.NotesKey) notes.Add(field);
                else if (field.Path == ContactFields.AddressKey) PlanWholeAddress(before, field, current, decision);
                else PlanField(before, field.Path, field.New, current, decision);
            }
            if (notes.Count > 0) UndoNotes.Plan(before, notes, current, decision);
            return decision.ToPlan();
        }

        private static void PlanField(JsonObject before, string path, JsonNode? written, JsonObject current, UndoDecision decision)
        {
            var old = ValueAt(before, path);
            var now = ValueAt(current, path);
            decision.Decide(JsonSemantics.AreEqual(now, old), JsonSemantics.AreEqual(now, written),
                () => new UndoConflict(path, DisplayText.Of(old), DisplayText.Of(written), DisplayText.Of(now)),
                changes => changes.SetFieldExact(path, JsonRead.IsBlank(old) ? null : ContactChangeDetector.AsWritten(path, old!.DeepClone())));
        }

        // A journal may name the whole address (a run that cleared it): each part is a field of its own, so an edit
        // of one part since the run does not keep the others from coming back.
        private static void PlanWholeAddress(JsonObject before, JournalField field, JsonObject current, UndoDecision decision)
        {
            var parts = new List<string>();
            foreach (var address in new[] { ContactDiff.TopLevel(before, ContactFields.AddressKey), field.New, ContactDiff.TopLevel(current, ContactFields.AddressKey) })
            {
                if (!(address is JsonObject obj)) continue;
                foreach (var pair in obj)
                {
                    if (!ContactFields.IsReadOnlyAddressPart(pair.Key) && !parts.Contains(pair.Key)) parts.Add(pair.Key);
                }
            }
            foreach (var part in parts)
            {
                JsonNode? written = null;
                (field.New as JsonObject)?.TryGetPropertyValue(part, out written);
                PlanField(before, ContactFields.AddressPrefix + part, written, current, decision);
            }
        }

        /// <summary>A top-level field under either spelling, or an address part (address.city).</summary>
        internal static JsonNode? ValueAt(JsonObject contact, string path)
        {
            if (!path.StartsWith(ContactFields.AddressPrefix, StringComparison.Ordinal)) return ContactDiff.TopLevel(contact, ContactFields.CanonicalKey(path));
            if (!(ContactDiff.TopLevel(contact, ContactFields.AddressKey) is JsonObject address)) return null;
            address.TryGetPropertyValue(path.Substring(ContactFields.AddressPrefix.Length), out var value);
            return value;
        }
    }
}

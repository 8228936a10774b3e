using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Json;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// What a contact read after an upsert must show for the upsert to count as applied: each sent value, tag, note
    /// and answer. Qomon answers 202 and may drop the record without a word, so only a read can say it landed.
    /// Every check asks "at least": a value someone else added meanwhile does not make an applied upsert look lost.
    /// </summary>
    public sealed class UpsertExpectation
    {
        private readonly List<Check> _checks = new List<Check>();

        internal UpsertExpectation(long contactId) => ContactId = contactId;

        public long ContactId { get; }

        public int Count => _checks.Count;

        /// <summary>True when the read contact holds everything the upsert sent.</summary>
        public bool IsMetBy(JsonObject contact) => FirstUnmet(contact) == null;

        /// <summary>What the contact does not show yet (for a verbose line), or null when it shows everything.</summary>
        public string? FirstUnmet(JsonObject contact)
        {
            if (contact == null) throw new ArgumentNullException(nameof(contact));
            if (!JsonRead.TryGetLong(contact["id"], out var id) || id != ContactId) return "the contact read is not " + ContactId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var check in _checks)
            {
                if (!check.IsMet(contact)) return check.Description;
            }
            return null;
        }

        internal void Field(string canonicalPath, JsonNode value) => _checks.Add(new Check(canonicalPath, contact =>
        {
            if (!canonicalPath.StartsWith(ContactFields.AddressPrefix, StringComparison.Ordinal))
                return JsonSemantics.AreEqual(ContactDiff.TopLevel(contact, canonicalPath), value);
            var part = canonicalPath.Substring(ContactFields.AddressPrefix.Length);
            return contact[ContactFields.AddressKey] is JsonObject address && address.TryGetPropertyValue(part, out var stored) && JsonSemantics.AreEqual(stored, value);
        }));

        internal void Tag(string name) => _checks.Add(new Check("tag '" + name + "'", contact =>
        {
            contact.TryGetPropertyValue(ContactFields.TagsKey, out var tags);
            return TagShape.IndexOf(TagShape.NamesOf(tags), name) >= 0;
        }));

        /// <summary>A note text the contact must hold at least this many times (it may already hold it before the upsert).</summary>
        internal void Note(string text, int copies) => _checks.Add(new Check("note '" + DisplayText.Shorten(text) + "'", contact =>
        {
            var found = 0;
            if (contact[ContactFields.NotesKey] is JsonArray notes)
            {
                foreach (var note in notes)
                {
                    if (note is JsonObject obj && !JsonRead.IsSoftDeleted(obj) && string.Equals(NoteShape.TextOf(obj), text, StringComparison.Ordinal)) found++;
                }
            }
            return found >= copies;
        }));

        /// <summary>The form's answers must include these values (copy for copy); a choice compares by refvalue, as Qomon stores its slug.</summary>
        internal void Answers(AnswerKind kind, QomonForm form, List<AnswerValue> values) => _checks.Add(new Check(AnswerKinds.Prefix(kind) + form.Label, contact =>
        {
            var held = ContactDiff.AnswersOf(contact, kind, form.Id);
            if (!form.IsChoice) return AnswerMultiset.Minus(values, held).Count == 0;
            foreach (var value in values)
            {
                if (held.FindIndex(h => h.RefId == value.RefId) < 0) return false;
            }
            return true;
        }));

        private sealed class Check
        {
            private readonly Func<JsonObject, bool> _isMet;

            public Check(string description, Func<JsonObject, bool> isMet)
            {
                Description = description;
                _isMet = isMet;
            }

            public string Description { get; }

            public bool IsMet(JsonObject contact) => _isMet(contact);
        }
    }
}

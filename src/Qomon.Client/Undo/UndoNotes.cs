using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Json;
using Qomon.Client.Journal;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Undo
{
    /// <summary>
    /// Notes are one list to the write (ContactChanges.SetNotes), so they are undone together: put back as the before
    /// image has them when the contact's notes still read as the run left them (compared by text: the server gives a
    /// new note its id and dates). A note the run deleted comes back as a new note.
    /// </summary>
    internal static class UndoNotes
    {
        internal static void Plan(JsonObject before, List<JournalField> fields, JsonObject current, UndoDecision decision)
        {
            var old = NoteShape.TrimAll(ContactDiff.TopLevel(before, ContactFields.NotesKey));
            var now = NoteShape.TrimAll(ContactDiff.TopLevel(current, ContactFields.NotesKey));
            var oldTexts = Texts(old);
            var nowTexts = Texts(now);
            var written = Written(oldTexts, fields);
            decision.Decide(SameTexts(nowTexts, oldTexts), SameTexts(nowTexts, written),
                () => new UndoConflict(ContactFields.NotesKey, Display(oldTexts), Display(written), Display(nowTexts)),
                changes => changes.SetNotes(WithoutGoneIds(old, now)));
        }

        // The notes after the run: the journal gives either whole lists, or one note per line (null old = added, null new = deleted).
        private static List<string> Written(List<string> before, List<JournalField> fields)
        {
            var texts = new List<string>(before);
            foreach (var field in fields)
            {
                if (field.New is JsonArray whole)
                {
                    texts = Texts(NoteShape.TrimAll(whole));
                    continue;
                }
                if (NoteShape.Trim(field.Old) is JsonObject removed) texts.Remove(NoteShape.TextOf(removed));
                if (NoteShape.Trim(field.New) is JsonObject added) texts.Add(NoteShape.TextOf(added));
            }
            return texts;
        }

        // An id the server no longer has would name nothing; without it the note is created again.
        private static JsonArray WithoutGoneIds(JsonArray old, JsonArray now)
        {
            var ids = new List<string>();
            foreach (var note in now)
            {
                if (note is JsonObject obj && JsonRead.GetText(obj["id"]) is string id) ids.Add(id);
            }
            foreach (var note in old)
            {
                if (note is JsonObject obj && JsonRead.GetText(obj["id"]) is string id && !ids.Contains(id)) obj.Remove("id");
            }
            return old;
        }

        private static List<string> Texts(JsonArray notes)
        {
            var texts = new List<string>(notes.Count);
            foreach (var note in notes) if (note is JsonObject obj) texts.Add(NoteShape.TextOf(obj));
            return texts;
        }

        private static bool SameTexts(List<string> a, List<string> b)
        {
            if (a.Count != b.Count) return false;
            var left = new List<string>(b);
            foreach (var text in a)
            {
                var index = left.FindIndex(other => string.Equals(other, text, StringComparison.Ordinal));
                if (index < 0) return false;
                left.RemoveAt(index);
            }
            return true;
        }

        private static string Display(List<string> texts) => DisplayText.Shorten(string.Join(" | ", texts));
    }
}

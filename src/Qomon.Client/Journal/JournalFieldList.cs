using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;

namespace Qomon.Client.Journal
{
    /// <summary>The fields of a pending line: what a request changes, path by path, with the old and the new JSON value.</summary>
    internal static class JournalFieldList
    {
        /// <param name="scope">The record's changes, to compare only what they touch; null compares whole contacts.</param>
        internal static IReadOnlyList<JournalField> Between(JsonObject? before, JsonObject? after, ContactChanges? scope)
        {
            if (after == null) return new JournalField[0];
            var old = before ?? new JsonObject();
            var items = scope == null ? ContactDiff.Between(old, after) : ContactDiff.Between(old, after, scope);
            var fields = new List<JournalField>(items.Count);
            var notesDone = false;
            foreach (var item in items)
            {
                switch (item.Section)
                {
                    case DiffSection.Tag:
                        var added = item.Kind == FieldChangeKind.Added;
                        fields.Add(new JournalField(item.ConflictPath, added ? null : JsonValue.Create(item.Tag), added ? JsonValue.Create(item.Tag) : null));
                        break;
                    case DiffSection.Note:
                        // The diff pairs notes one by one; undo needs the lists as they were and as sent.
                        if (notesDone) break;
                        notesDone = true;
                        fields.Add(new JournalField(ContactFields.NotesKey, old[ContactFields.NotesKey]?.DeepClone(), after[ContactFields.NotesKey]?.DeepClone()));
                        break;
                    case DiffSection.Answer:
                        fields.Add(new JournalField(item.Path, Answers(item.OldAnswers), Answers(item.NewAnswers)));
                        break;
                    default:
                        fields.Add(new JournalField(item.Path, item.Old?.DeepClone(), item.New?.DeepClone()));
                        break;
                }
            }
            return fields;
        }

        private static JsonArray Answers(List<AnswerValue>? values) =>
            new JsonArray((values ?? new List<AnswerValue>()).Select(v => (JsonNode?)new JsonObject { ["ref_id"] = v.RefId, ["data"] = v.Data }).ToArray());
    }
}

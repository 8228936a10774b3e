using System.Collections;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Input
{
    /// <summary>
    /// Reads the notes column. Notes are a full set (the API has no way to add one note alone): a list of texts or
    /// of {data|content, pinned?, only_super_admin?, id?} objects; one text is a list of one note. The server-owned
    /// keys a piped contact's notes carry (user, created_at...) are ignored.
    /// </summary>
    internal static class NoteInputReader
    {
        public static JsonArray? Read(object value, int maxLength, out string? problem)
        {
            problem = null;
            if (!(value is string) && !InputValues.IsList(value))
            {
                problem = FieldValueReader.ScalarExpected("a list of notes", value);
                return null;
            }
            var items = new List<object?>();
            if (value is string) items.Add(value);
            else foreach (var item in (IList)value) items.Add(item);

            var notes = new JsonArray();
            foreach (var item in items)
            {
                var note = ReadNote(item, maxLength, out problem);
                if (note == null) return null;
                notes.Add(note);
            }
            return notes;
        }

        private static JsonObject? ReadNote(object? item, int maxLength, out string? problem)
        {
            if (item is string text)
            {
                problem = InputValues.CheckText(text, maxLength, multiline: true);
                return problem == null ? new JsonObject { ["data"] = text } : null;
            }
            if (!InputValues.IsMap(item))
            {
                problem = $"each note must be a text or an object with data, got {InputValues.Describe(item)}";
                return null;
            }
            var note = new JsonObject();
            foreach (var pair in InputValues.EntriesOf(item!))
            {
                var key = (pair.Key ?? "").Trim().ToLowerInvariant();
                switch (key)
                {
                    case "data":
                    case "content":
                        var body = pair.Value as string;
                        problem = body == null ? $"a note's {key} must be text" : InputValues.CheckText(body, maxLength, multiline: true);
                        if (problem != null) return null;
                        note[key] = body;
                        break;
                    case "pinned":
                    case "only_super_admin":
                        if (!(pair.Value is bool flag))
                        {
                            problem = $"a note's {key} must be true or false";
                            return null;
                        }
                        note[key] = flag;
                        break;
                    case "id":
                        var id = pair.Value == null ? null : FieldValueReader.ReadPositiveId(pair.Value, out _);
                        if (!id.HasValue)
                        {
                            problem = "a note's id must be a positive whole number";
                            return null;
                        }
                        note[key] = id.Value;
                        break;
                    default:
                        if (NoteShape.IsServerOwned(pair.Key ?? "")) break;
                        problem = $"a note has no field '{pair.Key}' (data, content, pinned, only_super_admin, id)";
                        return null;
                }
            }
            if (!note.ContainsKey("data") && !note.ContainsKey("content"))
            {
                problem = "a note needs its text in data";
                return null;
            }
            problem = null;
            return note;
        }
    }
}

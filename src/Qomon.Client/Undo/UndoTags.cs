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
    /// Tags are undone one by one, as the run changed them: a tag the run added is removed, one it removed is added
    /// back, and the contact's other tags (someone else's since) stay (UndoDecision.DecideTag).
    /// </summary>
    internal static class UndoTags
    {
        internal static bool IsTagPath(string path) =>
            path == ContactFields.TagsKey || (path.StartsWith(ContactFields.TagsKey + "[", StringComparison.Ordinal) && path.EndsWith("]", StringComparison.Ordinal));

        internal static void Plan(JsonObject before, JournalField field, JsonObject current, UndoDecision decision)
        {
            var hadBefore = TagShape.NamesOf(ContactDiff.TopLevel(before, ContactFields.TagsKey));
            var hasNow = TagShape.NamesOf(ContactDiff.TopLevel(current, ContactFields.TagsKey));
            foreach (var name in Touched(field, hadBefore))
            {
                decision.DecideTag(name, TagShape.IndexOf(hadBefore, name) >= 0, TagShape.IndexOf(hasNow, name) >= 0);
            }
        }

        // tags[Name] names one tag; "tags" names them by its values: one name added or removed, or the lists before and after.
        private static List<string> Touched(JournalField field, List<string> hadBefore)
        {
            var names = new List<string>();
            if (field.Path != ContactFields.TagsKey)
            {
                names.Add(field.Path.Substring(ContactFields.TagsKey.Length + 1, field.Path.Length - ContactFields.TagsKey.Length - 2));
                return names;
            }
            if (field.New is JsonArray || field.Old is JsonArray)
            {
                var written = TagShape.NamesOf(field.New);
                var old = field.Old is JsonArray ? TagShape.NamesOf(field.Old) : hadBefore;
                foreach (var name in written) if (TagShape.IndexOf(old, name) < 0) names.Add(name);
                foreach (var name in old) if (TagShape.IndexOf(written, name) < 0) names.Add(name);
                return names;
            }
            foreach (var value in new[] { field.New, field.Old })
            {
                var name = value is JsonObject tag ? JsonRead.GetText(tag["name"]) : JsonRead.GetText(value);
                if (!string.IsNullOrEmpty(name) && TagShape.IndexOf(names, name!) < 0) names.Add(name!);
            }
            return names;
        }
    }
}

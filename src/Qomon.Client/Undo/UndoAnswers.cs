using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Json;
using Qomon.Client.Journal;
using Qomon.Client.Model;

namespace Qomon.Client.Undo
{
    /// <summary>
    /// One form's answers (form:&lt;id&gt;, custom:&lt;id&gt;), compared as multisets as the merge does: put back as
    /// the exact list the before image holds, repeated values and all, where the form still holds what the run wrote.
    /// </summary>
    internal static class UndoAnswers
    {
        internal static bool TryParsePath(string path, out AnswerKind kind, out long formId)
        {
            formId = 0;
            kind = path.StartsWith(AnswerKinds.CustomPrefix, StringComparison.Ordinal) ? AnswerKind.CustomField : AnswerKind.FormData;
            var prefix = AnswerKinds.Prefix(kind);
            return path.StartsWith(prefix, StringComparison.Ordinal)
                   && long.TryParse(path.Substring(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out formId);
        }

        internal static void Plan(JsonObject before, AnswerKind kind, long formId, JournalField field, JsonObject current, FormCatalog forms, UndoDecision decision)
        {
            var old = ContactDiff.AnswersOf(before, kind, formId);
            var now = ContactDiff.AnswersOf(current, kind, formId);
            var written = ValuesOf(field.New, formId);
            decision.Decide(AnswerMultiset.AreEqual(now, old), SameValues(now, written),
                () => new UndoConflict(forms.DisplayPath(kind, formId), Display(forms, formId, old), Display(forms, formId, written), Display(forms, formId, now)),
                changes => changes.SetAnswer(kind, formId, old));
        }

        /// <summary>
        /// The answers a journal value holds: a list (or one) of {ref_id, data} (JOURNAL-FORMAT.md; an entry's form_ref_id is read too), or bare values (data
        /// only, its refvalue unknown); null or an empty list is no answer.
        /// </summary>
        internal static List<AnswerValue> ValuesOf(JsonNode? node, long formId)
        {
            var values = new List<AnswerValue>();
            if (node is JsonArray list)
            {
                foreach (var item in list) Add(values, item);
            }
            else Add(values, node);
            return values;
        }

        private static void Add(List<AnswerValue> values, JsonNode? item)
        {
            if (item is JsonObject entry)
            {
                JsonRead.TryGetLong(First(entry, "ref_id", "form_ref_id"), out var refId);
                values.Add(new AnswerValue(refId, JsonRead.GetText(First(entry, "data"))));
            }
            else if (!JsonRead.IsBlank(item)) values.Add(new AnswerValue(0, JsonRead.GetText(item)));
        }

        private static JsonNode? First(JsonObject entry, params string[] keys)
        {
            foreach (var key in keys)
            {
                if (entry.TryGetPropertyValue(key, out var value) && value != null) return value;
            }
            return null;
        }

        // As AnswerMultiset.AreEqual, except that a written value whose refvalue the journal does not give matches on its data alone.
        private static bool SameValues(List<AnswerValue> now, List<AnswerValue> written)
        {
            if (now.Count != written.Count) return false;
            var used = new bool[now.Count];
            foreach (var value in written)
            {
                var match = -1;
                for (var i = 0; i < now.Count && match < 0; i++)
                {
                    if (!used[i] && (value.RefId == 0 || now[i].RefId == value.RefId) && AnswerValue.SameData(now[i].Data, value.Data)) match = i;
                }
                if (match < 0) return false;
                used[match] = true;
            }
            return true;
        }

        private static string Display(FormCatalog forms, long formId, List<AnswerValue> values)
        {
            var text = new StringBuilder();
            foreach (var value in values)
            {
                if (text.Length > 0) text.Append("; ");
                text.Append(forms.DisplayAnswer(formId, value.RefId == 0 ? (long?)null : value.RefId, value.Data));
            }
            return DisplayText.Shorten(text.ToString());
        }
    }
}

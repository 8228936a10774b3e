using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Json;
using Qomon.Client.Model;

namespace Qomon.Client.WriteShape
{
    /// <summary>
    /// A formdata or custom-field entry in the request shape {form_id, form_ref_id, data, date?, survey_id?}.
    /// Everything else (id, created_at, deleted_at, label, type_of_form, group_id, contact_id...) is server-owned.
    /// </summary>
    internal static class EntryShape
    {
        /// <summary>The write shape of a stored entry, dates at ms precision; null for a soft-deleted or malformed one.</summary>
        public static JsonObject? Trim(JsonNode? node)
        {
            if (!(node is JsonObject entry) || JsonRead.IsSoftDeleted(entry)) return null;
            var trimmed = new JsonObject();
            foreach (var key in ContactFields.EntryKeys)
            {
                if (!entry.TryGetPropertyValue(key, out var value)) continue;
                if (value == null && key != "data") continue;
                if ((key == "data" || key == "date") && value is JsonValue && JsonRead.GetText(value) is string text && QomonDate.LooksLikeTimestamp(text))
                {
                    trimmed[key] = QomonDate.NormalizeIfTimestamp(text);
                    continue;
                }
                trimmed[key] = value?.DeepClone();
            }
            return trimmed;
        }

        /// <summary>A new entry for an answer; the value's own date when it was read from an entry, else none: the server stamps it.</summary>
        public static JsonObject Create(long formId, AnswerValue value)
        {
            var entry = new JsonObject
            {
                ["form_id"] = formId,
                ["form_ref_id"] = value.RefId,
                ["data"] = value.Data,
            };
            if (value.Date != null) entry["date"] = QomonDate.NormalizeIfTimestamp(value.Date);
            return entry;
        }

        public static bool TryGetFormId(JsonNode? entry, out long formId)
        {
            formId = 0;
            return entry is JsonObject obj && obj.TryGetPropertyValue("form_id", out var id) && JsonRead.TryGetLong(id, out formId);
        }

        public static AnswerValue ValueOf(JsonObject entry)
        {
            entry.TryGetPropertyValue("form_ref_id", out var refNode);
            JsonRead.TryGetLong(refNode, out var refId);
            entry.TryGetPropertyValue("data", out var data);
            entry.TryGetPropertyValue("date", out var date);
            return new AnswerValue(refId, JsonRead.GetText(data)) { Date = JsonRead.IsBlank(date) ? null : JsonRead.GetText(date) };
        }
    }
}

using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.Client.Json
{
    /// <summary>Reads forms from {"data":{"forms":[…]}} and {"data":{"form":{…}}}; ids may be numbers or strings.</summary>
    internal static class FormParser
    {
        public static IReadOnlyList<QomonForm> List(JsonNode? root, string kind)
        {
            var forms = new List<QomonForm>();
            foreach (var item in Envelope.List(root, "forms"))
                forms.Add(Form(item, kind));
            return forms;
        }

        public static QomonForm Single(JsonNode? root, string kind) =>
            Form(Envelope.Item(root, "form") as JsonObject ?? new JsonObject(), kind);

        public static QomonForm Form(JsonObject json, string kind)
        {
            var form = new QomonForm
            {
                Id = Long(json["id"]),
                Label = JsonRead.GetText(json["label"]) ?? "",
                Type = JsonRead.GetText(json["type"]) ?? "",
                Kind = kind.Length > 0 ? kind : JsonRead.GetText(json["kind"]) ?? "",
            };
            if (json["refvalues"] is JsonArray values)
            {
                foreach (var value in values)
                {
                    if (value is not JsonObject v) continue;
                    form.RefValues.Add(new QomonRefValue
                    {
                        Id = Long(v["id"]),
                        FormId = v["form_id"] == null ? form.Id : Long(v["form_id"]),
                        Label = JsonRead.GetText(v["label"]),
                        Value = JsonRead.GetText(v["value"]),
                    });
                }
            }
            return form;
        }

        /// <summary>An id, 0 when it is missing or not a whole number.</summary>
        private static long Long(JsonNode? node) => JsonRead.TryGetLong(node, out var id) ? id : 0;
    }
}

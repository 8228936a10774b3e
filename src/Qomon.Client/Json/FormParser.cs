using System.Collections.Generic;
using System.Globalization;
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
                Label = Text(json["label"]) ?? "",
                Type = Text(json["type"]) ?? "",
                Kind = kind.Length > 0 ? kind : Text(json["kind"]) ?? "",
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
                        Label = Text(v["label"]),
                        Value = Text(v["value"]),
                    });
                }
            }
            return form;
        }

        private static long Long(JsonNode? node)
        {
            if (node is JsonValue value)
            {
                if (value.TryGetValue(out long l)) return l;
                if (value.TryGetValue(out double d)) return (long)d;
                if (value.TryGetValue(out string? s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l;
            }
            return 0;
        }

        private static string? Text(JsonNode? node)
        {
            if (node is not JsonValue value) return null;
            if (value.TryGetValue(out string? s)) return s;
            return value.ToJsonString();
        }
    }
}

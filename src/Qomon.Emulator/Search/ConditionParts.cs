using System.Globalization;
using System.Text.Json;
using Qomon.Emulator.Problems;

namespace Qomon.Emulator.Search
{
    /// <summary>Reads the operands of one $condition (value, from, to, form_ref_ids), answering 422 when one is unusable.</summary>
    public sealed class ConditionParts(JsonElement element, string location, string ope)
    {
        public JsonElement Element { get; } = element;
        public string Location { get; } = location;

        public ProblemException Unsupported(string what) =>
            QueryEvaluator.Invalid($"{Location}.ope", $"operator '{ope}' does not apply to {what}", Element.GetProperty("ope"));

        private JsonElement Required(string name) =>
            Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
                ? v
                : throw QueryEvaluator.Invalid($"{Location}.{name}", $"is required by operator '{ope}'", null);

        /// <summary>Text operands: a number is taken as its text, as a lenient server would.</summary>
        public string Text(string name)
        {
            var v = Required(name);
            return v.ValueKind switch
            {
                JsonValueKind.String => v.GetString()!,
                JsonValueKind.Number => v.GetRawText(),
                _ => throw QueryEvaluator.Invalid($"{Location}.{name}", "must be a string", v),
            };
        }

        public decimal Number(string name)
        {
            var v = Required(name);
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var n)) return n;
            if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out n)) return n;
            throw QueryEvaluator.Invalid($"{Location}.{name}", "must be a number", v);
        }

        public bool Bool()
        {
            var v = Required("value");
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
            if (v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out var b)) return b;
            throw QueryEvaluator.Invalid($"{Location}.value", "must be true or false", v);
        }

        public DateTime Date(string name, DateTime now, bool roundUp)
        {
            var v = Required(name);
            if (v.ValueKind == JsonValueKind.String && DateMath.TryParse(v.GetString(), now, roundUp, out var d)) return d;
            throw QueryEvaluator.Invalid($"{Location}.{name}", "must be an ISO 8601 date or date math such as now-3d or now-1d/d", v);
        }

        /// <summary>A list operand; a single value is taken as a list of one.</summary>
        public List<string> StringList(string name = "value") =>
            Items(name).Select(v => v.ValueKind switch
            {
                JsonValueKind.String => v.GetString()!,
                JsonValueKind.Number => v.GetRawText(),
                _ => throw QueryEvaluator.Invalid($"{Location}.{name}", "must hold strings", v),
            }).ToList();

        public HashSet<long> NumberList(string name = "value") =>
            Items(name).Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n
                : v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n) ? n
                : throw QueryEvaluator.Invalid($"{Location}.{name}", "must hold integers", v)).ToHashSet();

        private IEnumerable<JsonElement> Items(string name)
        {
            var v = Required(name);
            return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [v];
        }
    }
}

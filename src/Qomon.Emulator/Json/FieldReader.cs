using System.Globalization;
using System.Text.Json;
using Qomon.Emulator.Problems;

namespace Qomon.Emulator.Json
{
    /// <summary>
    /// Reads typed values out of a request and collects every problem with its location, so one 422 can list all
    /// of them instead of stopping at the first.
    /// </summary>
    public sealed class FieldReader
    {
        private readonly List<FieldError> _errors = [];

        public IReadOnlyList<FieldError> Errors => _errors;

        public void Fail(string location, string message, JsonElement? value = null) =>
            _errors.Add(new FieldError(location, message, value?.Clone()));

        public string? String(JsonElement e, string location)
        {
            if (e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind == JsonValueKind.String) return e.GetString();
            Fail(location, "must be a string", e);
            return null;
        }

        /// <summary>Address numbers are strings in the schema and numbers in the examples: take both.</summary>
        public string? StringOrNumber(JsonElement e, string location) =>
            e.ValueKind == JsonValueKind.Number ? e.GetRawText() : String(e, location);

        public bool? Bool(JsonElement e, string location)
        {
            if (e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
            Fail(location, "must be true or false", e);
            return null;
        }

        public long? Long(JsonElement e, string location)
        {
            if (e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n)) return n;
            if (e.ValueKind == JsonValueKind.String && long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) return n;
            Fail(location, "must be an integer", e);
            return null;
        }

        public DateTime? Date(JsonElement e, string location)
        {
            if (e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind == JsonValueKind.String && QomonDates.TryParse(e.GetString(), out var d)) return d;
            Fail(location, "must be an ISO 8601 date (YYYY-MM-DDTHH:mm:ss.SSSZ)", e);
            return null;
        }

        public IEnumerable<(JsonElement Item, string Location)> Array(JsonElement e, string location)
        {
            if (e.ValueKind == JsonValueKind.Null) yield break;
            if (e.ValueKind != JsonValueKind.Array)
            {
                Fail(location, "must be an array", e);
                yield break;
            }
            var i = 0;
            foreach (var item in e.EnumerateArray())
                yield return (item, $"{location}[{i++}]");
        }

        public bool IsObject(JsonElement e, string location)
        {
            if (e.ValueKind == JsonValueKind.Object) return true;
            Fail(location, "must be an object", e);
            return false;
        }
    }
}

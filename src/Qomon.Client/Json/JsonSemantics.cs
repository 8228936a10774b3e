using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.Client.Json
{
    /// <summary>
    /// Equality of contact values as the server sees them, so that an unchanged contact is recognised and no PATCH
    /// is spent on it: null, missing and "" are all "no value"; dates are the same instant at millisecond
    /// precision whatever their digits; 12 and "12" are the same (address numbers come both ways).
    /// </summary>
    internal static class JsonSemantics
    {
        public static bool AreEqual(JsonNode? a, JsonNode? b)
        {
            var blankA = JsonRead.IsBlank(a);
            var blankB = JsonRead.IsBlank(b);
            if (blankA || blankB) return blankA && blankB;
            if (a is JsonValue va && b is JsonValue vb) return ValuesEqual(va, vb);
            if (a is JsonObject oa && b is JsonObject ob) return ObjectsEqual(oa, ob);
            if (a is JsonArray aa && b is JsonArray ab) return ArraysEqual(aa, ab);
            return false;
        }

        public static bool ObjectsEqual(JsonObject a, JsonObject b)
        {
            foreach (var pair in a)
            {
                b.TryGetPropertyValue(pair.Key, out var other);
                if (!AreEqual(pair.Value, other)) return false;
            }
            foreach (var pair in b)
            {
                if (!a.ContainsKey(pair.Key) && !JsonRead.IsBlank(pair.Value)) return false;
            }
            return true;
        }

        private static bool ArraysEqual(JsonArray a, JsonArray b)
        {
            if (a.Count != b.Count) return false;
            for (var i = 0; i < a.Count; i++)
            {
                if (!AreEqual(a[i], b[i])) return false;
            }
            return true;
        }

        private static bool ValuesEqual(JsonValue a, JsonValue b)
        {
            var kindA = a.GetValueKind();
            var kindB = b.GetValueKind();
            if (kindA == JsonValueKind.String && kindB == JsonValueKind.String) return TextsEqual(JsonRead.GetText(a)!, JsonRead.GetText(b)!);
            if (kindA == JsonValueKind.Number || kindB == JsonValueKind.Number)
            {
                if ((kindA != JsonValueKind.Number && kindA != JsonValueKind.String) || (kindB != JsonValueKind.Number && kindB != JsonValueKind.String)) return false;
                return NumbersEqual(JsonRead.GetText(a)!, JsonRead.GetText(b)!);
            }
            return kindA == kindB && (kindA == JsonValueKind.True || kindA == JsonValueKind.False);
        }

        /// <summary>Ordinal text equality, except that two timestamps are compared as instants at millisecond precision.</summary>
        public static bool TextsEqual(string a, string b)
        {
            if (string.Equals(a, b, StringComparison.Ordinal)) return true;
            return QomonDate.LooksLikeTimestamp(a) && QomonDate.LooksLikeTimestamp(b)
                && QomonDate.TryParse(a, out var left) && QomonDate.TryParse(b, out var right) && QomonDate.SameInstant(left, right);
        }

        private static bool NumbersEqual(string a, string b)
        {
            if (string.Equals(a, b, StringComparison.Ordinal)) return true;
            return decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var left)
                && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var right)
                && left == right;
        }
    }
}

using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// PowerShell values as JSON, by an explicit mapping rather than reflection: hashtables and dictionaries
    /// become objects (key order kept for ordered ones), PSCustomObjects become objects of their NoteProperties
    /// only (so type-level aliases such as Email or Answers on a Qomon.Contact are not sent twice),
    /// enumerables become arrays, dates become ISO 8601 UTC with milliseconds, and a string that holds JSON
    /// is parsed only where the caller says so (<see cref="ParseBody"/>).
    /// </summary>
    public static class PowerShellToJson
    {
        private const int MaxDepth = 64;

        public static JsonNode? Convert(object? value) => Convert(value, 0);

        /// <summary>A request body: a JSON string is parsed; anything else is converted.</summary>
        public static JsonNode? ParseBody(object? body)
        {
            var value = body is PSObject ps ? ps.BaseObject : body;
            if (value is string text)
            {
                try { return JsonNode.Parse(text); }
                catch (JsonException e) { throw new ArgumentException("The body is a string but not valid JSON: " + e.Message, nameof(body), e); }
            }
            return Convert(body);
        }

        private static JsonNode? Convert(object? value, int depth)
        {
            if (depth > MaxDepth) throw new ArgumentException($"The value is nested more than {MaxDepth} levels deep (a cycle?).");
            if (value is PSObject ps)
            {
                if (ps.BaseObject is PSCustomObject) return FromProperties(ps, depth);
                value = ps.BaseObject;
            }
            switch (value)
            {
                case null: return null;
                case JsonNode node: return node.DeepClone();
                case string s: return JsonValue.Create(s);
                case char c: return JsonValue.Create(c.ToString());
                case bool b: return JsonValue.Create(b);
                case int or long or short or byte or sbyte or ushort or uint or ulong:
                    return JsonValue.Create(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                case decimal m: return JsonValue.Create(m);
                case double or float: return JsonValue.Create(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
                case DateTime dt: return JsonValue.Create(FormatDate(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Local) : dt)));
                case DateTimeOffset dto: return JsonValue.Create(FormatDate(dto));
                case Enum e: return JsonValue.Create(e.ToString());
                case Guid g: return JsonValue.Create(g.ToString());
                case Uri u: return JsonValue.Create(u.ToString());
                case IDictionary dictionary:
                    var obj = new JsonObject();
                    foreach (DictionaryEntry entry in dictionary)
                        obj[System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = Convert(entry.Value, depth + 1);
                    return obj;
                case IEnumerable sequence:
                    var array = new JsonArray();
                    foreach (var item in sequence) array.Add(Convert(item, depth + 1));
                    return array;
                default:
                    return FromProperties(PSObject.AsPSObject(value), depth);
            }
        }

        private static JsonObject FromProperties(PSObject ps, int depth)
        {
            var obj = new JsonObject();
            var custom = ps.BaseObject is PSCustomObject;
            foreach (var property in ps.Properties)
            {
                // A PSCustomObject's data is its NoteProperties; type-level script/alias/code properties are views.
                if (custom && property.MemberType != PSMemberTypes.NoteProperty) continue;
                if (!property.IsGettable) continue;
                obj[property.Name] = Convert(property.Value, depth + 1);
            }
            return obj;
        }

        private static string FormatDate(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}

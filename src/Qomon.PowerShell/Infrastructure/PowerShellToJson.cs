using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qomon.Client.Model;
using Qomon.PowerShell.Output;

namespace Qomon.PowerShell.Infrastructure
{
    /// <summary>
    /// PowerShell values as JSON, by an explicit mapping rather than reflection: hashtables and dictionaries
    /// become objects (key order kept for ordered ones), PSCustomObjects become objects of their NoteProperties
    /// only (so type-level aliases such as Email or Answers on a Qomon.Contact are not sent twice),
    /// enumerables become arrays, dates become ISO 8601 UTC with milliseconds (a date of a Qomon.Contact left as
    /// read becomes the text Qomon sent), and a string that holds JSON is parsed only where the caller says so
    /// (<see cref="ParseBody"/>).
    /// </summary>
    public static class PowerShellToJson
    {
        private const int MaxDepth = 64;

        public static JsonNode? Convert(object? value) => Convert(value, 0, calendarDates: false);

        /// <summary>
        /// A Qomon.Contact as the caller left it. The dates a caller can write on a contact are days (birthdate), so
        /// a [datetime] assigned to one is read as Set-QomonContact -Property reads it (QomonDate.FromDateTime: its
        /// wall-clock date, not the local moment, which would be the day before east of Greenwich).
        /// </summary>
        public static JsonObject ConvertContact(PSObject contact) => (JsonObject)Convert(contact, 0, calendarDates: true)!;

        /// <summary>A request body: a JSON string is parsed; anything else is converted.</summary>
        public static JsonNode? ParseBody(object? body)
        {
            var value = body is PSObject ps ? ps.BaseObject : body;
            if (value is string text)
            {
                try { return JsonNode.Parse(text); }
                catch (JsonException e) { throw new ArgumentException("The body is a string but not valid JSON: " + e.Message, nameof(body), e); }
            }
            return Convert(body, 0, calendarDates: false);
        }

        private static JsonNode? Convert(object? value, int depth, bool calendarDates)
        {
            if (depth > MaxDepth) throw new ArgumentException($"The value is nested more than {MaxDepth} levels deep (a cycle?).");
            if (value is DateAsRead asRead) return JsonValue.Create(asRead.Text);
            if (value is PSObject ps)
            {
                if (ps.BaseObject is PSCustomObject) return FromProperties(ps, depth, calendarDates);
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
                case DateTime dt when calendarDates: return JsonValue.Create(QomonDate.FormatForWrite(QomonDate.FromDateTime(dt)));
                case DateTime dt: return JsonValue.Create(FormatDate(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Local) : dt)));
                case DateTimeOffset dto: return JsonValue.Create(FormatDate(dto));
                case Enum e: return JsonValue.Create(e.ToString());
                case Guid g: return JsonValue.Create(g.ToString());
                case Uri u: return JsonValue.Create(u.ToString());
                case IDictionary dictionary:
                    var obj = new JsonObject();
                    foreach (DictionaryEntry entry in dictionary)
                        obj[System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = Convert(entry.Value, depth + 1, calendarDates);
                    return obj;
                case IEnumerable sequence:
                    var array = new JsonArray();
                    foreach (var item in sequence) array.Add(Convert(item, depth + 1, calendarDates));
                    return array;
                default:
                    return FromProperties(PSObject.AsPSObject(value), depth, calendarDates);
            }
        }

        private static JsonObject FromProperties(PSObject ps, int depth, bool calendarDates)
        {
            var obj = new JsonObject();
            var custom = ps.BaseObject is PSCustomObject;
            foreach (var property in ps.Properties)
            {
                // A PSCustomObject's data is its NoteProperties; type-level script/alias/code properties are views.
                if (custom && property.MemberType != PSMemberTypes.NoteProperty) continue;
                if (!property.IsGettable) continue;
                obj[property.Name] = Convert(property.Value, depth + 1, calendarDates);
            }
            return obj;
        }

        private static string FormatDate(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}

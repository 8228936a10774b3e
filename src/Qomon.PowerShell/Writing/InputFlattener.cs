using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Internal;
using System.Security;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Turns what a caller pipes in (an Import-Csv row, a PSCustomObject, a hashtable) into the (name, value)
    /// entries that ContactChangesReader understands: nested objects become nested dictionaries, collections
    /// become arrays, numbers widen to long/double/decimal, dates stay dates. It reads each object through an
    /// explicit mapping rather than serialising it, so that nothing the caller did not name ends up in a write.
    /// A value that cannot be written (a process object, a secret, a cycle) is a problem for that record.
    /// </summary>
    internal static class InputFlattener
    {
        // Deep enough for address.{…} inside a contact inside a wrapper; shallow enough to stop cycles early.
        private const int MaxDepth = 8;

        internal static FlattenedInput Flatten(PSObject input)
        {
            var result = new FlattenedInput();
            // A bare number or string piped in (1,2,3 | Set-QomonContact -AddTag vip) names a contact by its id;
            // reading its members instead would offer "Length" as a field.
            if (IsScalar(input.BaseObject)) result.Entries.Add(new KeyValuePair<string, object?>("id", ConvertValue(input.BaseObject, "id", 1, result)));
            else ReadMembers(input, "", 0, result, result.Entries);
            return result;
        }

        internal static FlattenedInput Flatten(IDictionary properties)
        {
            var result = new FlattenedInput();
            ReadDictionary(properties, "", 0, result, result.Entries);
            return result;
        }

        private static void ReadMembers(PSObject input, string path, int depth, FlattenedInput result, IList<KeyValuePair<string, object?>> into)
        {
            if (input.BaseObject is IDictionary dictionary)
            {
                ReadDictionary(dictionary, path, depth, result, into);
                return;
            }

            foreach (PSPropertyInfo property in input.Properties)
            {
                // Note properties (Import-Csv, PSCustomObject, Select-Object) and a .NET object's own properties carry
                // data; alias, script and code properties are derived from those and would name a field twice.
                if (!(property is PSNoteProperty) && property.MemberType != PSMemberTypes.Property) continue;
                var name = property.Name;
                object? value;
                try { value = property.Value; }
                catch (Exception e) when (e is GetValueException || e is ExtendedTypeSystemException)
                {
                    result.AddProblem(Join(path, name), $"its value could not be read: {e.Message}");
                    continue;
                }
                into.Add(new KeyValuePair<string, object?>(name, ConvertValue(value, Join(path, name), depth + 1, result)));
            }
        }

        private static void ReadDictionary(IDictionary dictionary, string path, int depth, FlattenedInput result, IList<KeyValuePair<string, object?>> into)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = Unwrap(entry.Key);
                if (!(key is string name) || name.Length == 0)
                {
                    result.AddProblem(Join(path, Convert.ToString(key, CultureInfo.InvariantCulture) ?? "(null)"), "a field name must be a non-empty string");
                    continue;
                }
                into.Add(new KeyValuePair<string, object?>(name, ConvertValue(entry.Value, Join(path, name), depth + 1, result)));
            }
        }

        private static object? ConvertValue(object? value, string path, int depth, FlattenedInput result)
        {
            if (value is null || ReferenceEquals(value, AutomationNull.Value)) return null;
            if (depth > MaxDepth)
            {
                result.AddProblem(path, $"it is nested more than {MaxDepth} levels deep");
                return null;
            }

            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject) return ToDictionary(wrapped, path, depth, result);
                value = wrapped.BaseObject;
                if (value is null) return null;
            }

            switch (value)
            {
                case string text: return text;
                case char character: return character.ToString();
                case bool flag: return flag;
                case sbyte _:
                case byte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                    return Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case ulong big: return big <= long.MaxValue ? (object)(long)big : (decimal)big;
                case float single: return (double)single;
                case double number: return number;
                case decimal exact: return exact;
                case DateTime date: return date;
                case DateTimeOffset moment: return moment;
                case Enum choice: return choice.ToString();
                case SecureString _:
                    result.AddProblem(path, "a SecureString is never written to a contact");
                    return null;
                case IDictionary nested:
                    var entries = new List<KeyValuePair<string, object?>>();
                    ReadDictionary(nested, path, depth, result, entries);
                    return ToDictionary(entries, path, result);
                case IEnumerable items:
                    var list = new List<object?>();
                    foreach (var item in items) list.Add(ConvertValue(item, path, depth + 1, result));
                    return list.ToArray();
                default:
                    result.AddProblem(path, $"a value of type {value.GetType().FullName} cannot be written; give a string, number, date, boolean, array or hashtable");
                    return null;
            }
        }

        private static IDictionary<string, object?> ToDictionary(PSObject nested, string path, int depth, FlattenedInput result)
        {
            var entries = new List<KeyValuePair<string, object?>>();
            ReadMembers(nested, path, depth, result, entries);
            return ToDictionary(entries, path, result);
        }

        // Nested names compare case-insensitively, as PowerShell's own do; a name given twice is the caller's mistake.
        private static IDictionary<string, object?> ToDictionary(List<KeyValuePair<string, object?>> entries, string path, FlattenedInput result)
        {
            var dictionary = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                if (dictionary.ContainsKey(entry.Key)) result.AddProblem(Join(path, entry.Key), "it is given more than once");
                else dictionary[entry.Key] = entry.Value;
            }
            return dictionary;
        }

        private static bool IsScalar(object value) =>
            value is string || value is char || value is sbyte || value is byte || value is short || value is ushort
            || value is int || value is uint || value is long || value is ulong || value is decimal || value is double || value is float;

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
    }

    /// <summary>One input record as entries, plus whatever could not be turned into an entry.</summary>
    internal sealed class FlattenedInput
    {
        internal List<KeyValuePair<string, object?>> Entries { get; } = new List<KeyValuePair<string, object?>>();
        internal List<KeyValuePair<string, string>> Problems { get; } = new List<KeyValuePair<string, string>>();

        internal void AddProblem(string field, string message) => Problems.Add(new KeyValuePair<string, string>(field, message));
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qomon.Client.Journal
{
    /// <summary>Turns a JournalEntry into its one line of JSON and back (JOURNAL-FORMAT.md).</summary>
    internal static class JournalLine
    {
        private static readonly JsonSerializerOptions Compact = new JsonSerializerOptions
        {
            WriteIndented = false,
            // Names with accents stay readable in the file; the text is still valid JSON.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        internal static string Format(JournalEntry entry)
        {
            var line = new JsonObject
            {
                ["kind"] = entry.Kind,
                ["run"] = entry.Run,
            };
            if (entry.Seq.HasValue) line["seq"] = entry.Seq.Value;
            line["at"] = entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            switch (entry.Kind)
            {
                case JournalEntry.RunKind:
                    line["command"] = entry.Command;
                    line["endpoint"] = entry.Endpoint;
                    line["space"] = entry.Space;
                    line["module"] = entry.Module;
                    line["options"] = entry.Options?.DeepClone();
                    break;
                case JournalEntry.PendingKind:
                    line["op"] = entry.Op;
                    line["id"] = entry.Id;
                    line["method"] = entry.Method;
                    line["intent"] = entry.Intent;
                    line["before"] = entry.Before?.DeepClone();
                    line["fields"] = Fields(entry.Fields);
                    break;
                default:
                    line["id"] = entry.Id;
                    line["outcome"] = entry.Outcome;
                    line["error"] = entry.Error;
                    line["message"] = entry.Message;
                    line["newId"] = entry.NewId;
                    line["method"] = entry.Method;
                    // Settled without a request: the done line is the record's only line, so it says what was intended.
                    if (entry.Op != null) line["op"] = entry.Op;
                    if (entry.Intent != null) line["intent"] = entry.Intent;
                    if (entry.Before != null) line["before"] = entry.Before.DeepClone();
                    if (entry.Fields != null) line["fields"] = Fields(entry.Fields);
                    break;
            }
            return line.ToJsonString(Compact);
        }

        /// <summary>Reads one line; throws FormatException saying what is wrong.</summary>
        internal static JournalEntry Parse(string text, int lineNumber)
        {
            JsonNode? node;
            try { node = JsonNode.Parse(text); }
            catch (JsonException e) { throw new FormatException("not valid JSON (" + e.Message + ")", e); }
            if (!(node is JsonObject line)) throw new FormatException("not a JSON object");
            var kind = String(line, "kind");
            if (kind != JournalEntry.RunKind && kind != JournalEntry.PendingKind && kind != JournalEntry.DoneKind)
                throw new FormatException("kind '" + kind + "' is not run, pending or done");
            var run = String(line, "run");
            if (string.IsNullOrEmpty(run)) throw new FormatException("no run id");
            var at = String(line, "at");
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                throw new FormatException("'at' is not a time");
            var entry = new JournalEntry
            {
                Kind = kind!,
                Run = run!,
                At = when,
                Seq = (int?)Long(line, "seq"),
                Command = String(line, "command"),
                Endpoint = String(line, "endpoint"),
                Space = Long(line, "space"),
                Module = String(line, "module"),
                Options = line["options"] as JsonObject,
                Op = String(line, "op"),
                Id = Long(line, "id"),
                Method = String(line, "method"),
                Intent = String(line, "intent"),
                Before = line["before"] as JsonObject,
                Fields = ReadFields(line["fields"]),
                Outcome = String(line, "outcome"),
                Error = String(line, "error"),
                Message = String(line, "message"),
                NewId = Long(line, "newId"),
                LineNumber = lineNumber,
            };
            if (kind != JournalEntry.RunKind && !entry.Seq.HasValue) throw new FormatException("no seq");
            if (kind == JournalEntry.DoneKind && entry.Outcome == null) throw new FormatException("no outcome");
            // Detached from the parsed line, so callers may keep or change them freely.
            entry.Options = (JsonObject?)entry.Options?.DeepClone();
            entry.Before = (JsonObject?)entry.Before?.DeepClone();
            return entry;
        }

        private static JsonArray? Fields(IReadOnlyList<JournalField>? fields)
        {
            if (fields == null) return null;
            var array = new JsonArray();
            foreach (var field in fields)
                array.Add(new JsonObject { ["path"] = field.Path, ["old"] = field.Old?.DeepClone(), ["new"] = field.New?.DeepClone() });
            return array;
        }

        private static IReadOnlyList<JournalField>? ReadFields(JsonNode? node)
        {
            if (node == null) return null;
            if (!(node is JsonArray array)) throw new FormatException("'fields' is not an array");
            var fields = new List<JournalField>(array.Count);
            foreach (var item in array)
            {
                if (!(item is JsonObject field) || String(field, "path") is not string path) throw new FormatException("a field without a path");
                fields.Add(new JournalField(path, field["old"]?.DeepClone(), field["new"]?.DeepClone()));
            }
            return fields;
        }

        private static string? String(JsonObject line, string key)
        {
            var value = line[key];
            if (value == null) return null;
            if (value is JsonValue v && v.TryGetValue<string>(out var text)) return text;
            throw new FormatException("'" + key + "' is not a string");
        }

        private static long? Long(JsonObject line, string key)
        {
            var value = line[key];
            if (value == null) return null;
            if (value is JsonValue v && v.TryGetValue<long>(out var number)) return number;
            if (value is JsonValue d && d.TryGetValue<double>(out var real) && real == Math.Floor(real)) return (long)real;
            throw new FormatException("'" + key + "' is not a whole number");
        }
    }
}

using System.Text.Json;
using Qomon.Emulator.Problems;
using Qomon.Emulator.Settings;

namespace Qomon.Emulator.Control
{
    /// <summary>Settings as the control plane reads and shows them: the CLI names in camelCase.</summary>
    public static class SettingsJson
    {
        public static void Write(Utf8JsonWriter w, EmulatorSettings settings)
        {
            w.WriteStartObject();
            // API keys are left out: they are secrets, even in an emulator.
            foreach (var d in SettingDefinitions.All.Where(d => !d.IsRepeatable))
            {
                w.WritePropertyName(d.ConfigName);
                JsonSerializer.Serialize(w, d.Read(settings));
            }
            w.WriteEndObject();
        }

        /// <summary>
        /// Turns {"faultRate":0.5,…} into a change of settings, reusing the CLI parsers so both accept the same
        /// values. Unknown names, start-only names (urls, apiKey) and bad values are a 400 listing each.
        /// </summary>
        public static Func<EmulatorSettings, EmulatorSettings> ReadChange(JsonElement body)
        {
            if (body.ValueKind != JsonValueKind.Object) throw ProblemException.BadRequest("The body must be a JSON object of settings.");
            var errors = new List<FieldError>();
            var changes = new List<(SettingDefinition Definition, string Value)>();
            foreach (var p in body.EnumerateObject())
            {
                var definition = SettingDefinitions.All.FirstOrDefault(d => d.ConfigName == p.Name);
                if (definition is null || !definition.IsRuntime)
                {
                    errors.Add(new FieldError(p.Name, definition is null ? "is not a setting" : "can only be set at start", p.Value.Clone()));
                    continue;
                }
                var text = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString()!,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Number => p.Value.GetRawText(),
                    _ => null,
                };
                try
                {
                    if (text is null) throw new FormatException("must be a string, number or boolean");
                    definition.Apply(new EmulatorSettings(), text);
                    changes.Add((definition, text));
                }
                catch (FormatException e)
                {
                    errors.Add(new FieldError(p.Name, e.Message, p.Value.Clone()));
                }
            }
            if (errors.Count > 0) throw new ProblemException(400, "Bad Request", "The settings are not valid.", errors);
            return settings => changes.Aggregate(settings, (s, c) => c.Definition.Apply(s, c.Value));
        }
    }
}

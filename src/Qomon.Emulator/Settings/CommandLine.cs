using System.Text;

namespace Qomon.Emulator.Settings
{
    /// <summary>The outcome of reading the command line: settings to run with, or help to print, or an error.</summary>
    public sealed record CommandLineResult(EmulatorSettings? Settings, bool ShowHelp, string? Error);

    /// <summary>Parses "--name value", "--name=value" and bare flags, against the setting table.</summary>
    public static class CommandLine
    {
        public static CommandLineResult Parse(IReadOnlyList<string> args)
        {
            var settings = new EmulatorSettings();
            var keysGiven = false;
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (arg is "--help" or "-h" or "-?" or "/?")
                    return new CommandLineResult(null, true, null);
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                    return Fail($"Unexpected argument '{arg}'.");

                var name = arg[2..];
                string? value = null;
                var equals = name.IndexOf('=');
                if (equals >= 0)
                {
                    value = name[(equals + 1)..];
                    name = name[..equals];
                }

                var definition = SettingDefinitions.Find(name);
                if (definition is null || definition.Name != name)
                    return Fail($"Unknown option '--{name}'. Run with --help to list the settings.");

                if (value is null)
                {
                    var next = i + 1 < args.Count ? args[i + 1] : null;
                    if (definition.IsFlag)
                    {
                        // A flag takes an explicit true/false when one follows, and means true on its own.
                        if (next is not null && IsBoolWord(next)) { value = next; i++; }
                        else value = "true";
                    }
                    else if (next is null || next.StartsWith("--", StringComparison.Ordinal))
                        return Fail($"Option '--{name}' needs a value ({definition.ValueHint}).");
                    else { value = next; i++; }
                }

                if (definition.IsRepeatable && !keysGiven)
                {
                    // The first --api-key replaces the built-in default key instead of adding to it.
                    settings = settings with { ApiKeys = [] };
                    keysGiven = true;
                }

                try { settings = definition.Apply(settings, value); }
                catch (FormatException e) { return Fail($"Option '--{name}': {e.Message}"); }
            }
            return new CommandLineResult(settings, false, null);
        }

        private static bool IsBoolWord(string s) => s.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "1" or "0";

        private static CommandLineResult Fail(string message) => new(null, false, message);

        public static string HelpText()
        {
            var defaults = new EmulatorSettings();
            var text = new StringBuilder();
            text.AppendLine("Qomon API emulator: a local stand-in for https://incoming.qomon.app.");
            text.AppendLine();
            text.AppendLine("Usage: Qomon.Emulator [--name value | --name=value]...");
            text.AppendLine("Prints QOMON_EMULATOR_URL=<address> once it listens. Every setting but urls and api-key can also be");
            text.AppendLine("changed at run time with POST /_emulator/config {\"camelCaseName\": value}.");
            text.AppendLine();
            text.AppendLine("Settings:");
            foreach (var d in SettingDefinitions.All)
            {
                var current = d.Read(defaults);
                var shown = current is IEnumerable<string> list ? string.Join(",", list) : Convert.ToString(current, System.Globalization.CultureInfo.InvariantCulture)?.ToLowerInvariant();
                text.AppendLine($"  --{d.Name} {d.ValueHint}");
                text.AppendLine($"      {d.Description} (default: {shown})");
            }
            text.AppendLine("  --help");
            text.AppendLine("      Show this list and exit.");
            return text.ToString();
        }
    }
}

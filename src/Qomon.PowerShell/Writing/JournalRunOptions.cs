using System;
using System.Collections;
using System.Management.Automation;
using System.Text.Json.Nodes;

namespace Qomon.PowerShell.Writing
{
    /// <summary>The run line's options: the named parameters of the command as they stand (switches as true/false, enums by name).</summary>
    internal static class JournalRunOptions
    {
        internal static JsonObject Of(PSCmdlet cmdlet, string[] names)
        {
            var options = new JsonObject();
            foreach (var name in names)
            {
                var property = cmdlet.GetType().GetProperty(name) ?? throw new InvalidOperationException(cmdlet.GetType().Name + " has no parameter " + name);
                options[name] = ToJson(property.GetValue(cmdlet));
            }
            return options;
        }

        private static JsonNode? ToJson(object? value)
        {
            switch (value)
            {
                case null: return null;
                case SwitchParameter s: return s.IsPresent;
                case bool b: return b;
                case int i: return i;
                case Enum e: return e.ToString();
                case string text: return text;
                case IEnumerable list:
                    var array = new JsonArray();
                    foreach (var item in list) array.Add(ToJson(item));
                    return array;
                default: return value.ToString();
            }
        }
    }
}

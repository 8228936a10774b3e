using System;

namespace Qomon.PowerShell.Completion
{
    /// <summary>Whether pwsh / powershell.exe was started with -NonInteractive (or an abbreviation such as -noni).</summary>
    public static class NonInteractiveProcess
    {
        private static readonly Lazy<bool> Answer = new Lazy<bool>(() => Check(Environment.GetCommandLineArgs()));

        public static bool IsNonInteractive() => Answer.Value;

        /// <summary>Reads the host's switches up to the script (-Command, -File...), whose own words are not the host's.</summary>
        public static bool Check(string[] arguments)
        {
            for (var i = 1; i < arguments.Length; i++)
            {
                var argument = arguments[i];
                if (argument.Length < 2 || (argument[0] != '-' && argument[0] != '/')) continue;
                var name = argument.Substring(1).TrimStart('-');
                if (IsScriptSwitch(name)) return false;
                if (name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        private static bool IsScriptSwitch(string name)
        {
            foreach (var known in new[] { "c", "command", "f", "file", "e", "ec", "encodedcommand", "cwa", "commandwithargs" })
                if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
}

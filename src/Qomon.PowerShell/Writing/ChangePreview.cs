using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Qomon.Client.Changes;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// ShouldProcess for one record, in PowerShell's own words ("Performing the operation ... on target ...")
    /// followed by the field-level difference, one line per field: -WhatIf prints it after "What if:", -Confirm
    /// shows it in the question, -Verbose logs it when the write goes ahead.
    /// </summary>
    internal static class ChangePreview
    {
        internal const string Caption = "Confirm";

        /// <summary>True to go ahead; false for -WhatIf or a "No".</summary>
        internal static bool ShouldProcess(Cmdlet cmdlet, string action, string target, IEnumerable<FieldChange>? differences)
        {
            var text = Describe(action, target, differences);
            return cmdlet.ShouldProcess(text, "Are you sure you want to perform this action?" + Environment.NewLine + text, Caption);
        }

        internal static string Describe(string action, string target, IEnumerable<FieldChange>? differences)
        {
            var text = "Performing the operation \"" + action + "\" on target \"" + target + "\".";
            if (differences == null) return text;
            foreach (var difference in differences) text += Environment.NewLine + "    " + difference;
            return text;
        }

        /// <summary>"firstname, address.city, tags": each changed field once, in the order of the differences.</summary>
        internal static string FieldNames(IEnumerable<FieldChange> differences) =>
            string.Join(", ", differences.Select(d => d.Path).Distinct(StringComparer.OrdinalIgnoreCase));
    }
}

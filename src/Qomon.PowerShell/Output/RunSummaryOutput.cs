using System.Management.Automation;
using Qomon.PowerShell.Writing;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// The summary of a write command's run as scripts receive it: the MessageData of the information record tagged
    /// Qomon.Summary, named Qomon.RunSummary for its table view in Qomon.Format.ps1xml.
    /// </summary>
    public static class RunSummaryOutput
    {
        public const string TypeName = "Qomon.RunSummary";

        /// <summary>The tag of the information record, for -InformationVariable and Where-Object Tags -Contains.</summary>
        public const string Tag = "Qomon.Summary";

        public static PSObject Create(WriteRunSummary summary)
        {
            var result = PSObject.AsPSObject(summary);
            if (!result.TypeNames.Contains(TypeName)) result.TypeNames.Insert(0, TypeName);
            return result;
        }
    }
}

using System.Management.Automation;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Output
{
    /// <summary>A form as commands write it: the QomonForm itself (Id, Label, Type, Kind, RefValues) named Qomon.Form.</summary>
    public static class FormOutput
    {
        public const string TypeName = "Qomon.Form";

        public static PSObject Create(QomonForm form)
        {
            var result = new PSObject(form);
            result.TypeNames.Insert(0, TypeName);
            return result;
        }
    }
}

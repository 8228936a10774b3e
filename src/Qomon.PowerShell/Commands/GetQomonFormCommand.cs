using System.Management.Automation;
using Qomon.Client;
using Qomon.Client.Model;
using Qomon.PowerShell.Connections;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Get-QomonForm: the space's forms (consents, levels of support, survey questions, custom fields...) with
    /// their values. Read once per connection and cached, since they change only in Qomon's settings screen;
    /// -Refresh reads them again.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QomonForm", DefaultParameterSetName = TypeSet, HelpUri = HelpLinks.Commands + "Get-QomonForm.md")]
    [OutputType(typeof(QomonForm))]
    public sealed class GetQomonFormCommand : QomonCmdlet
    {
        private const string TypeSet = "Type";
        private const string IdSet = "Id";

        /// <summary>Which kinds of form; default: every kind.</summary>
        [Parameter(Position = 0, ParameterSetName = TypeSet)]
        [ValidateSet("consent", "level_of_support", "presence_status", "survey", "custom_fields", "tasks")]
        public string[]? Type { get; set; }

        /// <summary>One or more form ids (a formdata's form_id).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FormId")]
        [ValidateRange(1, long.MaxValue)]
        public long[] Id { get; set; } = new long[0];

        /// <summary>Read from Qomon again instead of the connection's cache.</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        private FormCache Cache => FormCache.For(QomonConnection);

        protected override void Process()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) WriteById(id);
                return;
            }
            foreach (var kind in Type ?? FormCache.Kinds)
            {
                try
                {
                    var forms = Pipeline.Run(ct => Cache.GetKindAsync(Client, kind, Refresh, ct));
                    foreach (var form in forms) WriteObject(FormOutput.Create(form));
                }
                catch (QomonApiException e)
                {
                    WriteApiError(e, kind, ErrorIds.FormNotFound);
                }
            }
        }

        private void WriteById(long id)
        {
            try
            {
                WriteObject(FormOutput.Create(Pipeline.Run(ct => Cache.GetByIdAsync(Client, id, Refresh, ct))));
            }
            catch (QomonApiException e)
            {
                WriteApiError(e, id, ErrorIds.FormNotFound);
            }
        }
    }
}

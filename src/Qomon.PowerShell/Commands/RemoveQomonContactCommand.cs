using System.Management.Automation;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Writing;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Remove-QomonContact: deletes contacts by id, from the command line or the pipeline (numbers, or objects
    /// with an Id or ContactId property such as Get-QomonContact's output). ConfirmImpact is High: PowerShell
    /// asks for each contact unless -Confirm:$false. A missing contact is an ObjectNotFound error for its id.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "QomonContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Commands + "Remove-QomonContact.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveQomonContactCommand : QomonWriteCommand
    {
        private int _position;

        /// <summary>The contacts to delete.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ContactId")]
        public long[] Id { get; set; } = new long[0];

        protected override void Begin() => StartRun(new RemoveOperation(this, Client), passThru: false);

        protected override void Process()
        {
            foreach (var id in Id)
            {
                var record = new WriteRecord(++_position, id) { Id = id };
                if (id <= 0) record.Fail(WriteErrors.InvalidInput(record, "Id", "a contact id is a positive whole number", ErrorIds.InvalidId));
                Submit(record);
            }
        }
    }
}

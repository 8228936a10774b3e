using System.Collections;
using System.Management.Automation;
using Qomon.Client.Journal;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;
using Qomon.PowerShell.Writing;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// New-QomonContact: creates contacts from the pipeline (Import-Csv rows, PSCustomObjects, hashtables) or from
    /// -Property, with the same field, label and CSV rules as Set-QomonContact; a record must not carry an id.
    /// Writes each created contact, with the id Qomon gave it.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "QomonContact", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Commands + "New-QomonContact.md")]
    [OutputType(ContactOutput.TypeName)]
    public sealed class NewQomonContactCommand : QomonWriteCommand
    {
        private const string InputObjectSet = "InputObject";
        private const string PropertySet = "Property";

        private RecordReader? _reader;

        /// <summary>The new contact's fields: an Import-Csv row, a PSCustomObject or a hashtable.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject? InputObject { get; set; }

        /// <summary>The new contact's fields: @{ firstname = 'Ann'; surname = 'Martin'; 'address.city' = 'Lyon'; 'form:Level of support' = 'Support' }.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PropertySet)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.PropertyNameCompleter))]
        public IDictionary? Property { get; set; }

        /// <summary>Tags for the new contact, besides any the input names.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AddTag { get; set; }

        private protected override string JournalOp => JournalIntent.Create;

        private protected override string[] JournalOptionNames => new[] { nameof(AddTag), nameof(BatchSize), nameof(ThrottleLimit) };

        protected override void Begin()
        {
            _reader = new RecordReader(Forms, RecordShape.Create, clearEmpty: false, AddTag, null);
            StartRun(new CreateOperation(this, Client), passThru: true);
        }

        protected override void Process()
        {
            if (ParameterSetName == PropertySet) Submit(_reader!.FromInput(new PSObject(Property)));
            else foreach (var record in _reader!.FromInputs(InputObject!)) Submit(record);
        }
    }
}

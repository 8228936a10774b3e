using System;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client.Journal;
using Qomon.Client.Json;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;
using Qomon.PowerShell.Writing;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Remove-QomonContact: deletes contacts by id, from the command line or the pipeline (numbers, objects with an
    /// Id or ContactId property, or Get-QomonContact's output, which also gives the confirmation the person's name).
    /// ConfirmImpact is High: PowerShell asks for each contact unless -Force or -Confirm:$false. A missing contact
    /// is an ObjectNotFound error for its id.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "QomonContact", DefaultParameterSetName = ContactSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Commands + "Remove-QomonContact.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveQomonContactCommand : QomonWriteCommand
    {
        private const string IdSet = "Id";
        // The default, so that the binder tries it first for piped input: a Qomon.Contact binds whole (with its
        // name for the question), anything else falls through to -Id by value or by property name.
        private const string ContactSet = "Contact";
        private int _position;

        /// <summary>The contacts to delete.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("ContactId")]
        public long[] Id { get; set; } = new long[0];

        /// <summary>A Qomon.Contact from Get-QomonContact: it names the person in the confirmation without another read.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ContactSet)]
        [PSTypeName(ContactOutput.TypeName)]
        public PSObject? InputObject { get; set; }

        /// <summary>Delete without asking (as -Confirm:$false); an explicit -Confirm still asks, and -WhatIf still only shows.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override string JournalOp => JournalIntent.Remove;

        private protected override string[] JournalOptionNames => new[] { nameof(Force), nameof(BatchSize), nameof(ThrottleLimit) };

        protected override void Begin()
        {
            var settings = ConfirmSettings.Read(this, ConfirmImpact.High, Force, SwitchOrPreference("WhatIf", "WhatIfPreference"));
            StartRun(new RemoveOperation(this, Client, settings), passThru: false);
        }

        protected override void Process()
        {
            if (ParameterSetName == ContactSet) Submit(FromContact(InputObject!));
            else foreach (var id in Id) Submit(NewRecord(id, null));
        }

        private WriteRecord FromContact(PSObject contact)
        {
            if (ContactSnapshots.TryGetOriginal(contact, out var asRead) && JsonRead.TryGetLong(asRead["id"], out var id)) return NewRecord(id, asRead);
            // A contact that crossed a runspace or a file (Import-Clixml) keeps its properties but not the snapshot.
            var property = contact.Properties["id"]?.Value;
            return NewRecord(LanguagePrimitives.TryConvertTo(property, out long fromProperty) ? fromProperty : 0, null);
        }

        private WriteRecord NewRecord(long id, JsonObject? asRead)
        {
            var record = new WriteRecord(++_position, id) { Id = id, AsRead = asRead };
            if (id <= 0) record.Fail(WriteErrors.InvalidInput(record, "Id", "a contact id is a positive whole number", ErrorIds.InvalidId));
            return record;
        }
    }
}

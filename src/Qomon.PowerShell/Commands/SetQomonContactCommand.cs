using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using Qomon.Client.Journal;
using Qomon.Client.Upsert;
using Qomon.Client.Writing;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;
using Qomon.PowerShell.Writing;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Set-QomonContact: changes contacts without losing anything. By default each record is merged into the
    /// contact as the server holds it (one read; a write only when something changes), so the fields it does not
    /// name stay exactly as they are. -Replace sends the record as the complete contact (the API's own PATCH
    /// semantics) after a confirmation that names the fields it clears. Input comes in batches from the pipeline
    /// (Get-QomonContact output edited in place, Import-Csv rows, hashtables) or as -Id with -Property.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "QomonContact", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Commands + "Set-QomonContact.md")]
    [OutputType(ContactOutput.TypeName)]
    public sealed class SetQomonContactCommand : QomonWriteCommand
    {
        private const string InputObjectSet = "InputObject";
        private const string IdSet = "Id";

        private RecordReader? _reader;

        /// <summary>A Qomon.Contact from Get-QomonContact (changed in place), an Import-Csv row, a PSCustomObject or a hashtable; it names the contact by Id, id or ContactId.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject? InputObject { get; set; }

        /// <summary>The contacts to change (each one record, as Get- and Remove-QomonContact take them); from the pipeline by property name (Id, ContactId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("ContactId")]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>The fields to change: @{ mobile = '+33 6 12 34 56 78'; 'address.city' = 'Lyon'; 'form:Level of support' = 'Support' }. $null clears a field.</summary>
        [Parameter(Position = 1, ParameterSetName = IdSet)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.PropertyNameCompleter))]
        public IDictionary? Property { get; set; }

        /// <summary>Tags to add; the contact's other tags stay.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AddTag { get; set; }

        /// <summary>Tags to remove (compared ignoring case); the contact's other tags stay.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveTag { get; set; }

        /// <summary>Send each record as the complete contact: every field it leaves out is cleared. Asks first unless -Force or -Confirm:$false.</summary>
        [Parameter]
        public SwitchParameter Replace { get; set; }

        /// <summary>Write even when the server changed the same field since the input was read (conflict), and -Replace without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>An empty value (a blank CSV cell) clears the field instead of leaving it unchanged.</summary>
        [Parameter]
        public SwitchParameter ClearEmpty { get; set; }

        /// <summary>
        /// How changes reach Qomon: Auto (default: upsert while it costs fewer tokens per record than PATCH), Patch (read,
        /// merge, PATCH; 6 tokens a record), or Upsert (only the changed fields by POST /contacts/upsert, reported updated
        /// once a read shows them applied; PATCH for a change upsert cannot say, or an upsert not applied in time).
        /// -Replace always goes by PATCH.
        /// </summary>
        [Parameter]
        public WriteMethod WriteMethod { get; set; } = WriteMethod.Auto;

        /// <summary>Write each contact as stored after the command (unchanged ones as read).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>
        /// With -Journal: go on from where an earlier run on the same journal stopped. A record whose change the journal
        /// shows done is skipped without a request; one whose write was sent without an outcome is read, counted done if
        /// the contact holds its values, written again otherwise. A journal of another endpoint or space is refused.
        /// </summary>
        [Parameter]
        public SwitchParameter Resume { get; set; }

        private protected override string JournalOp => JournalIntent.Update;

        private protected override string[] JournalOptionNames => new[]
        {
            nameof(WriteMethod), nameof(Replace), nameof(Force), nameof(ClearEmpty), nameof(AddTag), nameof(RemoveTag), nameof(Resume), nameof(BatchSize), nameof(ThrottleLimit),
        };

        protected override void Begin()
        {
            CheckParameters();
            var shape = Replace ? RecordShape.Replace : RecordShape.Merge;
            _reader = new RecordReader(Forms, shape, ClearEmpty, AddTag, RemoveTag);
            var writer = new ContactWriter(QomonConnection, Forms);
            var method = MethodForRun();
            WriteOperation operation = Replace ? new ReplaceOperation(this, Client, writer, Forms, ReplaceConsent())
                : method == WriteMethod.Patch ? Merge(writer)
                : method == WriteMethod.Auto ? new AutoOperation(this, Merge(writer), Upsert(writer, method))
                : Upsert(writer, method);
            if (Replace && WriteMethod != WriteMethod.Patch) WriteVerbose("-WriteMethod " + WriteMethod + " does not apply: " + UpsertPlanner.ReplaceReason + ", which only PATCH can do.");
            StartRun(operation, PassThru, Resume ? () => ResumeFromJournal.Read(this, JournalPath!, QomonConnection, Pipeline) : (Func<JournalResume>?)null);
        }

        private MergeOperation Merge(ContactWriter writer) => new MergeOperation(this, writer, Force, _reader!.SkippedEmpty, Forms);

        private UpsertOperation Upsert(ContactWriter writer, WriteMethod method) =>
            new UpsertOperation(this, QomonConnection, writer, method, ConfirmSettings.Read(this, ConfirmImpact.Medium, Force, WhatIfGiven()), Force, _reader!.SkippedEmpty, Forms, ThrottleLimit);

        // -ErrorAction Stop writes one record at a time (nothing may be written after the error that stops the run), and
        // an upsert takes seconds to show as applied: one at a time, it would be slower than PATCH, so Auto takes PATCH.
        private WriteMethod MethodForRun()
        {
            if (WriteMethod != WriteMethod.Auto || Replace || !StopsAtFirstError()) return WriteMethod;
            WriteVerbose("-WriteMethod Auto writes by PATCH under -ErrorAction Stop: records are then written one at a time, and an upsert waits seconds for Qomon to apply it.");
            return WriteMethod.Patch;
        }

        protected override void Process()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) Submit(_reader!.FromId(id, Property));
            }
            else
            {
                if (_reader!.MissingIdColumn(InputObject!) is string missing) ThrowInvalidArgument(missing, InputObject, ErrorIds.MissingId);
                foreach (var record in _reader.FromInputs(InputObject!)) Submit(record);
            }
        }

        protected override void End()
        {
            base.End();
            var skipped = _reader?.SkippedEmpty.Message();
            if (skipped != null) WriteWarning(skipped);
        }

        private void CheckParameters()
        {
            var both = (AddTag ?? Array.Empty<string>()).Intersect(RemoveTag ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase).ToList();
            if (both.Count > 0)
                ThrowInvalidArgument("-AddTag and -RemoveTag both name " + string.Join(", ", both) + "; give each tag to one of them.", both, ErrorIds.ConflictingParameters);
            if (Resume && Journal == null)
                ThrowInvalidArgument("-Resume goes on from a journal: give -Journal with the path of the earlier run's journal.", null, ErrorIds.ConflictingParameters);
            if (ParameterSetName != IdSet) return;
            if (Replace && Property == null)
                ThrowInvalidArgument("-Replace with -Id needs -Property with the complete contact: every field it leaves out is cleared.", null, ErrorIds.ConflictingParameters);
            if (Property == null && AddTag == null && RemoveTag == null)
                ThrowInvalidArgument("Nothing to change: give -Property, -AddTag or -RemoveTag with -Id.", null, ErrorIds.NothingToChange);
        }

        private ReplaceConsent ReplaceConsent() => new ReplaceConsent(ConfirmSettings.Read(this, ConfirmImpact.Medium, Force, WhatIfGiven()));

        private bool WhatIfGiven() => SwitchOrPreference("WhatIf", "WhatIfPreference");
    }
}

using System.Management.Automation;
using Qomon.Client.Journal;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;
using Qomon.PowerShell.Writing;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Get-QomonJournal: reads a run journal written by -Journal, one object per record (its pending and done lines
    /// together), or with -Summary the counts by outcome. Needs no connection and sends nothing; a damaged line is
    /// named in a warning and the rest is read.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QomonJournal", DefaultParameterSetName = RecordsSet, HelpUri = HelpLinks.Commands + "Get-QomonJournal.md")]
    [OutputType(JournalEntryOutput.TypeName, ParameterSetName = new[] { RecordsSet })]
    [OutputType(JournalSummaryOutput.TypeName, ParameterSetName = new[] { SummarySet })]
    public sealed class GetQomonJournalCommand : QomonCommandBase
    {
        private const string RecordsSet = "Records";
        private const string SummarySet = "Summary";

        /// <summary>The journal file (the path given to -Journal); from the pipeline by property name (FullName, as Get-ChildItem gives it).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>One Qomon.JournalSummary per journal instead of its records: counts by outcome, runs, fields changed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
        public SwitchParameter Summary { get; set; }

        protected override void Process()
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path);
            if (!System.IO.File.Exists(path))
            {
                var message = "The journal " + path + " does not exist.";
                WriteError(new ErrorRecord(new System.IO.FileNotFoundException(message, path), ErrorIds.JournalUnreadable, ErrorCategory.ObjectNotFound, Path)
                {
                    ErrorDetails = new ErrorDetails(message),
                });
                return;
            }
            var contents = JournalFile.Read(this, path);
            var records = JournalRecord.Of(contents);
            if (Summary) WriteObject(JournalSummaryOutput.Create(contents, records));
            else foreach (var record in records) WriteObject(JournalEntryOutput.Create(record));
        }
    }
}

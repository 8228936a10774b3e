using System;
using System.IO;
using System.Management.Automation;
using Qomon.Client;
using Qomon.Client.Journal;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Set-QomonContact -Resume: reads the journal before the run (damaged lines named in a warning), refuses one of
    /// another endpoint or space, and says what the run will skip. A journal that does not exist yet is a first run.
    /// </summary>
    internal static class ResumeFromJournal
    {
        internal static JournalResume Read(PSCmdlet cmdlet, string path, QomonConnection connection, PipelineThread pipeline)
        {
            if (!File.Exists(path))
            {
                cmdlet.WriteVerbose("-Resume: the journal " + path + " does not exist yet; this is the first run.");
                return JournalResume.Empty;
            }
            var contents = JournalFile.Read(cmdlet, path);
            var whyNot = pipeline.Run(ct => JournalOrigin.WhyNotThisSpaceAsync(connection, contents, ct));
            if (whyNot != null)
            {
                var message = "Cannot resume from the journal " + path + ": " + whyNot + ". Nothing was sent.";
                cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.JournalOtherSpace, ErrorCategory.InvalidOperation, path)
                {
                    ErrorDetails = new ErrorDetails(message)
                    {
                        RecommendedAction = "Connect to the space the journal was written in (Connect-Qomon), or give this run a journal of its own.",
                    },
                });
            }
            var resume = JournalResume.Of(contents);
            cmdlet.WriteVerbose("-Resume: the journal " + path + " shows " + resume.CompleteCount + " changes done; input records with those changes are skipped.");
            return resume;
        }
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using System.Management.Automation;
using Qomon.Client;
using Qomon.Client.Journal;
using Qomon.Client.Upsert;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Set-QomonContact -Resume: reads the journal before the run (damaged lines named in a warning), refuses one of
    /// another endpoint or space, and says what the run will skip. A journal that does not exist yet is a first run.
    /// </summary>
    internal static class ResumeFromJournal
    {
        private const int ResumeWaitActivityId = 0x514E; // next to the write run's own progress id

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
            WaitForUpsertsInFlight(cmdlet, resume, connection, pipeline);
            return resume;
        }

        // A run stopped seconds ago may have left upserts Qomon accepted and has not applied yet: reading their contacts
        // now would find the old values and write them again. Waiting out the bound once, before the first read, is
        // cheaper than a per-record verification, and only a resume right after the stop waits at all.
        private static void WaitForUpsertsInFlight(PSCmdlet cmdlet, JournalResume resume, QomonConnection connection, PipelineThread pipeline)
        {
            if (!(resume.UpsertsSettledBy is DateTimeOffset settledBy)) return;
            var time = connection.Settings.TimeProvider;
            var wait = settledBy - time.GetUtcNow();
            if (wait <= TimeSpan.Zero) return;
            cmdlet.WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                "-Resume: the journal shows {0} upserts sent by the stopped run without an outcome, the last at {1:u}; waiting {2:0.#} s, until Qomon has applied any it accepted, before reading their contacts.",
                resume.UpsertsSentWithoutOutcome, settledBy - UpsertWaitPolicy.Default.GiveUpAfter, wait.TotalSeconds));
            var progress = new ProgressRecord(ResumeWaitActivityId, "Set-QomonContact -Resume",
                string.Format(CultureInfo.InvariantCulture, "Waiting {0:0} s for the stopped run's upserts to be applied", wait.TotalSeconds));
            cmdlet.WriteProgress(progress);
            pipeline.Run(ct => time.Delay(wait, ct));
            progress.RecordType = ProgressRecordType.Completed;
            cmdlet.WriteProgress(progress);
        }
    }
}

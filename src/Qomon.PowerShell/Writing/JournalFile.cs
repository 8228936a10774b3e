using System;
using System.IO;
using System.Management.Automation;
using Qomon.Client.Journal;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Writing
{
    /// <summary>Reads a journal for a command: a damaged line becomes a warning naming it; a file that cannot be read, a terminating error.</summary>
    internal static class JournalFile
    {
        internal static JournalContents Read(PSCmdlet cmdlet, string path)
        {
            JournalContents contents;
            try { contents = JournalReader.Read(path); }
            catch (Exception e) when (IsFileProblem(e))
            {
                var message = "Cannot read the journal " + path + ": " + e.Message;
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, ErrorIds.JournalUnreadable, ErrorCategory.ReadError, path) { ErrorDetails = new ErrorDetails(message) });
                throw;
            }
            foreach (var problem in contents.Problems) cmdlet.WriteWarning(problem.Message);
            return contents;
        }

        /// <summary>A failure of the file itself (a missing folder, no access, a bad path), to report as such rather than as a defect.</summary>
        internal static bool IsFileProblem(Exception e) =>
            e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException;
    }
}

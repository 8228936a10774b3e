namespace Qomon.Client.Journal
{
    /// <summary>A line of a journal that is not an entry: its number and what is wrong with it.</summary>
    public sealed class JournalProblem
    {
        internal JournalProblem(string path, int lineNumber, string reason)
        {
            LineNumber = lineNumber;
            Reason = reason;
            Message = "The journal " + path + ", line " + lineNumber + ": " + reason + "; the line is left out and the rest of the journal is used.";
        }

        public int LineNumber { get; }
        public string Reason { get; }
        public string Message { get; }

        public override string ToString() => Message;
    }
}

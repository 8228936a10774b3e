using System.Collections.Generic;

namespace Qomon.Client.Journal
{
    /// <summary>What a journal holds: its entries in file order, and the lines that could not be read.</summary>
    public sealed class JournalContents
    {
        internal JournalContents(string path, IReadOnlyList<JournalEntry> entries, IReadOnlyList<JournalProblem> problems)
        {
            Path = path;
            Entries = entries;
            Problems = problems;
        }

        public string Path { get; }
        public IReadOnlyList<JournalEntry> Entries { get; }
        public IReadOnlyList<JournalProblem> Problems { get; }
    }
}

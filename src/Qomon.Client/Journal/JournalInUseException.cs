using System;
using System.IO;

namespace Qomon.Client.Journal
{
    /// <summary>Another run holds the journal's lock: two runs appending to one journal at once would interleave their records.</summary>
    public sealed class JournalInUseException : IOException
    {
        public JournalInUseException(string path, Exception inner)
            : base("The journal " + path + " is in use by another run (its lock file " + path + JournalWriter.LockSuffix +
                " is held). Wait for that run to end, or give this run a journal of its own.", inner)
        {
            JournalPath = path;
        }

        public string JournalPath { get; }
    }
}

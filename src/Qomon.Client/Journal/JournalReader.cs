using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Qomon.Client.Journal
{
    /// <summary>Reads a journal, tolerantly: a damaged line (or the last line cut short by a killed process) is named and left out.</summary>
    public static class JournalReader
    {
        public static JournalContents Read(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            var full = System.IO.Path.GetFullPath(path);
            // Shared for writing: a run may be appending to it right now.
            using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream, new UTF8Encoding(false)))
                return Read(full, reader.ReadToEnd());
        }

        internal static JournalContents Read(string path, string text)
        {
            var entries = new List<JournalEntry>();
            var problems = new List<JournalProblem>();
            var lines = text.Split('\n');
            // Text ending with a newline leaves an empty last piece: that is not a line.
            var count = lines.Length > 0 && lines[lines.Length - 1].Length == 0 ? lines.Length - 1 : lines.Length;
            for (var i = 0; i < count; i++)
            {
                var line = lines[i].TrimEnd('\r');
                if (line.Trim().Length == 0) continue;
                try { entries.Add(JournalLine.Parse(line, i + 1)); }
                catch (FormatException e)
                {
                    var torn = i == lines.Length - 1;
                    problems.Add(new JournalProblem(path, i + 1, torn ? "the last line is cut short (" + e.Message + "): the process writing it was probably stopped" : e.Message));
                }
            }
            return new JournalContents(path, entries, problems);
        }
    }
}

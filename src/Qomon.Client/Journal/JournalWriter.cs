using System;
using System.IO;
using System.Text;

namespace Qomon.Client.Journal
{
    /// <summary>
    /// Appends entries to a journal file, one line each, for one run at a time (JOURNAL-FORMAT.md). Safe to call from
    /// the write queue's tasks at once: lines never interleave. A pending line is on the disk (flushed and synced) when
    /// Append returns, so a request sent after it leaves a trace even if the machine stops; other lines are handed to
    /// the operating system, which keeps them when only the process is killed.
    /// </summary>
    public sealed class JournalWriter : IDisposable
    {
        public const string LockSuffix = ".lock";

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        private readonly object _gate = new object();
        private readonly FileStream _lock;
        private readonly FileStream _stream;
        private bool _disposed;

        private JournalWriter(string path, FileStream lockStream, FileStream stream)
        {
            Path = path;
            _lock = lockStream;
            _stream = stream;
        }

        public string Path { get; }

        /// <summary>Opens (or creates) the journal for appending and takes its lock; throws JournalInUseException when another run holds it.</summary>
        public static JournalWriter Open(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            var full = System.IO.Path.GetFullPath(path);
            var lockStream = TakeLock(full);
            FileStream? stream = null;
            try
            {
                // Shared for reading and writing: the lock file, not this stream, keeps other runs out, so Get-QomonJournal can read meanwhile.
                stream = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                EndTornLine(stream);
                return new JournalWriter(full, lockStream, stream);
            }
            catch
            {
                stream?.Dispose();
                lockStream.Dispose();
                throw;
            }
        }

        // FileShare.None is an flock (LOCK_EX) on Unix and a share lock on Windows: both end with the process, even a killed one.
        private static FileStream TakeLock(string full)
        {
            try { return new FileStream(full + LockSuffix, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException e) when (!(e is FileNotFoundException) && !(e is DirectoryNotFoundException) && !(e is PathTooLongException))
            {
                throw new JournalInUseException(full, e);
            }
        }

        // A process killed mid-line leaves a last line without its newline: end it, so the next entry is a line of its own.
        private static void EndTornLine(FileStream stream)
        {
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                var last = stream.ReadByte();
                if (last != '\n') stream.WriteByte((byte)'\n');
            }
            stream.Seek(0, SeekOrigin.End);
        }

        /// <summary>Appends one entry; a pending entry is synced to the disk before this returns.</summary>
        public void Append(JournalEntry entry)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            var bytes = Utf8.GetBytes(JournalLine.Format(entry) + "\n");
            lock (_gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(JournalWriter));
                _stream.Write(bytes, 0, bytes.Length);
                _stream.Flush(flushToDisk: entry.Kind == JournalEntry.PendingKind);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                _stream.Flush(flushToDisk: true);
                _stream.Dispose();
                _lock.Dispose();
            }
        }
    }
}

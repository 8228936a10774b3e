using System;
using System.IO;
using System.Text;
using System.Threading;

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
        private readonly object _syncGate = new object();
        private readonly FileStream _lock;
        private readonly FileStream _stream;
        // A second handle on the file, never written: syncing through it needs no lock against the writers.
        private readonly FileStream _sync;
        // Lines handed to the operating system, and lines known to be on the disk (group commit, below).
        private long _written;
        private long _synced;
        private bool _disposed;

        private JournalWriter(string path, FileStream lockStream, FileStream stream, FileStream sync)
        {
            Path = path;
            _lock = lockStream;
            _stream = stream;
            _sync = sync;
        }

        public string Path { get; }

        /// <summary>Opens (or creates) the journal for appending and takes its lock; throws JournalInUseException when another run holds it.</summary>
        public static JournalWriter Open(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            var full = System.IO.Path.GetFullPath(path);
            var lockStream = TakeLock(full);
            FileStream? stream = null;
            FileStream? sync = null;
            try
            {
                // Shared for reading and writing: the lock file, not this stream, keeps other runs out, so Get-QomonJournal can read meanwhile.
                stream = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                EndTornLine(stream);
                sync = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                return new JournalWriter(full, lockStream, stream, sync);
            }
            catch
            {
                sync?.Dispose();
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
            long line;
            lock (_gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(JournalWriter));
                _stream.Write(bytes, 0, bytes.Length);
                _stream.Flush(flushToDisk: false);
                line = Interlocked.Increment(ref _written);
            }
            if (entry.Kind == JournalEntry.PendingKind) SyncThrough(line);
        }

        // Group commit: tasks whose pending lines wait for the disk together share one sync, instead of queueing one
        // sync each behind the write lock. A sync started after a line was handed to the OS covers that line.
        private void SyncThrough(long line)
        {
            lock (_syncGate)
            {
                if (Interlocked.Read(ref _synced) >= line) return;
                var upTo = Interlocked.Read(ref _written);
                // fsync (FlushFileBuffers on Windows) applies to the file, whichever handle asks.
                _sync.Flush(flushToDisk: true);
                Interlocked.Exchange(ref _synced, upTo);
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
                lock (_syncGate) _sync.Dispose();
                _lock.Dispose();
            }
        }
    }
}

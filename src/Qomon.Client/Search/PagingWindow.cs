namespace Qomon.Client.Search
{
    /// <summary>-Skip and -First (PowerShell's SupportsPaging) applied to the records a command is about to write.</summary>
    public sealed class PagingWindow
    {
        private ulong _toSkip;
        private readonly ulong _first;
        private ulong _written;

        /// <param name="skip">Records to pass over before the first one taken.</param>
        /// <param name="first">Records to take at most; ulong.MaxValue for no limit.</param>
        public PagingWindow(ulong skip, ulong first)
        {
            _toSkip = skip;
            _first = first;
        }

        /// <summary>True once -First records were written: the command may stop fetching.</summary>
        public bool Full => _written >= _first;

        /// <summary>Still skipping: how many records -Skip leaves to pass over.</summary>
        public ulong SkipRemaining => _toSkip;

        /// <summary>Counts the record in and says whether to write it.</summary>
        public bool Take()
        {
            if (_toSkip > 0) { _toSkip--; return false; }
            if (Full) return false;
            _written++;
            return true;
        }

        /// <summary>Records passed over without being fetched (a page jump).</summary>
        public void Skipped(ulong count) => _toSkip = count >= _toSkip ? 0 : _toSkip - count;
    }
}

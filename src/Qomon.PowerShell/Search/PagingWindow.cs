using System.Management.Automation;

namespace Qomon.PowerShell.Search
{
    /// <summary>-Skip and -First (SupportsPaging) applied to the records a command is about to write.</summary>
    public sealed class PagingWindow
    {
        private ulong _toSkip;
        private readonly ulong _first;
        private ulong _written;

        public PagingWindow(PagingParameters? paging)
        {
            _toSkip = paging?.Skip ?? 0;
            _first = paging?.First ?? ulong.MaxValue;
        }

        /// <summary>True once -First records were written: the command may stop fetching.</summary>
        public bool Full => _written >= _first;

        /// <summary>Still skipping: how many records -Skip leaves to pass over.</summary>
        public ulong SkipRemaining => _toSkip;

        /// <summary>How many more records the window can use (skipped or written); ulong.MaxValue without -First.</summary>
        public ulong Wanted => _first == ulong.MaxValue ? ulong.MaxValue : _toSkip + (_first - _written);

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

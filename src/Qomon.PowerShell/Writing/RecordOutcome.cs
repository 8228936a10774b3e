namespace Qomon.PowerShell.Writing
{
    /// <summary>Where one input record ended up. Only Updated, Created and Removed mean something was written.</summary>
    internal enum RecordOutcome
    {
        /// <summary>Accepted so far; not yet read, confirmed or written.</summary>
        Pending,
        /// <summary>Read and merged: the write is due once confirmed.</summary>
        NeedsWrite,
        Updated,
        Created,
        Removed,
        /// <summary>The merge changed nothing: no write was sent.</summary>
        Unchanged,
        /// <summary>Someone else changed what this record changes since it was read: nothing written.</summary>
        Conflict,
        /// <summary>-WhatIf, or the caller declined at the confirmation: nothing written.</summary>
        Skipped,
        /// <summary>Bad input or a failed call: nothing written (or, for an unknown outcome, nothing confirmed).</summary>
        Failed,
    }
}

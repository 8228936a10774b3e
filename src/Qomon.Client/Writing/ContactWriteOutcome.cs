namespace Qomon.Client.Writing
{
    /// <summary>Where one contact write ended up. Only Updated means the server holds what was asked and confirmed it.</summary>
    public enum ContactWriteOutcome
    {
        /// <summary>Written, and the answer holds what was sent (or, after a lost answer, reading back shows it applied).</summary>
        Updated,
        /// <summary>The server already held every requested value: nothing was written.</summary>
        Unchanged,
        /// <summary>The server changed a field this record changes since the caller (or this writer) read it: nothing written.</summary>
        Conflict,
        /// <summary>A read or the write failed with an answer: nothing was written.</summary>
        Failed,
        /// <summary>An answer was lost and the write may or may not have been applied: check the contact.</summary>
        OutcomeUnknown,
        /// <summary>Written, but the server's answer holds some fields differently from what was sent.</summary>
        NotAsSent,
    }
}

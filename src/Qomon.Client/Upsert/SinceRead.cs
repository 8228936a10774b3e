namespace Qomon.Client.Upsert
{
    /// <summary>What a search page of recent changes says about a contact the caller read earlier.</summary>
    internal enum SinceRead
    {
        /// <summary>Not changed on the server since the read (as far as the search index shows): the read is the base.</summary>
        Unchanged,

        /// <summary>The page shows it with another UpdatedAt: read it again, and check the conflict against that read.</summary>
        Changed,

        /// <summary>The page cannot say (the search failed, the page was full, the base has no date): read it again.</summary>
        NotKnown,
    }
}

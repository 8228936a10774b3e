namespace Qomon.Client.Upsert
{
    /// <summary>What a read after an upsert says about it.</summary>
    public enum UpsertVerdict
    {
        /// <summary>The contact shows everything the upsert sent: the record may be reported updated.</summary>
        Applied,

        /// <summary>Not visible yet (Qomon applies about 2 s later; search lags further): read again later.</summary>
        NotYetApplied,

        /// <summary>Not applied within the bounded wait: Qomon dropped it in silence, or the 202 was lost. Write the record by PATCH.</summary>
        FallBackToPatch,
    }
}

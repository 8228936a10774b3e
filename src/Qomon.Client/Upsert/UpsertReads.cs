namespace Qomon.Client.Upsert
{
    /// <summary>How UpsertWriter reads upserted contacts back.</summary>
    public enum UpsertReads
    {
        /// <summary>One GET /contacts/{id} per read (1 token each): sees an upsert as soon as Qomon applied it.</summary>
        PerContact,

        /// <summary>
        /// One POST /search page (1 token, up to 1,000 contacts changed since the earliest upsert waiting) shared by
        /// every record waiting at that moment; the search index lags behind writes, so the first read waits longer.
        /// </summary>
        SearchPage,
    }
}

namespace Qomon.Client.Upsert
{
    /// <summary>How a change reaches Qomon: read-merge-PATCH, verified upsert, or whichever costs fewer tokens.</summary>
    public enum WriteMethod
    {
        /// <summary>Upsert while it costs fewer tokens per verified record than PATCH (WriteMethodMeter), PATCH otherwise.</summary>
        Auto,

        /// <summary>GET, merge, PATCH the whole contact: synchronous, 6 tokens a record.</summary>
        Patch,

        /// <summary>POST /contacts/upsert by id with only the changed fields, verified by a read; PATCH when upsert cannot say it.</summary>
        Upsert,
    }
}

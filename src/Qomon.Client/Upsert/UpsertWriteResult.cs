using Qomon.Client.Writing;

namespace Qomon.Client.Upsert
{
    /// <summary>One record written by UpsertWriter: the outcome as ContactWriter reports it, and which way it went.</summary>
    public sealed class UpsertWriteResult
    {
        internal UpsertWriteResult(ContactWriteResult result, WriteMethod method, bool fellBack, string? patchReason, double tokens)
        {
            Result = result;
            Method = method;
            FellBack = fellBack;
            PatchReason = patchReason;
            Tokens = tokens;
        }

        /// <summary>Updated only once a read showed the upsert applied (or the PATCH answered); Unchanged, Conflict, Failed... as for PATCH.</summary>
        public ContactWriteResult Result { get; }

        /// <summary>Upsert (applied, verified) or Patch (chosen, required, or the fallback of an upsert not applied in time).</summary>
        public WriteMethod Method { get; }

        /// <summary>An upsert was sent but not seen applied within the wait, so the record went by PATCH (the summary counts these).</summary>
        public bool FellBack { get; }

        /// <summary>Why the record went by PATCH, for -Verbose: the planner's reason, "cheaper by PATCH", or the fallback's cause; null for an upsert.</summary>
        public string? PatchReason { get; }

        /// <summary>The tokens this record took, as the connection learnt each route's cost from x-ratelimit-cost.</summary>
        public double Tokens { get; }
    }
}

using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;

namespace Qomon.Client.Merge
{
    /// <summary>The outcome of ContactMerger.Merge.</summary>
    public sealed class MergeResult
    {
        internal MergeResult(JsonObject body, IReadOnlyList<FieldChange> differences)
        {
            Body = body;
            Differences = differences;
        }

        /// <summary>The complete contact to PATCH (the caller wraps it in {"data":{"contact":…}}).</summary>
        public JsonObject Body { get; }

        /// <summary>What the PATCH would change, field by field; empty when nothing would.</summary>
        public IReadOnlyList<FieldChange> Differences { get; }

        /// <summary>False when the merged contact equals the current one: then no PATCH is needed.</summary>
        public bool HasChanges => Differences.Count > 0;
    }
}

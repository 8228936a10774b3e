using System.Text.Json.Nodes;
using Qomon.Client.Merge;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// One record's write, decided: the merged PATCH body and its differences (always there: -WhatIf, the no-op skip
    /// and the fallback use them) and, when upsert can express the change, the upsert record and what a read must
    /// show afterwards. Otherwise PatchReason says why the record goes by PATCH, in words a -Verbose line can show.
    /// </summary>
    public sealed class UpsertPlan
    {
        internal UpsertPlan(long contactId, MergeResult merge, JsonObject? data, UpsertExpectation? expectation, string? patchReason)
        {
            ContactId = contactId;
            Merge = merge;
            Data = data;
            Expectation = expectation;
            PatchReason = patchReason;
        }

        public long ContactId { get; }

        /// <summary>The read-merge-PATCH result over the same base: the body PATCH would send and what it would change.</summary>
        public MergeResult Merge { get; }

        /// <summary>False when the change leaves the contact as it is: nothing is sent either way.</summary>
        public bool HasChanges => Merge.HasChanges;

        /// <summary>True when upsert can make exactly the change the PATCH would make.</summary>
        public bool CanUpsert => PatchReason == null;

        /// <summary>Why this record must go by PATCH ("clears 'mobile'", "removes tag 'VIP'"...); null when upsert can carry it.</summary>
        public string? PatchReason { get; }

        /// <summary>The upsert record: the contact id and only the changed fields, in upsert's shape; null when it cannot upsert.</summary>
        public JsonObject? Data { get; }

        /// <summary>What a contact read afterwards must show for the upsert to count as applied; null when it cannot upsert.</summary>
        public UpsertExpectation? Expectation { get; }

        /// <summary>The body of POST /contacts/upsert: {"kind":"contact","data":{…}} (a fresh copy each call).</summary>
        public JsonObject Envelope() => new JsonObject
        {
            ["kind"] = UpsertKeys.Kind,
            ["data"] = Data?.DeepClone() ?? throw new System.InvalidOperationException("This record goes by PATCH: " + PatchReason),
        };
    }
}

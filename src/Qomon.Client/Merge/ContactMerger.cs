using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Merge
{
    /// <summary>
    /// Merges ContactChanges into the contact as the server holds it and gives the complete PATCH body. PATCH
    /// replaces the whole contact, so the body starts from everything the server returned (in write shape) and only
    /// the named fields, tags, notes and answers differ; the differences are computed from the two states, not
    /// from the request, so -WhatIf shows exactly what the PATCH would change.
    /// </summary>
    public static class ContactMerger
    {
        public static MergeResult Merge(JsonObject current, ContactChanges changes, FormCatalog forms) => Merge(current, changes, forms, out _);

        /// <summary>The same, with the raw differences: the upsert path judges from them what upsert can express.</summary>
        internal static MergeResult Merge(JsonObject current, ContactChanges changes, FormCatalog forms, out List<DiffItem> items)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            if (changes == null) throw new ArgumentNullException(nameof(changes));
            forms = forms ?? FormCatalog.Empty;

            var body = ContactWriteShape.From(current);
            ChangeWriter.Apply(body, changes, forms);

            items = changes.IsEmpty ? new List<DiffItem>(0) : ContactDiff.Between(current, body, changes);
            return new MergeResult(body, FieldChanges.Describe(items, forms));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;

namespace Qomon.Client.Writing
{
    /// <summary>
    /// What a -Replace would do to the contact as the server holds it: the field-level differences, and the fields
    /// it would clear or remove. Decided on values, not on how they are shown: clearing a field that holds no value
    /// a person entered (none, "", false, [], {}) loses nothing, so it is left out; naming it would only hide what
    /// does get lost.
    /// </summary>
    public sealed class ReplacePreview
    {
        private ReplacePreview(IReadOnlyList<FieldChange> differences, IReadOnlyList<string> cleared)
        {
            Differences = differences;
            Cleared = cleared;
        }

        public IReadOnlyList<FieldChange> Differences { get; }

        /// <summary>Field paths, tags[Name], notes, form:Label / custom:Label that the replacement clears or removes.</summary>
        public IReadOnlyList<string> Cleared { get; }

        public static ReplacePreview Of(JsonObject current, JsonObject replacement, FormCatalog forms)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            if (replacement == null) throw new ArgumentNullException(nameof(replacement));
            var items = ContactDiff.Between(current, replacement)
                .Where(item => !(item.Section == DiffSection.Field && item.Kind == FieldChangeKind.Cleared && NoValue.Holds(item.Old)))
                .ToList();
            var differences = FieldChanges.Describe(items, forms ?? FormCatalog.Empty);
            var cleared = new List<string>();
            foreach (var change in differences)
            {
                if (change.Kind != FieldChangeKind.Cleared && change.Kind != FieldChangeKind.Removed) continue;
                var name = change.Path == ContactFields.TagsKey ? ContactPaths.Tag(change.OldValue) : change.Path;
                if (!cleared.Contains(name)) cleared.Add(name);
            }
            return new ReplacePreview(differences, cleared);
        }
    }
}

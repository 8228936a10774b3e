using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Merge;
using Qomon.Client.Model;

namespace Qomon.Client.Input
{
    /// <summary>
    /// The blank values of one record that changed nothing (no -ClearEmpty), and what -ClearEmpty would have done
    /// with each. A blank cell matters to the caller only where the contact holds a value: a re-imported export
    /// is full of blank cells for fields the contact never had, and a warning about those would be noise.
    /// </summary>
    public sealed class BlankCells
    {
        private readonly List<KeyValuePair<string, string?>> _cells = new List<KeyValuePair<string, string?>>();
        private readonly ContactChanges _clears = new ContactChanges();

        /// <summary>The names as the caller gave them, in input order.</summary>
        public IReadOnlyList<string> Names => _cells.Select(c => c.Key).ToList();

        public bool IsEmpty => _cells.Count == 0;

        /// <summary>A blank that -ClearEmpty would not turn into a clear either (a +/- answer column): always reported.</summary>
        internal void Add(string name) => _cells.Add(new KeyValuePair<string, string?>(name, null));

        /// <summary>A blank at target (in ContactPaths' vocabulary) and the clear -ClearEmpty would make of it.</summary>
        internal void Add(string name, string target, Action<ContactChanges> clear)
        {
            _cells.Add(new KeyValuePair<string, string?>(name, target));
            clear(_clears);
        }

        /// <summary>The names whose field holds a value in <paramref name="current"/>: those -ClearEmpty would have cleared.</summary>
        public IReadOnlyList<string> ThatWouldClear(JsonObject current, FormCatalog forms)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            var changed = new List<string>();
            if (!_clears.IsEmpty)
            {
                var cleared = ContactMerger.Merge(current, _clears, forms).Body;
                changed.AddRange(ContactDiff.Between(current, cleared, _clears).Select(d => d.ConflictPath));
            }
            return _cells.Where(c => c.Value == null || changed.Any(path => ContactPaths.Overlap(c.Value, path))).Select(c => c.Key).ToList();
        }
    }
}

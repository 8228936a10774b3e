using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Qomon.Client.Changes
{
    /// <summary>
    /// Finds what the server changed since the caller read the contact that the caller's changes also touch:
    /// writing those would silently undo someone else's edit, so the record is a conflict.
    /// </summary>
    public static class ConflictDetector
    {
        /// <summary>
        /// The paths (as ContactChanges.TouchedPaths names them: firstname, address.city, tags[Name], notes,
        /// form:&lt;id&gt;, custom:&lt;id&gt;) that differ between original and serverNow and that changes touch.
        /// Empty when there is no conflict.
        /// </summary>
        public static IReadOnlyList<string> Find(JsonObject original, JsonObject serverNow, ContactChanges changes)
        {
            if (original == null) throw new System.ArgumentNullException(nameof(original));
            if (serverNow == null) throw new System.ArgumentNullException(nameof(serverNow));
            if (changes == null) throw new System.ArgumentNullException(nameof(changes));
            var conflicts = new List<string>();
            if (changes.IsEmpty) return conflicts;
            var touched = changes.TouchedPaths;
            foreach (var item in ContactDiff.Between(original, serverNow))
            {
                var changed = item.ConflictPath;
                if (conflicts.Contains(changed)) continue;
                foreach (var path in touched)
                {
                    if (ContactPaths.Overlap(path, changed))
                    {
                        conflicts.Add(changed);
                        break;
                    }
                }
            }
            return conflicts;
        }
    }
}

using System;
using Qomon.Client.Model;

namespace Qomon.Client.Changes
{
    /// <summary>
    /// The path vocabulary shared by ContactChanges.TouchedPaths, ConflictDetector and the diff: field names,
    /// address.part, tags (all tags) and tags[Name] (one tag), notes, form:&lt;id&gt; and custom:&lt;id&gt;.
    /// </summary>
    internal static class ContactPaths
    {
        public static string Tag(string name) => ContactFields.TagsKey + "[" + name + "]";

        /// <summary>True when a change the caller makes at touched collides with a change the server made at changed.</summary>
        public static bool Overlap(string touched, string changed)
        {
            if (string.Equals(touched, changed, StringComparison.OrdinalIgnoreCase)) return true;
            if (touched == ContactFields.TagsKey) return changed.StartsWith(ContactFields.TagsKey + "[", StringComparison.Ordinal);
            if (touched == ContactFields.AddressKey) return changed.StartsWith(ContactFields.AddressPrefix, StringComparison.Ordinal);
            return false;
        }
    }
}

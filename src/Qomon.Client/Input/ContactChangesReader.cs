using System;
using System.Collections.Generic;
using Qomon.Client.Model;

namespace Qomon.Client.Input
{
    /// <summary>
    /// Turns caller input (a hashtable, a PSCustomObject or an Import-Csv row, flattened to name/value pairs) into
    /// ContactChanges. Every problem is collected with the field's name; nothing is thrown half-way, so the cmdlet
    /// can report all of a record's problems at once and write nothing for it.
    /// </summary>
    /// <remarks>
    /// Naming rules: field names, other spellings (birthcity) and friendly names (Email, LastName, City...) match
    /// ignoring case; address parts are address.&lt;part&gt; or a nested dictionary under address; answers are
    /// form:&lt;label or id&gt; and custom:&lt;label or id&gt;, with a trailing + or - to add or remove checkbox values.
    /// The id comes from Id, id or ContactId. Read-only fields are ignored, UpdatedAt is kept for the conflict check.
    /// null clears; an empty text changes nothing (listed in SkippedEmpty) unless ClearEmpty.
    /// </remarks>
    public static class ContactChangesReader
    {
        public static ContactReadResult Read(IEnumerable<KeyValuePair<string, object?>> entries, FormCatalog forms, ContactReadOptions options)
        {
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            var reading = new ContactInputReading(forms ?? FormCatalog.Empty, options ?? new ContactReadOptions());
            foreach (var entry in entries) reading.Visit(entry.Key, entry.Value);
            return reading.Finish();
        }

        /// <summary>The same for a dictionary (a hashtable from -Property).</summary>
        public static ContactReadResult ReadDictionary(System.Collections.IDictionary entries, FormCatalog forms, ContactReadOptions options)
        {
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            return Read(InputValues.EntriesOf(entries), forms, options);
        }
    }
}

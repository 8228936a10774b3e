using System.Collections.Generic;
using System.Linq;

namespace Qomon.PowerShell.Completion
{
    /// <summary>
    /// Keys of a contact to write (Set-QomonContact / New-QomonContact -Property): every writable field, its
    /// aliases, and the cached forms as form:&lt;label&gt; and custom:&lt;label&gt; (checkboxes also with + and -).
    /// </summary>
    public sealed class PropertyNameCompleter : HashtableKeyCompleter
    {
        protected override IEnumerable<KeyName> Names(bool withChoiceSuffixes) =>
            ContactKeyNames.Fields.Concat(ContactKeyNames.CachedForms(withChoiceSuffixes));
    }
}

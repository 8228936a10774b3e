using System.Collections.Generic;

namespace Qomon.PowerShell.Completion
{
    /// <summary>Keys of Get-QomonContact -Filter: the fields Qomon can search on and their aliases (answers cannot be filtered on).</summary>
    public sealed class FilterNameCompleter : HashtableKeyCompleter
    {
        protected override IEnumerable<KeyName> Names(bool withChoiceSuffixes) => ContactKeyNames.Searchable;
    }
}

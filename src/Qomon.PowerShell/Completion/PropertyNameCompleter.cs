using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Qomon.PowerShell.Completion
{
    /// <summary>
    /// Keys of a contact to write (Set-QomonContact / New-QomonContact -Property): every writable field, its
    /// aliases, and the cached forms as form:&lt;label&gt; and custom:&lt;label&gt; (checkboxes also with + and -);
    /// the value of a cached radio or checkbox form: its allowed values.
    /// </summary>
    public sealed class PropertyNameCompleter : HashtableKeyCompleter
    {
        protected override IEnumerable<KeyName> Names(bool withChoiceSuffixes) =>
            ContactKeyNames.Fields.Concat(ContactKeyNames.CachedForms(withChoiceSuffixes));

        /// <summary>A choice form's values by label, always quoted (a bare word there would run as a command).</summary>
        public override IList<CompletionResult> CompleteValue(string key, string wordToComplete)
        {
            var form = ContactKeyNames.CachedFormNamed(key);
            if (form == null || !form.IsChoice) return new List<CompletionResult>();
            var typed = CompletionText.Unquote(wordToComplete, out var quote);
            var isMatch = CompletionText.PrefixMatcher(typed);
            var results = new List<CompletionResult>();
            foreach (var value in form.RefValues)
            {
                var text = string.IsNullOrEmpty(value.Label) ? value.Value : value.Label;
                if (string.IsNullOrEmpty(text) || !(isMatch(text!) || (value.Value != null && isMatch(value.Value)))) continue;
                results.Add(new CompletionResult(CompletionText.Quote(text!, quote, always: true), text, CompletionResultType.ParameterValue,
                    text + " (" + value.Value + ", refvalue " + value.Id + ") of '" + form.Label + "'"));
            }
            return results;
        }
    }
}

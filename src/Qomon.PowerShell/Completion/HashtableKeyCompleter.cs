using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Qomon.PowerShell.Completion
{
    /// <summary>
    /// Completes the keys of a hashtable parameter (-Property, -Filter). PowerShell calls an argument completer
    /// only where the argument starts (-Filter ci&lt;Tab&gt; gives @{ City = ); for keys inside the hashtable
    /// literal (-Filter @{ ci&lt;Tab&gt;) it never does, so the module's TabExpansion2 hook calls
    /// <see cref="CompleteKey"/> instead.
    /// </summary>
    public abstract class HashtableKeyCompleter : IArgumentCompleter
    {
        /// <summary>The names to offer, fresh for each completion (the form cache may have filled meanwhile).</summary>
        protected abstract IEnumerable<KeyName> Names(bool withChoiceSuffixes);

        /// <summary>At the start of the argument: each matching name as the opening of a hashtable, @{ name = .</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = CompletionText.Unquote(wordToComplete, out _);
            if (typed.StartsWith("@", System.StringComparison.Ordinal) || HasOpenHashtable(commandAst)) return Enumerable.Empty<CompletionResult>();
            return Matching(typed).Select(name => new CompletionResult(
                "@{ " + CompletionText.Quote(name.Name, '\0') + " = ", name.Name, CompletionResultType.ParameterValue, name.ToolTip)).ToList();
        }

        /// <summary>A key inside the hashtable literal: each matching name, quoted as it must be (in the user's quote if they opened one).</summary>
        public IList<CompletionResult> CompleteKey(string wordToComplete, ICollection<string> keysAlreadyGiven)
        {
            var typed = CompletionText.Unquote(wordToComplete, out var quote);
            return Matching(typed)
                .Where(name => !keysAlreadyGiven.Contains(name.Name))
                .Select(name => new CompletionResult(CompletionText.Quote(name.Name, quote), name.Name, CompletionResultType.Property, name.ToolTip))
                .ToList();
        }

        // PowerShell asks here for some unfinished keys too (-Filter @{ address.po): an unclosed hashtable means the
        // cursor is in it, where the TabExpansion2 hook answers, and an "@{ name = " would be wrong.
        private static bool HasOpenHashtable(CommandAst? commandAst) =>
            commandAst != null && commandAst.FindAll(a => a is HashtableAst && !a.Extent.Text.EndsWith("}", System.StringComparison.Ordinal), false).Any();

        private IEnumerable<KeyName> Matching(string typed)
        {
            var isMatch = CompletionText.PrefixMatcher(typed);
            // Checkbox +/- names only once the label is typed out: they would triple every list otherwise.
            var seen = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var name in Names(withChoiceSuffixes: true))
            {
                if (!isMatch(name.Name) || !seen.Add(name.Name)) continue;
                if (IsChoiceSuffixed(name.Name) && typed.Length < name.Name.Length - 1) continue;
                yield return name;
            }
        }

        /// <summary>The value of <paramref name="key"/> (@{ key = Ab| ): nothing unless a subclass knows the allowed values.</summary>
        public virtual IList<CompletionResult> CompleteValue(string key, string wordToComplete) => new List<CompletionResult>();

        private static bool IsChoiceSuffixed(string name) =>
            (name.EndsWith("+", System.StringComparison.Ordinal) || name.EndsWith("-", System.StringComparison.Ordinal)) &&
            (name.StartsWith(Qomon.Client.Model.AnswerKinds.FormPrefix, System.StringComparison.OrdinalIgnoreCase) ||
             name.StartsWith(Qomon.Client.Model.AnswerKinds.CustomPrefix, System.StringComparison.OrdinalIgnoreCase));
    }
}

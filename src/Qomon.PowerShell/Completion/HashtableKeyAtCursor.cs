using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Qomon.PowerShell.Completion
{
    /// <summary>
    /// Where the cursor stands in a key of a hashtable literal given to a parameter whose argument completer is a
    /// <see cref="HashtableKeyCompleter"/>: Set-QomonContact 5 -Property @{ Cit| or Get-QomonContact -Filter @{ mail = 'x'; | .
    /// </summary>
    public sealed class HashtableKeyAtCursor
    {
        private HashtableKeyAtCursor(HashtableKeyCompleter completer, string? valueOfKey, string word, int start, int length, ICollection<string> otherKeys)
        {
            Completer = completer;
            ValueOfKey = valueOfKey;
            WordToComplete = word;
            ReplacementIndex = start;
            ReplacementLength = length;
            OtherKeys = otherKeys;
        }

        public HashtableKeyCompleter Completer { get; }

        /// <summary>Null when the cursor is in a key; else the key whose value it is in (@{ 'form:Presence' = 'Ab| ).</summary>
        public string? ValueOfKey { get; }

        public string WordToComplete { get; }
        public int ReplacementIndex { get; }
        public int ReplacementLength { get; }

        /// <summary>Keys the hashtable already has elsewhere: not offered again.</summary>
        public ICollection<string> OtherKeys { get; }

        public static HashtableKeyAtCursor? Find(Ast root, Token[] tokens, int cursor, CommandInvocationIntrinsics commands)
        {
            var table = root.FindAll(a => a is HashtableAst && Contains(a.Extent, cursor), searchNestedScriptBlocks: true)
                .Cast<HashtableAst>()
                .OrderBy(a => a.Extent.EndOffset - a.Extent.StartOffset)
                .FirstOrDefault();
            if (table == null || cursor <= table.Extent.StartOffset + 1) return null; // before or inside "@{"
            if (table.Extent.Text.EndsWith("}", StringComparison.Ordinal) && cursor >= table.Extent.EndOffset) return null;

            string? valueOfKey = null;
            if (!TryFindKeyAtCursor(table, tokens, cursor, root.Extent.Text, out var word, out var start, out var length) &&
                !TryFindValueAtCursor(table, tokens, cursor, root.Extent.Text, out valueOfKey, out word, out start, out length)) return null;
            var completer = CompleterOf(table, commands);
            if (completer == null) return null;

            var otherKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in table.KeyValuePairs)
            {
                if (Contains(pair.Item1.Extent, cursor)) continue;
                otherKeys.Add(pair.Item1 is StringConstantExpressionAst constant ? constant.Value : pair.Item1.Extent.Text);
            }
            return new HashtableKeyAtCursor(completer, valueOfKey, word, start, length, otherKeys);
        }

        // Right after "=" or in the one word typed after it, on the same line: @{ 'form:Presence' = | or = 'Ab| .
        private static bool TryFindValueAtCursor(HashtableAst table, Token[] tokens, int cursor, string script,
            out string? key, out string word, out int start, out int length)
        {
            key = null;
            word = "";
            start = cursor;
            length = 0;
            var pair = table.KeyValuePairs.LastOrDefault(p => p.Item1.Extent.EndOffset < cursor);
            if (pair == null || !(pair.Item1 is StringConstantExpressionAst name)) return false;
            var after = tokens.Where(t => t.Extent.StartOffset >= pair.Item1.Extent.EndOffset && t.Extent.StartOffset < cursor &&
                                          t.Kind != TokenKind.EndOfInput).ToList();
            if (after.Count == 0 || after[0].Kind != TokenKind.Equals || after.Count > 2) return false;
            if (after.Count == 2)
            {
                var typed = after[1];
                if (typed.Kind == TokenKind.NewLine || typed.Kind == TokenKind.Semi || typed.Extent.EndOffset < cursor) return false;
                start = typed.Extent.StartOffset;
                length = typed.Extent.EndOffset - start;
                word = script.Substring(start, Math.Min(cursor, script.Length) - start);
            }
            key = name.Value;
            return true;
        }

        // In a key (@{ Ci|ty = 1 }) or where a key may start: after "@{", ";" or a new line, not in a value.
        private static bool TryFindKeyAtCursor(HashtableAst table, Token[] tokens, int cursor, string script, out string word, out int start, out int length)
        {
            word = "";
            start = cursor;
            length = 0;
            foreach (var pair in table.KeyValuePairs)
            {
                if (Contains(pair.Item1.Extent, cursor))
                {
                    start = pair.Item1.Extent.StartOffset;
                    length = pair.Item1.Extent.EndOffset - start;
                    word = pair.Item1.Extent.Text.Substring(0, cursor - start);
                    return true;
                }
                // @{ address.| parses as the key "address" and a stray "."; the word is all that was typed.
                if (pair.Item2 is ErrorStatementAst && cursor > pair.Item1.Extent.EndOffset && cursor <= script.Length &&
                    IsOneWord(script.Substring(pair.Item1.Extent.StartOffset, cursor - pair.Item1.Extent.StartOffset)))
                {
                    start = pair.Item1.Extent.StartOffset;
                    length = cursor - start;
                    word = script.Substring(start, length);
                    return true;
                }
                if (cursor > pair.Item1.Extent.EndOffset && cursor <= pair.Item2.Extent.EndOffset) return false; // in the value
            }
            var before = tokens.LastOrDefault(t => t.Extent.EndOffset <= cursor && t.Kind != TokenKind.EndOfInput);
            return before != null && (before.Kind == TokenKind.AtCurly || before.Kind == TokenKind.Semi || before.Kind == TokenKind.NewLine);
        }

        // The hashtable must be the argument of a parameter (named or positional) whose completer is ours.
        private static HashtableKeyCompleter? CompleterOf(HashtableAst table, CommandInvocationIntrinsics commands)
        {
            Ast argument = table;
            if (argument.Parent is ConvertExpressionAst) argument = argument.Parent; // [ordered]@{ }
            string? parameterName = null;
            CommandAst? command = null;
            if (argument.Parent is CommandParameterAst colon) // -Filter:@{ }
            {
                parameterName = colon.ParameterName;
                command = colon.Parent as CommandAst;
            }
            else command = argument.Parent as CommandAst;
            if (command == null) return null;

            var commandName = command.GetCommandName();
            if (string.IsNullOrEmpty(commandName)) return null;
            var info = commands.GetCommand(commandName, CommandTypes.Cmdlet | CommandTypes.Alias | CommandTypes.Function);
            if (info is AliasInfo alias) info = alias.ResolvedCommand;
            if (info == null) return null;

            var parameter = parameterName != null ? Named(info, parameterName) : BoundTo(info, command, argument);
            var type = parameter?.Attributes.OfType<ArgumentCompleterAttribute>().FirstOrDefault()?.Type;
            if (type == null || !typeof(HashtableKeyCompleter).IsAssignableFrom(type)) return null;
            return (HashtableKeyCompleter)Activator.CreateInstance(type);
        }

        // -Prop @{ }: the parameter named (or uniquely abbreviated) just before the hashtable; else by position.
        private static ParameterMetadata? BoundTo(CommandInfo info, CommandAst command, Ast argument)
        {
            var elements = command.CommandElements;
            var positional = 0;
            for (var i = 1; i < elements.Count; i++)
            {
                if (elements[i] == argument) return AtPosition(info, positional);
                if (elements[i] is CommandParameterAst parameter)
                {
                    if (parameter.Argument != null) continue; // -Name:value
                    var named = Named(info, parameter.ParameterName);
                    if (IsSwitch(named)) continue;
                    if (i + 1 < elements.Count && elements[i + 1] == argument) return named;
                    i++; // its value follows
                    continue;
                }
                positional++;
            }
            return null;
        }

        private static ParameterMetadata? Named(CommandInfo info, string name)
        {
            IDictionary<string, ParameterMetadata> parameters;
            try { parameters = info.Parameters; }
            catch (Exception e) when (e is RuntimeException || e is InvalidOperationException) { return null; } // a function that does not parse
            if (parameters.TryGetValue(name, out var exact)) return exact;
            var matches = parameters.Values.Where(p => p.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase) ||
                                                       p.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase))).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }

        private static ParameterMetadata? AtPosition(CommandInfo info, int position) =>
            info.Parameters.Values.FirstOrDefault(p => p.ParameterSets.Values.Any(set => set.Position == position) &&
                                                      p.Attributes.OfType<ArgumentCompleterAttribute>().Any());

        private static bool IsOneWord(string text)
        {
            foreach (var c in text)
                if (char.IsWhiteSpace(c) || c == '=' || c == ';' || c == '}') return false;
            return true;
        }

        private static bool IsSwitch(ParameterMetadata? parameter) => parameter != null && parameter.SwitchParameter;

        private static bool Contains(IScriptExtent extent, int offset) => offset >= extent.StartOffset && offset <= extent.EndOffset;
    }
}

using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace Qomon.PowerShell.Completion
{
    /// <summary>
    /// Hashtable keys are completed by PowerShell itself only from the parameter's .NET type (writable properties
    /// of a class), never by the parameter's argument completer; a Hashtable or IDictionary parameter gets nothing.
    /// So on import the module wraps the session's TabExpansion2 (what PSReadLine, the ISE and VS Code all call):
    /// the previous function answers, except when the cursor is in a key of a hashtable given to a parameter
    /// whose completer is a <see cref="HashtableKeyCompleter"/> and that has names to offer: then
    /// <see cref="HashtableKeyCompleter.CompleteKey"/> answers. The wrapper keeps the previous function
    /// and puts it back when the module is removed. Sessions not in FullLanguage mode are left alone.
    /// </summary>
    public sealed class TabExpansionHook : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>Written into the wrapper so that a second import does not wrap it again.</summary>
        public const string Marker = "# Qomon.PowerShell.Completion.TabExpansionHook";

        // Language features only (no cmdlets): nothing is auto-loaded, so importing stays cheap.
        private const string InstallScript = @"
if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') { return }
$current = $ExecutionContext.InvokeCommand.GetCommand('TabExpansion2', 'Function')
if ($null -eq $current -or $current.Definition.Contains('" + Marker + @"')) { return }
$previous = $current.ScriptBlock
${function:global:TabExpansion2} = {
    " + Marker + @"
    [CmdletBinding(DefaultParameterSetName = 'ScriptInputSet')]
    [OutputType([System.Management.Automation.CommandCompletion])]
    param(
        [Parameter(ParameterSetName = 'ScriptInputSet', Mandatory = $true, Position = 0)]
        [AllowEmptyString()]
        [string] $inputScript,
        [Parameter(ParameterSetName = 'ScriptInputSet', Position = 1)]
        [int] $cursorColumn = $inputScript.Length,
        [Parameter(ParameterSetName = 'AstInputSet', Mandatory = $true, Position = 0)]
        [System.Management.Automation.Language.Ast] $ast,
        [Parameter(ParameterSetName = 'AstInputSet', Mandatory = $true, Position = 1)]
        [System.Management.Automation.Language.Token[]] $tokens,
        [Parameter(ParameterSetName = 'AstInputSet', Mandatory = $true, Position = 2)]
        [System.Management.Automation.Language.IScriptPosition] $positionOfCursor,
        [Parameter(ParameterSetName = 'ScriptInputSet', Position = 2)]
        [Parameter(ParameterSetName = 'AstInputSet', Position = 3)]
        [Hashtable] $options = $null
    )
    $completion = & $previous @PSBoundParameters
    if ($PSCmdlet.ParameterSetName -eq 'ScriptInputSet') {
        [Qomon.PowerShell.Completion.TabExpansionHook]::CompleteScript($completion, $inputScript, $cursorColumn, $ExecutionContext)
    } else {
        [Qomon.PowerShell.Completion.TabExpansionHook]::CompleteAst($completion, $ast, $tokens, $positionOfCursor, $ExecutionContext)
    }
}.GetNewClosure()
";

        private const string RemoveScript = @"
$current = $ExecutionContext.InvokeCommand.GetCommand('TabExpansion2', 'Function')
if ($null -eq $current -or -not $current.Definition.Contains('" + Marker + @"') -or $null -eq $current.ScriptBlock.Module) { return }
${function:global:TabExpansion2} = & $current.ScriptBlock.Module { $previous }
";

        public void OnImport() => Run(InstallScript);

        public void OnRemove(PSModuleInfo psModuleInfo) => Run(RemoveScript);

        /// <summary>The wrapper's ScriptInputSet: the previous answer, or the hashtable keys at the cursor.</summary>
        public static CommandCompletion? CompleteScript(CommandCompletion? previous, string inputScript, int cursorColumn, EngineIntrinsics engine)
        {
            var ast = Parser.ParseInput(inputScript ?? "", out var tokens, out _);
            return Complete(previous, ast, tokens, cursorColumn, engine);
        }

        /// <summary>The wrapper's AstInputSet (what editors send).</summary>
        public static CommandCompletion? CompleteAst(CommandCompletion? previous, Ast ast, Token[] tokens, IScriptPosition positionOfCursor, EngineIntrinsics engine) =>
            Complete(previous, ast, tokens, positionOfCursor.Offset, engine);

        private static CommandCompletion? Complete(CommandCompletion? previous, Ast ast, Token[] tokens, int cursor, EngineIntrinsics engine)
        {
            try
            {
                // Ours first: for some unfinished keys (@{ address.po) PowerShell asks the argument completer as if
                // for the argument's start, and its "@{ PostalCode = " would not fit there.
                var key = HashtableKeyAtCursor.Find(ast, tokens, cursor, engine.InvokeCommand);
                if (key == null) return previous;
                var matches = key.Completer.CompleteKey(key.WordToComplete, key.OtherKeys);
                if (matches.Count == 0) return previous;
                return new CommandCompletion(new Collection<CompletionResult>(matches), -1, key.ReplacementIndex, key.ReplacementLength);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // A completion must never fail the keystroke: without ours the user still has PowerShell's.
                return previous;
            }
        }

        private static void Run(string script)
        {
            if (Runspace.DefaultRunspace == null) return;
            try
            {
                using (var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace))
                {
                    shell.AddScript(script).Invoke();
                }
            }
            catch (Exception e) when (e is PSInvalidOperationException || e is RuntimeException)
            {
                // No usable runspace on this thread (a host importing off its pipeline thread): no key completion, nothing else lost.
            }
        }
    }
}

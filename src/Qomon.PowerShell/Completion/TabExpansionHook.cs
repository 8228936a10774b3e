using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

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

        // The wrapper: TabExpansion2's own parameters, handed on unchanged to the function it replaced.
        private const string WrapperScript = Marker + @"
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
$completion = & ([Qomon.PowerShell.Completion.TabExpansionHook]::Previous($ExecutionContext)) @PSBoundParameters
if ($PSCmdlet.ParameterSetName -eq 'ScriptInputSet') {
    [Qomon.PowerShell.Completion.TabExpansionHook]::CompleteScript($completion, $inputScript, $cursorColumn, $ExecutionContext)
} else {
    [Qomon.PowerShell.Completion.TabExpansionHook]::CompleteAst($completion, $ast, $tokens, $positionOfCursor, $ExecutionContext)
}
";

        private const string FunctionPath = "function:global:TabExpansion2";

        // The function each session had before the wrapper, by session (runspace), held weakly like the sessions.
        private static readonly ConditionalWeakTable<Runspace, ScriptBlock> Replaced = new ConditionalWeakTable<Runspace, ScriptBlock>();

        // A process started -NonInteractive (scheduled tasks, CI, the benchmark) never completes a keystroke: it is
        // spared the wrapper's cost (some tens of ms of import). Tests install it with Install($ExecutionContext).
        public void OnImport()
        {
            if (NonInteractiveProcess.IsNonInteractive()) return;
            var engine = EngineOf(Runspace.DefaultRunspace);
            if (engine != null) Install(engine);
        }

        /// <summary>
        /// Wraps the session's TabExpansion2, unless it is wrapped already or the session is not FullLanguage.
        /// Through the session's own APIs rather than a nested pipeline, which would add about 100 ms.
        /// </summary>
        public static void Install(EngineIntrinsics engine)
        {
            var runspace = Runspace.DefaultRunspace;
            if (engine == null || runspace == null || engine.SessionState.LanguageMode != PSLanguageMode.FullLanguage) return;
            var current = CurrentFunction(engine);
            if (current == null || IsWrapper(current)) return; // none to wrap, or wrapped already
            Replaced.Remove(runspace);
            Replaced.Add(runspace, current.ScriptBlock);
            engine.SessionState.InvokeProvider.Item.Set(FunctionPath, ScriptBlock.Create(WrapperScript));
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            var runspace = Runspace.DefaultRunspace;
            var engine = EngineOf(runspace);
            if (engine == null || !Replaced.TryGetValue(runspace!, out var previous)) return;
            var current = CurrentFunction(engine);
            // Another module wrapped ours after it: that wrapper still calls ours, which still needs the function it
            // replaced, so ours stays in the chain (the assembly is never unloaded) and keeps what it replaced.
            if (current == null || !IsWrapper(current)) return;
            engine.SessionState.InvokeProvider.Item.Set(FunctionPath, previous);
            Replaced.Remove(runspace!);
        }

        /// <summary>The TabExpansion2 the wrapper replaced in this session (PowerShell's own when it has none recorded).</summary>
        public static ScriptBlock Previous(EngineIntrinsics engine)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace != null && Replaced.TryGetValue(runspace, out var previous)) return previous;
            throw new InvalidOperationException("Qomon's TabExpansion2 wrapper has lost the function it replaced; run Remove-Module Qomon and import it again.");
        }

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
                var matches = key.ValueOfKey == null
                    ? key.Completer.CompleteKey(key.WordToComplete, key.OtherKeys)
                    : key.Completer.CompleteValue(key.ValueOfKey, key.WordToComplete);
                if (matches.Count == 0) return previous;
                return new CommandCompletion(new Collection<CompletionResult>(matches), -1, key.ReplacementIndex, key.ReplacementLength);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // A completion must never fail the keystroke: without ours the user still has PowerShell's.
                return previous;
            }
        }

        // The session's $ExecutionContext, read by a script block run in place (no nested pipeline to start).
        private static EngineIntrinsics? EngineOf(Runspace? runspace)
        {
            if (runspace == null) return null;
            try
            {
                var result = ScriptBlock.Create("$ExecutionContext").Invoke();
                return result.Count == 1 ? result[0]?.BaseObject as EngineIntrinsics : null;
            }
            catch (Exception e) when (e is PSInvalidOperationException || e is RuntimeException)
            {
                return null; // no usable session on this thread: no key completion, nothing else lost
            }
        }

        private static FunctionInfo? CurrentFunction(EngineIntrinsics engine) =>
            engine.InvokeCommand.GetCommand("TabExpansion2", CommandTypes.Function) as FunctionInfo;

        private static bool IsWrapper(FunctionInfo function) => function.Definition.Contains(Marker);
    }
}

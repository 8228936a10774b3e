# Dot-sourced by the tests that stop a run: a host without a console that keeps every line written to it, warnings
# apart, so a test can read what a stopped command told the host (Write* no longer works once the pipeline stops).
if (-not ('QomonTests.RecordingHost' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace QomonTests
{
/// <summary>A host without a console that keeps every line written to it, warnings apart.</summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingUI _ui = new RecordingUI();
    private readonly Guid _id = Guid.NewGuid();
    public ConcurrentQueue<string> Warnings => _ui.Warnings;
    public ConcurrentQueue<string> Lines => _ui.Lines;
    public override string Name => "QomonTests";
    public override Version Version => new Version(1, 0);
    public override Guid InstanceId => _id;
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}

public sealed class RecordingUI : PSHostUserInterface
{
    public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();
    public ConcurrentQueue<string> Lines { get; } = new ConcurrentQueue<string>();
    public override PSHostRawUserInterface RawUI => null;
    public override string ReadLine() => throw new NotSupportedException();
    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
    public override void Write(string value) => Lines.Enqueue(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Lines.Enqueue(value);
    public override void WriteLine(string value) => Lines.Enqueue(value);
    public override void WriteErrorLine(string value) => Lines.Enqueue(value);
    public override void WriteDebugLine(string message) { }
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) { }
    public override void WriteWarningLine(string message) => Warnings.Enqueue(message);
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();
}
}
'@
}

function New-RecordedPowerShell {
    <# A [powershell] on a runspace of its own whose host is a RecordingHost: { PowerShell, Runspace, Host }. Dispose both. #>
    $recording = [QomonTests.RecordingHost]::new()
    $runspace = [runspacefactory]::CreateRunspace($recording)
    $runspace.Open()
    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    [pscustomobject]@{ PowerShell = $ps; Runspace = $runspace; Host = $recording }
}

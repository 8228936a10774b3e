#requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, runs and packages Qomon.PowerShell.
.DESCRIPTION
    Tasks:
      Build     compiles the solution and assembles the importable module in module/Qomon/
      Test      Build, then every xunit and Pester test and TestDesktop; ends with "Tests: N passed, N failed"
      TestDesktop  Build, then the .NET Framework 4.7.2 check on Mono (installs Debian's mono-runtime if missing):
                the built module/Qomon as shipped, the module's assembly rule, Qomon.Client against the emulator
      Emulator  runs the Qomon API emulator in the foreground (extra arguments go to it)
      Demo      runs examples/demo.ps1 against the embedded emulator
      Bench     runs the benchmark (bench/) and writes bench/results/
      Package   builds the release zip and nupkg under artifacts/
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Emulator -EmulatorArguments '--seed','500','--api-key','demo'
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'TestDesktop', 'Emulator', 'Demo', 'Bench', 'Package')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [string[]] $EmulatorArguments = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'tools/Build.psm1') -Force

# A log gets plain text. PowerShell colours its formatting and error view with ANSI codes even when the output
# goes to a file or a pipe, and the pwsh and dotnet processes the tasks start decide again for themselves; so
# when this output is redirected, or NO_COLOR or $PSStyle asks for plain text, this session renders plain and
# NO_COLOR tells the children.
$redirected = [Console]::IsOutputRedirected -or [Console]::IsErrorRedirected
$plain = $redirected -or $null -ne $env:NO_COLOR -or $PSStyle.OutputRendering -eq 'PlainText'
$rendering = $PSStyle.OutputRendering
$noColor = $env:NO_COLOR
if ($plain) { $PSStyle.OutputRendering = 'PlainText'; $env:NO_COLOR = '1' }
try {
    switch ($Task) {
        'Build'    { Invoke-QomonBuild -Configuration $Configuration | Out-Null }
        'Test'     { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonTests -Configuration $Configuration }
        'TestDesktop' { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonDesktopTests -Configuration $Configuration }
        'Emulator' { Invoke-QomonEmulator -Configuration $Configuration -Arguments $EmulatorArguments }
        'Demo'     { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonDemo }
        'Bench'    { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonBench -Configuration $Configuration }
        'Package'  { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonPackage }
    }
}
finally {
    $env:NO_COLOR = $noColor
    # Kept plain when redirected: PowerShell shows a failed task's error after this script has ended.
    if (-not $redirected) { $PSStyle.OutputRendering = $rendering }
}

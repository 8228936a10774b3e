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

switch ($Task) {
    'Build'    { Invoke-QomonBuild -Configuration $Configuration | Out-Null }
    'Test'     { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonTests -Configuration $Configuration }
    'TestDesktop' { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonDesktopTests -Configuration $Configuration }
    'Emulator' { Invoke-QomonEmulator -Configuration $Configuration -Arguments $EmulatorArguments }
    'Demo'     { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonDemo }
    'Bench'    { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonBench -Configuration $Configuration }
    'Package'  { Invoke-QomonBuild -Configuration $Configuration | Out-Null; Invoke-QomonPackage }
}

# Runs the Pester suite in this (fresh) process against the built module and writes a JSON summary.
param(
    [Parameter(Mandatory)] [string] $PesterRoot,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PesterRoot 'Pester.psd1') -Force
$root = Split-Path $PSScriptRoot -Parent
$env:QOMON_TEST_MODULE = Join-Path $root 'module/Qomon/Qomon.psd1'
$env:QOMON_TEST_EMULATOR = Join-Path $root "src/Qomon.Emulator/bin/$Configuration/net10.0/Qomon.Emulator.dll"

$config = New-PesterConfiguration
$config.Run.Path = Join-Path $root 'tests/Qomon.PowerShell.Tests'
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($SummaryPath, '.xml')
$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } | ConvertTo-Json | Set-Content $SummaryPath

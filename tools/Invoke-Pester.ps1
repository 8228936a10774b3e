# Runs the Pester suite in this (fresh) process against the built module and writes a JSON summary.
# The write suites then run a second time against the emulator's harsh profile (QOMON_TEST_EMULATOR_PROFILE=harsh:
# strict, the customfields key, soft-deleted rows, unknown fields stored, a lagging search index, no Retry-After),
# so that a green run means no data is lost on an API less kind than the defaults. Passed/Failed/Skipped count
# both runs; Harsh holds the second run's own counts.
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

$suites = Join-Path $root 'tests/Qomon.PowerShell.Tests'
# Paths under tests/Qomon.PowerShell.Tests. The journal's undo reads contacts back and writes them whole, so it runs
# under harsh too (soft-deleted rows, unknown fields); Journal.Kill stays out: it kills pwsh mid-run five times over and takes minutes.
$harshSuites = @('SetContact.Merge.Tests.ps1', 'SetContact.Replace.Tests.ps1', 'SetContact.Conflict.Tests.ps1',
    'SetContact.Upsert.Tests.ps1', 'SetContact.UpsertConflict.Tests.ps1', 'SetContact.UpsertVerify.Tests.ps1', 'SetContact.UpsertRealRate.Tests.ps1' |
        ForEach-Object { "Write/$_" }) + @(
    Get-ChildItem (Join-Path $suites 'Write') -Filter 'SetContact.Faults*.Tests.ps1' | Sort-Object Name | ForEach-Object { "Write/$($_.Name)" }) +
    @('Journal/Journal.Tests.ps1', 'Journal/Undo.Tests.ps1', 'Journal/Undo.Bulk.Tests.ps1')

function Invoke-Run([string[]] $Path, [string] $ResultPath) {
    $config = New-PesterConfiguration
    $config.Run.Path = $Path
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = $ResultPath
    $result = Invoke-Pester -Configuration $config
    [pscustomobject]@{
        Passed  = $result.PassedCount
        Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        Skipped = $result.SkippedCount
    }
}

$default = Invoke-Run -Path (Join-Path $root 'tests/Qomon.PowerShell.Tests') -ResultPath ([IO.Path]::ChangeExtension($SummaryPath, '.xml'))

Write-Host "Write suites again under the emulator's harsh profile: $($harshSuites -join ', ')"
$env:QOMON_TEST_EMULATOR_PROFILE = 'harsh'
try { $harsh = Invoke-Run -Path @($harshSuites | ForEach-Object { Join-Path $suites $_ }) -ResultPath ([IO.Path]::ChangeExtension($SummaryPath, '.harsh.xml')) }
finally { Remove-Item Env:QOMON_TEST_EMULATOR_PROFILE }

[ordered]@{
    Passed  = $default.Passed + $harsh.Passed
    Failed  = $default.Failed + $harsh.Failed
    Skipped = $default.Skipped + $harsh.Skipped
    Harsh   = [ordered]@{ Suites = $harshSuites; Passed = $harsh.Passed; Failed = $harsh.Failed; Skipped = $harsh.Skipped }
} | ConvertTo-Json -Depth 3 | Set-Content $SummaryPath

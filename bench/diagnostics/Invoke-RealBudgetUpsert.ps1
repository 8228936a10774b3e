#requires -Version 7.2
<#
.SYNOPSIS
    Diagnostic for scenario 8 at Qomon's real refill (10 tokens/s): what a verified upsert costs per record when the
    records trickle instead of arriving 25 a second, and how many contacts an hour that makes.
.DESCRIPTION
    Scenario 8 scales the refill up 5 times so that it runs in minutes. The upsert path shares its search pages
    (the check for contacts changed since they were read, the verification) among the records that ask within a
    short window, so fewer records per second could mean more tokens per record. This runs -WriteMethod Auto alone,
    on the same emulator settings but at 10 tokens/s, and prints tokens per record, contacts an hour and the
    requests by route. About 4 minutes per 1,000 records and case.
.PARAMETER DetailsPath
    Also writes the runs' details (the scenario's JSON details: summaries, counters, per-contact check) there.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/diagnostics/Invoke-RealBudgetUpsert.ps1 -Records 2000 -Cases 8a.
#>
param([int] $Records = 2000, [string[]] $Cases = @('8a.', '8b.'), [double] $Rate = 10, [string] $DetailsPath)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'
$bench = Split-Path $PSScriptRoot -Parent
$root = Split-Path $bench -Parent
foreach ($module in 'BenchEmulator', 'ChildPwsh', 'BenchReport', 'BenchMachine', 'BuildSnapshot', 'ContactStateCheck') { Import-Module (Join-Path $bench "lib/$module.psm1") -Force }
. (Join-Path $bench 'scenarios/UpsertBulk.ps1')

$snapshot = New-BuildSnapshot -ModuleDirectory (Join-Path $root 'module/Qomon') -EmulatorDll (Join-Path $root 'src/Qomon.Emulator/bin/Release/net10.0/Qomon.Emulator.dll')
$context = [pscustomobject]@{ Bench = $bench; Runners = Join-Path $bench 'runners'; ModulePath = $snapshot.ModulePath; EmulatorDll = $snapshot.EmulatorDll }
$result = Invoke-UpsertBulkScenario -Context $context -UpsertRecords $Records -Rate $Rate -Cases $Cases -Methods Auto
if ($DetailsPath) { $result.Details | ConvertTo-Json -Depth 12 | Set-Content -Path $DetailsPath -Encoding utf8NoBOM }
foreach ($run in $result.Details.Runs) {
    $r = $run.Result
    $tokensPerRecord = $r.Emulator.Tokens / $r.Records
    [pscustomobject][ordered]@{
        Case               = $run.Case
        Records            = $r.Records
        Seconds            = [math]::Round($r.Seconds, 1)
        TokensPerRecord    = [math]::Round($tokensPerRecord, 2)
        ContactsPerHour    = [math]::Round(3600 * $Rate / $tokensPerRecord)
        MeasuredPerHour    = [math]::Round(3600 * $r.Records / $r.Seconds)
        Throttled          = $r.Emulator.Throttled
        UpdatedByUpsert    = $r.UpdatedByUpsert
        UpsertFallbacks    = $r.UpsertFallbacks
        Wrong              = $run.Check.Wrong
        SummaryRight       = $run.Check.SummaryRight
        Routes             = ($r.Emulator.Routes.PSObject.Properties | ForEach-Object { "$($_.Name): $($_.Value)" }) -join '; '
    }
}

#requires -Version 7.2
<#
.SYNOPSIS
    Issue 5's benchmark: the module against the Qomon emulator and against the hand-written baseline script.
.DESCRIPTION
    Called by `./build.ps1 -Task Bench` after the build. Runs the six scenarios (bench/scenarios/), each against
    its own emulator process, each measured run in a fresh pwsh (bench/runners/), then prints the results table
    and writes it as Markdown and JSON to bench/results/ (latest.* and a dated copy). See bench/README.md.
.PARAMETER Scenario
    Run only these scenarios (numbers 1-6); all by default.
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [ValidateRange(1, 6)]
    [int[]] $Scenario = @(1, 2, 3, 4, 5, 6),
    [string] $ResultsDirectory = (Join-Path $PSScriptRoot 'results')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'

$root = Split-Path $PSScriptRoot -Parent
foreach ($module in 'BenchEmulator', 'ChildPwsh', 'BenchReport', 'BenchMachine') { Import-Module (Join-Path $PSScriptRoot "lib/$module.psm1") -Force }
foreach ($file in Get-ChildItem (Join-Path $PSScriptRoot 'scenarios') -Filter *.ps1) { . $file.FullName }

$context = [pscustomobject]@{
    Bench       = $PSScriptRoot
    Runners     = Join-Path $PSScriptRoot 'runners'
    ModulePath  = Join-Path $root 'module/Qomon/Qomon.psd1'
    EmulatorDll = Join-Path $root "src/Qomon.Emulator/bin/$Configuration/net10.0/Qomon.Emulator.dll"
}
if (-not (Test-Path $context.ModulePath)) { throw "The module is not built: run ./build.ps1 -Task Build first ($($context.ModulePath))." }
if (-not (Test-Path $context.EmulatorDll)) { throw "The emulator is not built: $($context.EmulatorDll)" }

$machine = Get-BenchMachine
# String keys: an ordered dictionary indexed by an int reads by position, not by key.
$scenarios = [ordered]@{
    '1' = { Invoke-BudgetBoundMergeScenario -Context $context }
    '2' = { Invoke-LatencyBoundMergeScenario -Context $context }
    '3' = { Invoke-StreamingReadScenario -Context $context }
    '4' = { Invoke-MergeCostScenario -Context $context }
    '5' = { Invoke-ImportCostScenario -Context $context }
    '6' = { Invoke-TokensPerRecordScenario -Context $context }
}
$rows = [System.Collections.Generic.List[object]]::new()
$details = [ordered]@{}
$total = [System.Diagnostics.Stopwatch]::StartNew()
foreach ($number in $scenarios.Keys) {
    if ($Scenario -notcontains [int]$number) { continue }
    Write-Host "Scenario $number..."
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $result = & $scenarios[$number]
    $result.Details.Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
    $details["Scenario$number"] = $result.Details
    foreach ($row in $result.Rows) { $rows.Add($row) }
    Write-Host ("Scenario {0} done in {1:0} s (load average {2})." -f $number, $clock.Elapsed.TotalSeconds, (Get-BenchLoad))
}
$machine | Add-Member -NotePropertyName LoadAverageAtEnd -NotePropertyValue (Get-BenchLoad)
$machine | Add-Member -NotePropertyName BenchSeconds -NotePropertyValue ([math]::Round($total.Elapsed.TotalSeconds))

$notes = @(
    'Module: Set-QomonContact and Get-QomonContact with their defaults (merge, -BatchSize 100, -ThrottleLimit 8). Baseline: bench/baseline/Baseline.ps1.'
    'Every measured run is a fresh pwsh process; only the command itself is timed (not pwsh start, import or connect).'
    'Scenario 1: tokens/s ÷ refill leaves out the 100 tokens the bucket holds at the start: (tokens − burst) ÷ seconds ÷ rate. The baseline runs 500 updates (its rate is steady after a few).'
    'Real budget (10 tokens/s, 6 per merge update): the best possible is 6,000 contacts per hour; a client at utilisation u gets u × 6,000.'
    "Load average (1, 5, 15 min) at start $($machine.LoadAverageAtStart), at end $($machine.LoadAverageAtEnd): above the core count, other work shares the cores and stretches every wall-clock figure."
)
$table = Write-BenchResults -Directory $ResultsDirectory -Rows $rows -Machine $machine -Details $details -Notes $notes
Write-Host ''
Write-Host $table
Write-Host ''
Write-Host ("Benchmark finished in {0:0} s; results in {1}." -f $total.Elapsed.TotalSeconds, (Join-Path $ResultsDirectory 'latest.md'))

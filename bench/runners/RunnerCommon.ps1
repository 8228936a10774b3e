# Shared by the runner scripts, each of which runs in its own fresh pwsh process (started by
# bench/lib/ChildPwsh.psm1): read the parameters the orchestrator wrote, read the emulator's counters, measure
# this process's peak memory, and hand a result back as JSON. Dot-source it.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'  # progress rendering is not what is being measured

function Read-RunnerParameters([string] $Path) {
    Get-Content -Raw -Path $Path | ConvertFrom-Json
}

# $Measured (from Stop-RunnerMeasure) adds Seconds, CpuSeconds, Scheduler and Emulator to the result.
function Write-RunnerResult([string] $Path, $Result, $Measured = $null) {
    if ($Measured) { foreach ($key in $Measured.Keys) { $Result[$key] = $Measured[$key] } }
    $Result | ConvertTo-Json -Depth 8 | Set-Content -Path $Path -Encoding utf8NoBOM
}

function Get-EmulatorCounters([string] $Url) {
    Invoke-RestMethod -Uri "$Url/_emulator/stats"
}

# What the emulator counted between two stats snapshots: tokens, 429s, and requests per route and status.
function Get-EmulatorDelta($Before, $After) {
    $routes = [ordered]@{}
    foreach ($route in $After.requests.PSObject.Properties) {
        $was = $Before.requests.PSObject.Properties[$route.Name]
        foreach ($status in $route.Value.PSObject.Properties) {
            $previous = if ($was -and $was.Value.PSObject.Properties[$status.Name]) { $was.Value.($status.Name) } else { 0 }
            if ($status.Value - $previous -ne 0) { $routes["$($route.Name) $($status.Name)"] = $status.Value - $previous }
        }
    }
    [ordered]@{
        Tokens    = $After.tokensSpent - $Before.tokensSpent
        Throttled = $After.throttled - $Before.throttled
        Requests  = $After.requestsTotal - $Before.requestsTotal
        Routes    = $routes
    }
}

# The most physical memory this process has held (VmHWM on Linux, the same figure as PeakWorkingSet64).
function Get-PeakWorkingSetBytes {
    if (Test-Path /proc/self/status) {
        $line = Select-String -Path /proc/self/status -Pattern '^VmHWM:\s+(\d+)\s+kB' | Select-Object -First 1
        if ($line) { return [long]$line.Matches[0].Groups[1].Value * 1024 }
    }
    [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
}

# CPU time this process has used so far; compared with the wall time it shows whether a run was CPU-bound.
function Get-CpuSeconds {
    [System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalSeconds
}

Import-Module (Join-Path $PSScriptRoot '../lib/SchedStat.psm1')

# Around the measured command only: Start-RunnerMeasure just before it, Stop-RunnerMeasure just after, which gives
# its wall time, this process's CPU time and run-queue wait, and what the emulator counted meanwhile.
function Start-RunnerMeasure([string] $Url) {
    $before = Get-EmulatorCounters $Url
    [pscustomobject]@{ Url = $Url; Before = $before; Cpu = Get-CpuSeconds; Sched = Get-SchedStat; Clock = [System.Diagnostics.Stopwatch]::StartNew() }
}

function Stop-RunnerMeasure($Measure) {
    $Measure.Clock.Stop()
    $cpu = (Get-CpuSeconds) - $Measure.Cpu
    $sched = Get-SchedStatDelta $Measure.Sched (Get-SchedStat)
    [ordered]@{
        Seconds    = $Measure.Clock.Elapsed.TotalSeconds
        CpuSeconds = $cpu
        Scheduler  = $sched
        Emulator   = Get-EmulatorDelta $Measure.Before (Get-EmulatorCounters $Measure.Url)
    }
}

# What the module's connection counted: requests, 429s, retries and the time spent waiting to retry.
function Get-RunnerClientCounters {
    $counters = (Get-QomonConnection).Counters
    [ordered]@{ Requests = $counters.Requests; Throttled = $counters.Throttled; Retries = $counters.Retries; RetryWaitSec = $counters.RetryWait.TotalSeconds }
}

# The Qomon.RunSummary a write command left in its -InformationVariable.
function Get-RunnerSummary($Information) {
    $Information | Where-Object { $_.Tags -contains 'Qomon.Summary' } | Select-Object -Last 1 -ExpandProperty MessageData
}

# Shared by the runner scripts, each of which runs in its own fresh pwsh process (started by
# bench/lib/ChildPwsh.psm1): read the parameters the orchestrator wrote, read the emulator's counters, measure
# this process's peak memory, and hand a result back as JSON. Dot-source it.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'  # progress rendering is not what is being measured

function Read-RunnerParameters([string] $Path) {
    Get-Content -Raw -Path $Path | ConvertFrom-Json
}

function Write-RunnerResult([string] $Path, $Result) {
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

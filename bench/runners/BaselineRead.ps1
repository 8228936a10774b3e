# The admin's paging loop (bench/baseline/Baseline.ps1) streamed to a CSV file, in a fresh process; then this
# process's peak memory. Same shape as ModuleRead.ps1.
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot 'RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath
. (Join-Path $PSScriptRoot '../baseline/Baseline.ps1')

$csv = Join-Path ([IO.Path]::GetTempPath()) ("qomon-bench-baseline-$PID.csv")
try {
    $cpu = Get-CpuSeconds
    $sched = Get-SchedStat
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    Get-BaselineAllContacts -BaseUri $p.Url -ApiKey $p.ApiKey | Export-Csv -Path $csv -NoTypeInformation
    $clock.Stop()
    $cpu = (Get-CpuSeconds) - $cpu
    $sched = Get-SchedStatDelta $sched (Get-SchedStat)
    $peak = Get-PeakWorkingSetBytes
    $rows = [System.Linq.Enumerable]::Count([IO.File]::ReadLines($csv)) - 1
}
finally { Remove-Item $csv -ErrorAction SilentlyContinue }
Write-RunnerResult $ResultPath ([ordered]@{ Contacts = $rows; Seconds = $clock.Elapsed.TotalSeconds; CpuSeconds = $cpu; Scheduler = $sched; PeakWorkingSetBytes = $peak })

# The same bulk update as ModuleMerge.ps1, done the way an admin's script does it (bench/baseline/Baseline.ps1):
# one contact at a time, GET, change, PATCH the whole object, sleep on 429. Only the loop is timed.
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot 'RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath
. (Join-Path $PSScriptRoot '../baseline/Baseline.ps1')

$ids = [long[]]$p.Ids
Start-Sleep -Milliseconds $p.SettleMilliseconds
$before = Get-EmulatorCounters $p.Url
$failed = 0
$cpu = Get-CpuSeconds
$sched = Get-SchedStat
$clock = [System.Diagnostics.Stopwatch]::StartNew()
foreach ($id in $ids) {
    try { Update-BaselineContact -BaseUri $p.Url -ApiKey $p.ApiKey -Id $id -Changes @{ mobile = $p.MobilePrefix + ($id % 1000000).ToString('000000') } }
    catch { $failed++ }
}
$clock.Stop()
$cpu = (Get-CpuSeconds) - $cpu
$sched = Get-SchedStatDelta $sched (Get-SchedStat)
$after = Get-EmulatorCounters $p.Url

Write-RunnerResult $ResultPath ([ordered]@{
    Records  = $ids.Count
    Seconds  = $clock.Elapsed.TotalSeconds
    CpuSeconds = $cpu
    Scheduler     = $sched
    Updated  = $ids.Count - $failed
    Failed   = $failed
    Emulator = Get-EmulatorDelta $before $after
})

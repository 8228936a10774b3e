# Every contact of the space streamed to a CSV file with the module, in a fresh process; then this process's
# peak memory. Flat memory means each page is written out and let go as the next one arrives.
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot 'RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath

Import-Module $p.ModulePath
Connect-Qomon -ApiKey (ConvertTo-SecureString $p.ApiKey -AsPlainText -Force) -BaseUri $p.Url
$csv = Join-Path ([IO.Path]::GetTempPath()) ("qomon-bench-module-$PID.csv")
try {
    $cpu = Get-CpuSeconds
    $sched = Get-SchedStat
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    # pwsh's default preference for the measured command (RunnerCommon sets Stop for the harness).
    $ErrorActionPreference = 'Continue'
    try { Get-QomonContact -All | Export-Csv -Path $csv -NoTypeInformation }
    finally { $ErrorActionPreference = 'Stop' }
    $clock.Stop()
    $cpu = (Get-CpuSeconds) - $cpu
    $sched = Get-SchedStatDelta $sched (Get-SchedStat)
    $peak = Get-PeakWorkingSetBytes   # before anything else can raise the high-water mark
    $rows = [System.Linq.Enumerable]::Count([IO.File]::ReadLines($csv)) - 1
}
finally { Remove-Item $csv -ErrorAction SilentlyContinue }
Write-RunnerResult $ResultPath ([ordered]@{ Contacts = $rows; Seconds = $clock.Elapsed.TotalSeconds; CpuSeconds = $cpu; Scheduler = $sched; PeakWorkingSetBytes = $peak })

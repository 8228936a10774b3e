# Diagnostic, not part of the table: scenario 3's module read (as runners/ModuleRead.ps1) with the memory
# sampled every 250 ms (MemorySampler.cs), then what stays after a full collection. Run by
# diagnostics/Invoke-ReadMemoryTrace.ps1.
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot '../runners/RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath
Add-Type -Path (Join-Path $PSScriptRoot 'MemorySampler.cs')

if ($p.Command -ne 'Baseline') {
    Import-Module $p.ModulePath
    Connect-Qomon -ApiKey (ConvertTo-SecureString $p.ApiKey -AsPlainText -Force) -BaseUri $p.Url
}
$extra = @{}
if ($p.PageSize) { $extra.PageSize = $p.PageSize }
$csv = Join-Path ([IO.Path]::GetTempPath()) ("qomon-bench-memory-$PID.csv")
$sampler = [QomonBench.MemorySampler]::new(250)
try {
    $ErrorActionPreference = 'Continue'
    try {
        if ($p.Command -eq 'Baseline') {
            . (Join-Path $PSScriptRoot '../baseline/Baseline.ps1')
            Get-BaselineAllContacts -BaseUri $p.Url -ApiKey $p.ApiKey | Export-Csv -Path $csv -NoTypeInformation
        }
        else { Get-QomonContact -All @extra | Export-Csv -Path $csv -NoTypeInformation }
    }
    finally { $ErrorActionPreference = 'Stop' }
}
finally { $sampler.Dispose(); Remove-Item $csv -ErrorAction SilentlyContinue }
$peak = Get-PeakWorkingSetBytes
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
Write-RunnerResult $ResultPath ([ordered]@{
    Command            = "$($p.Command) PageSize=$(if ($p.PageSize) { $p.PageSize } else { 'default' })"
    PeakWorkingSetMB   = [math]::Round($peak / 1MB)
    RetainedAfterRunMB = [math]::Round([GC]::GetTotalMemory($true) / 1MB, 1)
    Timeline           = $sampler.Timeline(12)
})

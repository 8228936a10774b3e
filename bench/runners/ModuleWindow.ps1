# Scenario 7: a bulk merge with the module (as ModuleMerge.ps1), with the start of every HTTP request recorded
# in-process (RequestTimeline.cs), to measure for each contact the time from its last read to its PATCH: the
# window in which another user's edit of any other field would be undone by the write.
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot 'RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath
Add-Type -Path (Join-Path $PSScriptRoot 'RequestTimeline.cs')
$timeline = [QomonBench.RequestTimeline]::new()

Import-Module $p.ModulePath
Connect-Qomon -ApiKey (ConvertTo-SecureString $p.ApiKey -AsPlainText -Force) -BaseUri $p.Url
$rows = foreach ($id in $p.Ids) { [pscustomobject]@{ Id = $id; mobile = $p.MobilePrefix + ($id % 1000000).ToString('000000') } }
$null = Get-QomonForm   # the form catalog is read once per connection; not part of the merge
Start-Sleep -Milliseconds $p.SettleMilliseconds

$before = Get-EmulatorCounters $p.Url
$timeline.Start()
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$ErrorActionPreference = 'Continue'
try { $rows | Set-QomonContact -WriteMethod Patch -InformationVariable summary }
finally { $ErrorActionPreference = 'Stop' }
$clock.Stop()
$timeline.Stop()
$after = Get-EmulatorCounters $p.Url

$windows = @($timeline.Windows() | Sort-Object)
$run = $summary | Where-Object { $_.Tags -contains 'Qomon.Summary' } | Select-Object -Last 1 -ExpandProperty MessageData
Write-RunnerResult $ResultPath ([ordered]@{
    Records        = $rows.Count
    Seconds        = $clock.Elapsed.TotalSeconds
    Updated        = $run.Updated
    Failed         = $run.Failed + $run.Conflicts
    Reads          = $timeline.Count('GET')
    Writes         = $timeline.Count('PATCH')
    WindowMedian   = if ($windows.Count) { $windows[[int][Math]::Floor(($windows.Count - 1) / 2)] } else { $null }
    WindowMax      = if ($windows.Count) { $windows[-1] } else { $null }
    WindowsOverOne = @($windows | Where-Object { $_ -gt 1 }).Count
    Emulator       = Get-EmulatorDelta $before $after
})

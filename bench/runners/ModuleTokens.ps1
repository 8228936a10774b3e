# Tokens per record with the module, counted by the emulator: a merge that changes a contact, and the same
# records again, now unchanged. The connection's one-time costs (its validation read, the form catalog a
# write command loads once) are paid by a first one-record command, outside the counted runs.
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot 'RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath

Import-Module $p.ModulePath
Connect-Qomon -ApiKey (ConvertTo-SecureString $p.ApiKey -AsPlainText -Force) -BaseUri $p.Url
$ids = [long[]]$p.Ids
$rows = foreach ($id in $ids) { [pscustomobject]@{ Id = $id; mobile = $p.MobilePrefix + ($id % 1000000).ToString('000000') } }

$start = Get-EmulatorCounters $p.Url
$rows[0] | Set-QomonContact -WriteMethod Patch
$warm = Get-EmulatorCounters $p.Url
$rows[1..($rows.Count - 1)] | Set-QomonContact -WriteMethod Patch -InformationVariable changedRun
$changed = Get-EmulatorCounters $p.Url
$rows[1..($rows.Count - 1)] | Set-QomonContact -WriteMethod Patch -InformationVariable unchangedRun
$unchanged = Get-EmulatorCounters $p.Url

$summary = { param($info) $info | Where-Object { $_.Tags -contains 'Qomon.Summary' } | Select-Object -Last 1 -ExpandProperty MessageData }
Write-RunnerResult $ResultPath ([ordered]@{
    Records          = $rows.Count - 1
    OneTime          = Get-EmulatorDelta $start $warm
    Changed          = Get-EmulatorDelta $warm $changed
    ChangedOutcome   = (& $summary $changedRun) | Select-Object Updated, Unchanged, Failed
    Unchanged        = Get-EmulatorDelta $changed $unchanged
    UnchangedOutcome = (& $summary $unchangedRun) | Select-Object Updated, Unchanged, Failed
})

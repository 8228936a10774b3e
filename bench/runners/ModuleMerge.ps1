# One bulk merge update with the module, in a fresh process: every id gets a new mobile number through
# Set-QomonContact -WriteMethod Patch with its other defaults (merge, -BatchSize 100, -ThrottleLimit 8 unless the
# scenario says otherwise): these scenarios measure the PATCH path; scenario 8 has its own runner for Auto.
# Only the pipeline is timed: the input rows are built, the module imported and the connection opened before.
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot 'RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath
if (-not $p.PSObject.Properties['ErrorActionPreference']) { $p | Add-Member ErrorActionPreference 'Continue' }

Import-Module $p.ModulePath
Connect-Qomon -ApiKey (ConvertTo-SecureString $p.ApiKey -AsPlainText -Force) -BaseUri $p.Url
$rows = foreach ($id in $p.Ids) { [pscustomobject]@{ Id = $id; mobile = $p.MobilePrefix + ($id % 1000000).ToString('000000') } }
$extra = @{}
if ($p.PSObject.Properties['ThrottleLimit'] -and $p.ThrottleLimit) { $extra.ThrottleLimit = $p.ThrottleLimit }
if ($p.PSObject.Properties['Journal'] -and $p.Journal) { $extra.Journal = $p.Journal }
# A full bucket at the start, as in any fresh run: the connection's one validation read has been refilled.
Start-Sleep -Milliseconds $p.SettleMilliseconds

$measure = Start-RunnerMeasure $p.Url
# Set-QomonContact writes one record at a time when $ErrorActionPreference is Stop (so that the first error is
# the last thing that happened). RunnerCommon sets Stop for the harness itself, so the measured command runs
# under the preference the scenario names: pwsh's default, Continue, unless it asks for Stop (a runbook's habit).
$ErrorActionPreference = $p.ErrorActionPreference
try { $rows | Set-QomonContact -WriteMethod Patch -InformationVariable summary @extra }
finally { $ErrorActionPreference = 'Stop' }
$measured = Stop-RunnerMeasure $measure

$run = Get-RunnerSummary $summary
Write-RunnerResult $ResultPath ([ordered]@{
    Records       = $rows.Count
    Updated       = $run.Updated
    Unchanged     = $run.Unchanged
    Failed        = $run.Failed + $run.Conflicts
    BudgetWaitSec = $run.BudgetWait.TotalSeconds
    JournalBytes  = $(if ($extra.ContainsKey('Journal')) { (Get-Item $extra['Journal']).Length } else { 0 })
    Client        = Get-RunnerClientCounters
}) -Measured $measured

# Scenario 8: one bulk update with Set-QomonContact -WriteMethod Auto or Patch, in a fresh process. The input is
# either contacts read by Get-QomonContact (the run's own tag as filter), changed in place (the answer through the
# Answers view: the contacts already hold one), or an Import-Csv of ids with the changed columns; the read and the import are part of the timed pipeline, as in a real runbook.
# A value Qomon drops: the space lacks it, but the cached form catalog is given it before the run, as when a value
# is removed in Qomon after the forms were read; the client then sends it, and only Qomon can refuse it.
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot 'RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath

Import-Module $p.ModulePath
Connect-Qomon -ApiKey (ConvertTo-SecureString $p.ApiKey -AsPlainText -Force) -BaseUri $p.Url
# The form catalog is read once per connection; the run measures the writes, not that read.
$form = Get-QomonForm | Where-Object Label -EQ $p.Dropped.Form
$form.RefValues.Add([Qomon.Client.Model.QomonRefValue]@{ Id = $p.Dropped.RefId; FormId = $form.Id; Value = $p.Dropped.Value; Label = $p.Dropped.Label })
$changes = @{}
foreach ($change in $p.Changes) { $changes["$($change.Id)"] = $change }
Start-Sleep -Milliseconds $p.SettleMilliseconds

$measure = Start-RunnerMeasure $p.Url
# Not Stop, which writes one record at a time: the scenario measures pwsh's default, Continue.
$ErrorActionPreference = 'Continue'
try {
    if ($p.Input -eq 'Search') {
        Get-QomonContact -Filter @{ tags = $p.Tag } -All |
            ForEach-Object { $change = $changes["$($_.id)"]; $_.mobile = $change.Mobile; $_.Answers.($p.Dropped.Form) = $change.Answer; $_ } |
            Set-QomonContact -WriteMethod $p.WriteMethod -InformationVariable summary -ErrorVariable failures
    }
    else {
        Import-Csv -Path $p.CsvPath | Set-QomonContact -WriteMethod $p.WriteMethod -InformationVariable summary -ErrorVariable failures
    }
}
finally { $ErrorActionPreference = 'Stop' }
$measured = Stop-RunnerMeasure $measure

$run = Get-RunnerSummary $summary
Write-RunnerResult $ResultPath ([ordered]@{
    Records         = $p.Changes.Count
    Updated         = $run.Updated
    UpdatedByUpsert = $run.UpdatedByUpsert
    UpdatedByPatch  = $run.UpdatedByPatch
    UpsertFallbacks = $run.UpsertFallbacks
    Unchanged       = $run.Unchanged
    Failed          = $run.Failed
    Conflicts       = $run.Conflicts
    OutcomeUnknown  = $run.OutcomeUnknown
    Summary         = "$run"
    BudgetWaitSec   = $run.BudgetWait.TotalSeconds
    # Each error's target is the contact id when known: the scenario checks them against the emulator's state.
    Failures        = @($failures | ForEach-Object { [ordered]@{ Id = "$($_.TargetObject)"; ErrorId = $_.FullyQualifiedErrorId; Message = "$($_.ErrorDetails.Message)" } })
    Client          = Get-RunnerClientCounters
}) -Measured $measured

# Diagnostic, not part of the table: the module's bulk merge (as runners/ModuleMerge.ps1) with every HTTP
# request's start and stop recorded in-process (InFlightTrace.cs), to see how many requests the module keeps
# in flight. Run by diagnostics/Invoke-InFlightTrace.ps1.
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot '../runners/RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath
Add-Type -Path (Join-Path $PSScriptRoot 'InFlightTrace.cs')
$trace = [QomonBench.InFlightTrace]::new()

Import-Module $p.ModulePath
Connect-Qomon -ApiKey (ConvertTo-SecureString $p.ApiKey -AsPlainText -Force) -BaseUri $p.Url
$rows = foreach ($id in $p.Ids) { [pscustomobject]@{ Id = $id; mobile = $p.MobilePrefix + ($id % 1000000).ToString('000000') } }
$extra = @{}
if ($p.PSObject.Properties['ThrottleLimit'] -and $p.ThrottleLimit) { $extra.ThrottleLimit = $p.ThrottleLimit }
# ReadsOnly: a first, untraced pass writes the new values, so the traced pass finds every record unchanged
# and sends only its reads: it shows whether reads alone keep the throttle limit busy.
if ($p.PSObject.Properties['ReadsOnly'] -and $p.ReadsOnly) { $rows | Set-QomonContact -WriteMethod Patch @extra }
$trace.Start()
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$ErrorActionPreference = if ($p.PSObject.Properties['ErrorActionPreference']) { $p.ErrorActionPreference } else { 'Continue' }
try { $rows | Set-QomonContact -WriteMethod Patch @extra }
finally { $ErrorActionPreference = 'Stop' }
$clock.Stop()
$trace.Stop()
$summary = $trace.Summary()
$summary.Records = $rows.Count
$summary.ReadsOnly = [bool]($p.PSObject.Properties['ReadsOnly'] -and $p.ReadsOnly)
$summary.WallSeconds = $clock.Elapsed.TotalSeconds
$summary.ErrorActionPreference = if ($p.PSObject.Properties['ErrorActionPreference']) { $p.ErrorActionPreference } else { 'Continue' }
$summary.ThrottleLimit = if ($extra.ThrottleLimit) { $extra.ThrottleLimit } else { 8 }
Write-RunnerResult $ResultPath $summary

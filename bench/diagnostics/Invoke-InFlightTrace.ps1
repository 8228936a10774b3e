#requires -Version 7.2
<#
.SYNOPSIS
    Diagnostic for scenario 2: how many requests does Set-QomonContact keep in flight (bucket off, 50 ms)?
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/diagnostics/Invoke-InFlightTrace.ps1
#>
param([int] $Records = 300, [int[]] $ThrottleLimit = @(8), [int] $LatencyMs = 50, [switch] $ReadsOnly, [ValidateSet('Continue', 'Stop')] [string] $ErrorActionPreferenceInRun = 'Continue')
$ErrorActionPreference = 'Stop'
$root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
Import-Module (Join-Path $PSScriptRoot '../lib/BenchEmulator.psm1'), (Join-Path $PSScriptRoot '../lib/ChildPwsh.psm1')
$emulator = Start-BenchEmulator -EmulatorDll (Join-Path $root 'src/Qomon.Emulator/bin/Release/net10.0/Qomon.Emulator.dll') -Settings @{ seed = $Records * $ThrottleLimit.Count; rate = 0; 'latency-ms' = $LatencyMs }
try {
    $ids = Get-BenchContactIds $emulator ($Records * $ThrottleLimit.Count)
    $i = 0
    foreach ($limit in $ThrottleLimit) {
        Invoke-ChildPwsh -Script (Join-Path $PSScriptRoot 'TraceModuleMerge.ps1') -Parameters @{
            ModulePath = Join-Path $root 'module/Qomon/Qomon.psd1'; Url = $emulator.Url; ApiKey = $emulator.ApiKey
            Ids = $ids[($i * $Records)..(($i + 1) * $Records - 1)]; MobilePrefix = '+33 7 9' + $i + ' '; ThrottleLimit = $limit; ReadsOnly = [bool]$ReadsOnly; ErrorActionPreference = $ErrorActionPreferenceInRun
        } | ConvertTo-Json -Depth 4
        $i++
    }
}
finally { Stop-BenchEmulator $emulator }

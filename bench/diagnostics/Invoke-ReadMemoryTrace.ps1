#requires -Version 7.2
<#
.SYNOPSIS
    Diagnostic for scenario 3: how the module's (or the baseline's) memory evolves while it streams a space.
.EXAMPLE
    dotnet pwsh -NoProfile -Command './bench/diagnostics/Invoke-ReadMemoryTrace.ps1 -Contacts 50000'
#>
param([int] $Contacts = 50000, [ValidateSet('Module', 'Baseline')] [string] $Command = 'Module', [int] $PageSize = 0)
$ErrorActionPreference = 'Stop'
$root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
Import-Module (Join-Path $PSScriptRoot '../lib/BenchEmulator.psm1'), (Join-Path $PSScriptRoot '../lib/ChildPwsh.psm1')
$emulator = Start-BenchEmulator -EmulatorDll (Join-Path $root 'src/Qomon.Emulator/bin/Release/net10.0/Qomon.Emulator.dll') -Settings @{ seed = $Contacts; rate = 0; 'latency-ms' = 10 }
try {
    Invoke-ChildPwsh -Script (Join-Path $PSScriptRoot 'TraceModuleReadMemory.ps1') -Parameters @{
        ModulePath = Join-Path $root 'module/Qomon/Qomon.psd1'; Url = $emulator.Url; ApiKey = $emulator.ApiKey; Command = $Command; PageSize = $PageSize
    } | ConvertTo-Json -Depth 5
}
finally { Stop-BenchEmulator $emulator }

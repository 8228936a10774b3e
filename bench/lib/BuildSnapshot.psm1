# The benchmark measures one build. The module folder and the emulator's bin folder are rebuilt in place by
# every `./build.ps1 -Task Build`; a build running beside the benchmark (another shell, CI on the same box)
# would swap dlls under a measured run (seen: "Bad IL range" from Set-QomonContact mid-run). So the run copies
# both once, at its start, and uses only the copies.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function New-BuildSnapshot {
    <#
    .SYNOPSIS
        Copies module/Qomon and the emulator's output to a temporary folder; returns { Directory, ModulePath, EmulatorDll }.
    #>
    param([Parameter(Mandatory)] [string] $ModuleDirectory, [Parameter(Mandatory)] [string] $EmulatorDll)
    $snapshot = Join-Path ([IO.Path]::GetTempPath()) ('qomon-bench-build-' + [guid]::NewGuid().ToString('N'))
    $moduleCopy = Join-Path $snapshot 'Qomon'
    $emulatorCopy = Join-Path $snapshot 'emulator'
    New-Item -ItemType Directory -Path $moduleCopy, $emulatorCopy | Out-Null
    Copy-Item (Join-Path $ModuleDirectory '*') $moduleCopy -Recurse
    Copy-Item (Join-Path (Split-Path $EmulatorDll -Parent) '*') $emulatorCopy -Recurse
    [pscustomobject]@{
        Directory   = $snapshot
        ModulePath  = Join-Path $moduleCopy 'Qomon.psd1'
        EmulatorDll = Join-Path $emulatorCopy (Split-Path $EmulatorDll -Leaf)
    }
}

function Remove-BuildSnapshot($Snapshot) {
    if ($Snapshot) { Remove-Item $Snapshot.Directory -Recurse -Force -ErrorAction SilentlyContinue }
}

Export-ModuleMember -Function New-BuildSnapshot, Remove-BuildSnapshot

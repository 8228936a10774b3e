# The emulator as the benchmark drives it: one process per scenario, started with that scenario's settings,
# read through its control plane (/_emulator/*, loopback only, no key, never rate limited or counted).
# Same approach as the Pester helpers (tests/Qomon.PowerShell.Tests/TestHelpers), kept separate so the bench
# never imports test files.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1')   # New-PrioritizedStartInfo

function Start-BenchEmulator {
    <#
    .SYNOPSIS
        Starts the emulator on a free loopback port and returns { Url, ApiKey, Process, Settings, StartSeconds }.
    .PARAMETER Settings
        CLI settings without dashes, e.g. @{ seed = 5000; burst = 100; rate = 600; 'latency-ms' = 10 }.
    #>
    param(
        [Parameter(Mandatory)] [string] $EmulatorDll,
        [hashtable] $Settings = @{},
        [int] $TimeoutSec = 180
    )
    if (-not (Test-Path $EmulatorDll)) { throw "The emulator is not built: $EmulatorDll" }
    $apiKey = 'bench-' + [guid]::NewGuid().ToString('N')
    $start = New-PrioritizedStartInfo @('dotnet', $EmulatorDll, '--urls', 'http://127.0.0.1:0', '--api-key', $apiKey)
    foreach ($name in $Settings.Keys) {
        $start.ArgumentList.Add("--$name")
        $start.ArgumentList.Add([string]::Format([cultureinfo]::InvariantCulture, '{0}', $Settings[$name]))
    }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($start)
    # Standard error is drained so a chatty emulator can never block on a full pipe.
    $process.BeginErrorReadLine()

    # The emulator seeds every contact before it listens, so the URL line also marks the end of seeding.
    $url = $null
    while (-not $url) {
        $read = $process.StandardOutput.ReadLineAsync()
        $left = [int][Math]::Max(0, $TimeoutSec * 1000 - $clock.ElapsedMilliseconds)
        if (-not $read.Wait($left)) { $process.Kill($true); throw "The emulator did not announce its URL within $TimeoutSec s." }
        if ($null -eq $read.Result) { throw "The emulator exited (code $($process.ExitCode)) before announcing its URL." }
        if ($read.Result -match '^QOMON_EMULATOR_URL=(?<url>\S+)') { $url = $Matches.url.TrimEnd('/') }
    }
    [pscustomobject]@{
        Url          = $url
        ApiKey       = $apiKey
        Process      = $process
        Settings     = $Settings
        StartSeconds = $clock.Elapsed.TotalSeconds
    }
}

function Stop-BenchEmulator {
    param([AllowNull()] $Emulator)
    if ($null -eq $Emulator) { return }
    try { if (-not $Emulator.Process.HasExited) { $Emulator.Process.Kill($true); $null = $Emulator.Process.WaitForExit(10000) } }
    finally { $Emulator.Process.Dispose() }
}

function Get-BenchEmulatorStats {
    <# {requestsTotal, requests: {"GET /contacts/{id}": {"200": n}}, tokensSpent, throttled, faultsInjected, ...} #>
    param([Parameter(Mandatory)] [string] $Url)
    Invoke-RestMethod -Uri "$Url/_emulator/stats"
}

function Get-BenchContactIds {
    <# The first $Count contact ids of the space, in id order (one search page per 1000; the bucket must allow it). #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [int] $Count)
    $ids = [System.Collections.Generic.List[long]]::new()
    $headers = @{ Authorization = "Bearer $($Emulator.ApiKey)" }
    for ($page = 0; $ids.Count -lt $Count; $page++) {
        $body = @{ data = @{ advanced_search = @{ per_page = 1000; page = $page; query = @{ '$all' = @() } } } } | ConvertTo-Json -Depth 6 -Compress
        $contacts = @((Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/search" -Headers $headers -ContentType 'application/json' -Body $body).data.contacts)
        foreach ($contact in $contacts) { if ($ids.Count -lt $Count) { $ids.Add([long]$contact.id) } }
        if ($contacts.Count -lt 1000) { break }
    }
    if ($ids.Count -lt $Count) { throw "The emulator holds $($ids.Count) contacts; the scenario needs $Count." }
    , $ids.ToArray()
}

Export-ModuleMember -Function Start-BenchEmulator, Stop-BenchEmulator, Get-BenchEmulatorStats, Get-BenchContactIds

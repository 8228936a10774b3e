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
    <#
    .SYNOPSIS
        The first $Count contact ids of the space, in id order (one search page per 1000; the bucket must allow it).
    .PARAMETER Query
        A search tree, to take only the contacts it matches; all contacts by default.
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [int] $Count, [hashtable] $Query = @{ '$all' = @() })
    $ids = [System.Collections.Generic.List[long]]::new()
    $headers = @{ Authorization = "Bearer $($Emulator.ApiKey)" }
    for ($page = 0; $ids.Count -lt $Count; $page++) {
        $body = @{ data = @{ advanced_search = @{ per_page = 1000; page = $page; query = $Query } } } | ConvertTo-Json -Depth 10 -Compress
        $contacts = @((Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/search" -Headers $headers -ContentType 'application/json' -Body $body).data.contacts)
        foreach ($contact in $contacts) { if ($ids.Count -lt $Count) { $ids.Add([long]$contact.id) } }
        if ($contacts.Count -lt 1000) { break }
    }
    if ($ids.Count -lt $Count) { throw "The emulator holds $($ids.Count) contacts$(if ($PSBoundParameters.ContainsKey('Query')) { ' matching the query' }); the scenario needs $Count." }
    , $ids.ToArray()
}

function Set-BenchEmulatorConfig {
    <# Changes run-time settings (camelCase, e.g. @{ rate = 50; costUpsert = 5 }); a new rate or burst refills the buckets. #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Settings)
    $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/config" -ContentType 'application/json' -Body ($Settings | ConvertTo-Json -Compress)
}

function Add-BenchContactTag {
    <#
    .SYNOPSIS
        Tags contacts by the API's upsert (merge: other tags stay), so that a run can select its own contacts with a
        filter. Applied after the emulator's upsert delay and seen by search after its index lag: wait for both.
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [long[]] $Ids, [Parameter(Mandatory)] [string] $Tag)
    $headers = @{ Authorization = "Bearer $($Emulator.ApiKey)" }
    foreach ($id in $Ids) {
        $body = @{ kind = 'contact'; data = @{ id = $id; tags = @(@{ name = $Tag }) } } | ConvertTo-Json -Depth 5 -Compress
        $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/contacts/upsert" -Headers $headers -ContentType 'application/json' -Body $body
    }
}

Export-ModuleMember -Function Start-BenchEmulator, Stop-BenchEmulator, Get-BenchEmulatorStats, Get-BenchContactIds, Set-BenchEmulatorConfig, Add-BenchContactTag

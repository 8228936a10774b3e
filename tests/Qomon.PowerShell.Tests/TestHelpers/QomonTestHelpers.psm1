# Helpers shared by the Pester suites: start and drive the Qomon emulator, and connect the module to it.
# The emulator is `dotnet $env:QOMON_TEST_EMULATOR` (tools/Invoke-Pester.ps1 sets the path); its control plane
# (/_emulator/*) is loopback-only and needs no key. $env:QOMON_TEST_EMULATOR_PROFILE (e.g. 'harsh') starts every
# emulator with that --profile, before the suite's own settings, which therefore still win.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Start-TestEmulator {
    <#
    .SYNOPSIS
        Starts an emulator on a free loopback port and returns { Url, ApiKey, SecureApiKey, Process }.
    .PARAMETER Seed
        How many contacts to seed.
    .PARAMETER Settings
        Emulator settings by their CLI name without dashes (burst, rate, 'cost-write', 'latency-ms', ...) or camelCase.
        They are given after the profile of $env:QOMON_TEST_EMULATOR_PROFILE, when set, so they override it.
    .EXAMPLE
        $emulator = Start-TestEmulator -Seed 500 -Settings @{ burst = 100; rate = 500 }
    #>
    [CmdletBinding()]
    param(
        [int] $Seed = 100,
        [hashtable] $Settings = @{},
        [string] $ApiKey = ('test-key-' + [guid]::NewGuid().ToString('N')),
        [string[]] $AdditionalApiKey = @(),
        [int] $TimeoutSec = 60
    )
    $dll = $env:QOMON_TEST_EMULATOR
    if (-not $dll -or -not (Test-Path $dll)) { throw "The emulator is not built: QOMON_TEST_EMULATOR='$dll'." }

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($dll, '--urls', 'http://127.0.0.1:0', '--api-key', $ApiKey, '--seed', $Seed)) { $start.ArgumentList.Add([string]$argument) }
    foreach ($extra in $AdditionalApiKey) { $start.ArgumentList.Add('--api-key'); $start.ArgumentList.Add($extra) }
    if ($env:QOMON_TEST_EMULATOR_PROFILE) { $start.ArgumentList.Add('--profile'); $start.ArgumentList.Add($env:QOMON_TEST_EMULATOR_PROFILE) }
    foreach ($name in $Settings.Keys) {
        $start.ArgumentList.Add('--' + (ConvertTo-KebabCase $name))
        $start.ArgumentList.Add((ConvertTo-SettingText $Settings[$name]))
    }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    # Standard error is read and dropped so a chatty emulator can never block on a full pipe.
    $process.BeginErrorReadLine()

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $url = $null
    while (-not $url) {
        $read = $process.StandardOutput.ReadLineAsync()
        $left = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
        if (-not $read.Wait($left)) { $process.Kill($true); throw "The emulator did not announce its URL within $TimeoutSec s." }
        $line = $read.Result
        if ($null -eq $line) { throw "The emulator exited (code $(if ($process.HasExited) { $process.ExitCode })) before announcing its URL." }
        if ($line -match '^QOMON_EMULATOR_URL=(?<url>\S+)') { $url = $Matches.url.TrimEnd('/') }
    }
    [pscustomobject]@{
        PSTypeName   = 'Qomon.TestEmulator'
        Url          = $url
        ApiKey       = $ApiKey
        SecureApiKey = (ConvertTo-SecureString $ApiKey -AsPlainText -Force)
        Process      = $process
    }
}

function Stop-TestEmulator {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] [AllowNull()] $Emulator)
    process {
        if ($null -eq $Emulator -or $null -eq $Emulator.Process) { return }
        try { if (-not $Emulator.Process.HasExited) { $Emulator.Process.Kill($true); $null = $Emulator.Process.WaitForExit(10000) } }
        finally { $Emulator.Process.Dispose() }
    }
}

function Connect-TestEmulator {
    <# Connects the module to the emulator; -PassThru returns a separate connection instead. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [switch] $PassThru, [hashtable] $Parameters = @{})
    Connect-Qomon -ApiKey $Emulator.SecureApiKey -BaseUri $Emulator.Url -PassThru:$PassThru @Parameters
}

function Get-EmulatorStats {
    <# {requestsTotal, requests: {"GET /contacts/{id}": {"200": n}}, tokensSpent, throttled, faultsInjected, badBodies: {kind: n}, badBodyWritesApplied, badBodyWritesNotApplied, upserts…} #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.Url)/_emulator/stats"
}

function Get-EmulatorRequestCount {
    <# How many requests the emulator saw for one route ('POST /search'), any status. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Route)
    $stats = Get-EmulatorStats -Emulator $Emulator
    $found = $stats.requests.PSObject.Properties[$Route]
    if (-not $found) { return 0 }
    Get-RouteTotal $found.Value
}

function Measure-EmulatorTraffic {
    <#
    .SYNOPSIS
        Runs a script block and says what the emulator saw meanwhile: { Output, Throttled, RequestsTotal, Routes }
        where Routes maps 'GET /contacts/{id}' (etc.) to the number of requests, any status.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $before = Get-EmulatorStats -Emulator $Emulator
    $output = & $ScriptBlock
    $after = Get-EmulatorStats -Emulator $Emulator
    $routes = @{}
    foreach ($route in $after.requests.PSObject.Properties) {
        $was = $before.requests.PSObject.Properties[$route.Name]
        $routes[$route.Name] = (Get-RouteTotal $route.Value) - $(if ($was) { Get-RouteTotal $was.Value } else { 0 })
    }
    [pscustomobject]@{
        Output        = $output
        Throttled     = $after.throttled - $before.throttled
        RequestsTotal = $after.requestsTotal - $before.requestsTotal
        Routes        = $routes
    }
}

function Get-RouteTotal($ByStatus) {
    $sum = 0
    foreach ($status in $ByStatus.PSObject.Properties) { $sum += $status.Value }
    $sum
}

function Set-EmulatorConfig {
    <# Changes emulator settings at run time: Set-EmulatorConfig $emulator @{ burst = 100; rate = 500 }. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Settings)
    $body = [ordered]@{}
    foreach ($name in $Settings.Keys) { $body[(ConvertTo-CamelCase $name)] = $Settings[$name] }
    $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/config" -ContentType 'application/json' -Body ($body | ConvertTo-Json -Compress)
}

function Reset-Emulator {
    <# Stats to zero, data re-seeded, buckets full. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/reset"
}

function Get-ContactHistory {
    <# Every stored version of a contact, oldest first, one per write, each as GET returns it. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [long] $Id)
    $versions = Invoke-RestMethod -Uri "$($Emulator.Url)/_emulator/contacts/$Id/history"
    , @($versions)
}

function Get-ContactAnswer {
    <#
    .SYNOPSIS
        The live answer rows of a contact as the API or the history returns it, whatever the emulator's shape
        settings: custom fields under custom_fields or customfields (custom-fields-key), and without the
        soft-deleted rows (deleted_at set) that soft-deleted-visible adds. Use it instead of reading
        $contact.custom_fields, which is empty under the harsh profile.
    .EXAMPLE
        Get-ContactAnswer $after -Custom -FormId 879855 | ForEach-Object data
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Contact, [switch] $Custom, [long] $FormId)
    $keys = if ($Custom) { 'custom_fields', 'customfields' } else { , 'formdatas' }
    foreach ($key in $keys) {
        if (-not $Contact.psobject.Properties[$key]) { continue }
        foreach ($row in @($Contact.$key)) {
            if ($null -eq $row -or ($row.psobject.Properties['deleted_at'] -and $row.deleted_at)) { continue }
            if ($PSBoundParameters.ContainsKey('FormId') -and $row.form_id -ne $FormId) { continue }
            $row
        }
    }
}

function New-TestContact {
    <# Creates a contact through the API (POST /contacts) on the module's connection and returns its id. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [hashtable] $Contact, $Connection)
    $extra = @{}
    if ($Connection) { $extra.Connection = $Connection }
    $created = Invoke-QomonRequest -Method POST -Path '/contacts' -Body @{ data = @{ contact = $Contact } } @extra
    [long]$created.data.contact.id
}

function ConvertTo-KebabCase([string] $Name) {
    ($Name -creplace '([a-z0-9])([A-Z])', '$1-$2').ToLowerInvariant()
}

function ConvertTo-CamelCase([string] $Name) {
    $parts = $Name -split '-'
    $parts[0] + -join ($parts | Select-Object -Skip 1 | ForEach-Object { $_.Substring(0, 1).ToUpperInvariant() + $_.Substring(1) })
}

function ConvertTo-SettingText($Value) {
    if ($Value -is [bool]) { return $Value.ToString().ToLowerInvariant() }
    [string]::Format([cultureinfo]::InvariantCulture, '{0}', $Value)
}

function Invoke-BadInputCase {
    <# Runs one bad-input case with its target id; returns its error records, non-terminating and terminating alike. #>
    param([scriptblock] $Run, [long] $Target)
    $WarningPreference = 'SilentlyContinue'
    try { @(& $Run $Target 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
    catch { @($_) }
}

function Get-PunctuationProblem {
    <#
    .SYNOPSIS
        What reads wrong in a message's punctuation, as one line per problem: a doubled period ('..', an
        ellipsis is fine), a space before a punctuation mark (' .'), two marks in a row ('.:', ',.', '?.'), or a
        sentence's period before a parenthesis that belongs to it ('request. (Connection reset by peer)').
        .NET's " (Parameter 'name')" suffix is one of those.
        Nothing when the message reads cleanly. Messages are often composed of parts that end in their own
        period, which is how these slip in.
    #>
    param([AllowNull()] [AllowEmptyString()] [string] $Text)
    if (-not $Text) { return }
    $rules = [ordered]@{
        'a doubled period'              = '(?<!\.)\.\.(?!\.)'
        'a space before punctuation'    = '\s[.,;:!?](?=\s|$)'
        'two punctuation marks in a row' = '\.[,;:!?]|[,;!?][.,;:!?]|:[.,;!?]'
        'a period before a parenthesis'  = '\.\s\('
    }
    foreach ($rule in $rules.Keys) {
        if ($Text -match $rules[$rule]) { "$rule ('$($Matches[0])'): $Text" }
    }
}

function Assert-BadInputRefused {
    <#
    .SYNOPSIS
        Runs one bad-input case (Run, given the Target contact id) and asserts that it was refused before anything
        was sent: its first error has the id ErrorId and a message like Text (its ErrorDetails, else its exception's),
        the count SentCount returns (the requests that must not happen) did not move, and Target has no new version.
    #>
    param(
        [Parameter(Mandatory)] [scriptblock] $Run,
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [long] $Target,
        [Parameter(Mandatory)] [string] $ErrorId,
        [Parameter(Mandatory)] [string] $Text,
        [Parameter(Mandatory)] [scriptblock] $SentCount
    )
    $sent = & $SentCount
    $versions = (Get-ContactHistory $Emulator $Target).Count

    $errors = @(Invoke-BadInputCase $Run $Target)

    $errors.Count | Should -BeGreaterOrEqual 1
    $errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
    $message = if ($errors[0].ErrorDetails) { $errors[0].ErrorDetails.Message } else { $errors[0].Exception.Message }
    $message | Should -BeLike $Text
    Get-PunctuationProblem $message | Should -BeNullOrEmpty
    & $SentCount | Should -Be $sent -Because 'nothing may be sent for refused input'
    (Get-ContactHistory $Emulator $Target).Count | Should -Be $versions
}

Export-ModuleMember -Function Start-TestEmulator, Stop-TestEmulator, Connect-TestEmulator, Get-EmulatorStats, Get-EmulatorRequestCount, Measure-EmulatorTraffic,
    Set-EmulatorConfig, Reset-Emulator, Get-ContactHistory, Get-ContactAnswer, New-TestContact, Assert-BadInputRefused, Get-PunctuationProblem

#requires -Version 7.2
<#
.SYNOPSIS
    The main job, end to end, against a local Qomon emulator: find contacts, preview a change, merge a CSV file of
    updates into them through the pipeline, and check that everything the file did not name is intact.
.DESCRIPTION
    Starts the emulator that ships with this repository (seeded with 200 contacts, Qomon's own budget of 100 tokens
    and 10 tokens per second), imports the built module, and runs the steps below. The emulator is stopped at the
    end, also when a step fails; the exit code is non-zero when anything failed.

    Run it with `dotnet pwsh ./build.ps1 -Task Demo` (which builds first), or `dotnet pwsh ./examples/demo.ps1`
    after a build. To run the same steps against your own space, replace "Start the emulator" and the
    Connect-Qomon line with `Connect-Qomon -ApiKey (Read-Host -AsSecureString 'Qomon API key')` and use ids of
    your own contacts in the CSV file.
.PARAMETER CsvPath
    The updates: one row per contact, an Id column, and a column per field to change. Columns may name fields
    (mobile), address parts (address.city), survey answers and custom fields by their label (form:Level of support,
    custom:Favourite food); a trailing + adds one value to a checkbox answer. Blank cells change nothing.
#>
[CmdletBinding()]
param(
    [string] $CsvPath = (Join-Path $PSScriptRoot 'contacts-update.csv')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# PowerShell colours tables and lists with ANSI codes even when the output goes to a file or a pipe (NO_COLOR
# it honours by itself); a log of the demo should read as text.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
$root = Split-Path $PSScriptRoot -Parent
$emulatorDll = Join-Path $root 'src/Qomon.Emulator/bin/Release/net10.0/Qomon.Emulator.dll'
$modulePath = Join-Path $root 'module/Qomon/Qomon.psd1'
foreach ($file in $emulatorDll, $modulePath) {
    if (-not (Test-Path $file)) { throw "Not built yet ($file is missing). Run: dotnet pwsh ./build.ps1 -Task Demo" }
}

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "== $Text" -ForegroundColor Cyan
}

# Starts the emulator on a free loopback port; it prints QOMON_EMULATOR_URL=... once it listens.
function Start-Emulator([string] $ApiKey) {
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $emulatorDll, '--urls', 'http://127.0.0.1:0', '--api-key', $ApiKey, '--seed', '200') { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $process.BeginErrorReadLine()
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait([TimeSpan]::FromSeconds(60)) -or $read.Result -notmatch '^QOMON_EMULATOR_URL=(?<url>\S+)') {
        $process.Kill($true)
        throw 'The emulator did not start.'
    }
    [pscustomobject]@{ Process = $process; Url = $Matches.url }
}

# What a merge must leave alone: everything except the fields the CSV names and the tag the run adds.
function Find-UnexpectedChange($Before, $After, [string[]] $Named, [long[]] $NamedForms, [string] $AddedTag) {
    $problems = @()
    $serverOwned = 'UpdatedAt', 'lastchange', 'lastchangeuserid', 'user_id'
    # The API's fields are the object's note properties; Email, City, Answers... are views defined for the type.
    foreach ($field in ($Before.psobject.Properties | Where-Object MemberType -EQ 'NoteProperty').Name) {
        if ($field -in $Named -or $field -in $serverOwned -or $field -in 'formdatas', 'custom_fields', 'customfields', 'tags') { continue }
        if ((ConvertTo-Json $Before.$field -Depth 8 -Compress) -ne (ConvertTo-Json $After.$field -Depth 8 -Compress)) { $problems += $field }
    }
    foreach ($list in 'formdatas', 'custom_fields') {
        $keep = { param($contact) @($contact.$list | Where-Object { $_ -and $_.form_id -notin $NamedForms } | ForEach-Object { "$($_.form_id)=$($_.data)" } | Sort-Object) -join ';' }
        if ((& $keep $Before) -ne (& $keep $After)) { $problems += $list }
    }
    $expectedTags = @(@($Before.tags | ForEach-Object name) + $AddedTag | Sort-Object -Unique) -join ';'
    if ((@($After.tags | ForEach-Object name | Sort-Object) -join ';') -ne $expectedTags) { $problems += 'tags' }
    $problems
}

$apiKey = 'demo-' + [guid]::NewGuid().ToString('N')   # the emulator accepts the key it is started with
$emulator = $null
try {
    Write-Step 'Start the emulator and connect'
    $emulator = Start-Emulator -ApiKey $apiKey
    Import-Module $modulePath -Force
    Connect-Qomon -ApiKey (ConvertTo-SecureString $apiKey -AsPlainText -Force) -BaseUri $emulator.Url
    Write-Host "Connected to $($emulator.Url)"

    Write-Step '1. Find contacts with a filter (exact match, checked client-side)'
    $lyon = @(Get-QomonContact -Filter @{ 'address.city' = 'Lyon' } -All)
    Write-Host "$($lyon.Count) contacts live in Lyon; the first five:"
    $lyon | Select-Object -First 5 | Format-Table id, firstname, surname, City, TagNames -AutoSize | Out-Host

    Write-Step '2. Preview a change with -WhatIf: field by field, old and new, and nothing written'
    Set-QomonContact -Id $lyon[0].id -Property @{ 'form:Level of support' = 'Strong support'; 'address.pollingstation' = 'Bureau 7' } -AddTag 'vip' -WhatIf

    Write-Step "3. Merge the updates in $(Split-Path $CsvPath -Leaf) through the pipeline"
    $rows = @(Import-Csv $CsvPath)
    Write-Host "$($rows.Count) rows; columns: $($rows[0].psobject.Properties.Name -join ', ')"
    $before = @(Get-QomonContact -Id $rows.Id)
    $rows | Set-QomonContact -AddTag 'canvassed-2026' -InformationVariable summary -WarningVariable notices -WarningAction SilentlyContinue
    Write-Host $summary[-1].MessageData
    $notices | ForEach-Object { Write-Host "Note: $_" }
    if ($summary[-1].MessageData.AnyFailed) { throw 'Some rows were not written; see the errors above.' }

    Write-Step '4. Check that what the file did not name is intact: other fields, custom fields, survey answers, notes, tags'
    $after = @(Get-QomonContact -Id $rows.Id)
    $namedForms = @((Get-QomonForm | Where-Object label -In 'Level of support', 'Volunteer interests', 'Favourite food').id)
    $bad = 0
    for ($i = 0; $i -lt $rows.Count; $i++) {
        $unexpected = @(Find-UnexpectedChange $before[$i] $after[$i] -Named 'mobile' -NamedForms $namedForms -AddedTag 'canvassed-2026')
        if ($unexpected) { $bad++; Write-Host "Contact $($after[$i].id): unexpected change in $($unexpected -join ', ')" -ForegroundColor Red }
    }
    if ($bad) { throw "$bad contacts changed where the file named nothing." }
    Write-Host "All $($rows.Count) contacts: only the named fields changed. One of them, before and after:"
    $one = 0
    [pscustomobject]@{ When = 'before'; Mobile = $before[$one].mobile; Answers = ($before[$one].Answers.psobject.Properties | ForEach-Object { "$($_.Name)=$($_.Value -join '+')" }) -join '; '; Notes = @($before[$one].notes).Count; Tags = $before[$one].TagNames -join ',' },
    [pscustomobject]@{ When = 'after'; Mobile = $after[$one].mobile; Answers = ($after[$one].Answers.psobject.Properties | ForEach-Object { "$($_.Name)=$($_.Value -join '+')" }) -join '; '; Notes = @($after[$one].notes).Count; Tags = $after[$one].TagNames -join ',' } |
        Format-List | Out-Host

    Write-Step '5. The connection''s budget: shared by every command, paced so that no request is refused'
    Get-QomonConnection | Out-Host
    Write-Host 'Demo finished.' -ForegroundColor Green
}
finally {
    if (Get-Module Qomon) { Disconnect-Qomon -ErrorAction SilentlyContinue }
    if ($emulator) {
        if (-not $emulator.Process.HasExited) { $emulator.Process.Kill($true); $null = $emulator.Process.WaitForExit(10000) }
        $emulator.Process.Dispose()
    }
}

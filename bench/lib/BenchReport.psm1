# Results: one row per scenario measure (figure for the module, figure for the baseline, goal, pass/fail),
# printed as a table and written as Markdown and JSON under bench/results/.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function New-BenchRow {
    <#
    .SYNOPSIS
        One measure of one scenario. Pass is $null for a figure reported without a goal.
    #>
    param(
        [Parameter(Mandatory)] [string] $Scenario,
        [Parameter(Mandatory)] [string] $Measure,
        [AllowNull()] $Module,
        [AllowNull()] $Baseline = $null,
        [string] $Format = '0.00',
        [string] $Goal = '',
        [AllowNull()] $Pass = $null
    )
    [pscustomobject]@{
        Scenario = $Scenario
        Measure  = $Measure
        Module   = $Module
        Baseline = $Baseline
        Format   = $Format
        Goal     = $Goal
        Pass     = $Pass
    }
}

function Format-BenchFigure($Value, [string] $Format) {
    if ($null -eq $Value) { return '—' }
    if ($Value -is [string]) { return $Value }
    ([double]$Value).ToString($Format, [cultureinfo]::InvariantCulture)
}

function Format-BenchVerdict($Pass) {
    if ($null -eq $Pass) { return '' }
    if ($Pass) { 'pass' } else { 'FAIL' }
}

function ConvertTo-BenchMarkdownTable {
    param([Parameter(Mandatory)] [object[]] $Rows)
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('| Scenario | Measure | Module | Baseline | Goal | Result |')
    $lines.Add('|---|---|--:|--:|---|---|')
    # A '|' inside a cell would end it early in Markdown.
    $cell = { param($text) "$text".Replace('|', '\|') }
    foreach ($row in $Rows) {
        $lines.Add(('| {0} | {1} | {2} | {3} | {4} | {5} |' -f (& $cell $row.Scenario), (& $cell $row.Measure),
            (Format-BenchFigure $row.Module $row.Format), (Format-BenchFigure $row.Baseline $row.Format), $row.Goal, (Format-BenchVerdict $row.Pass)))
    }
    $lines -join "`n"
}

function Write-BenchResults {
    <#
    .SYNOPSIS
        Writes latest.md / latest.json and dated copies under $Directory; returns the Markdown table.
    #>
    param(
        [Parameter(Mandatory)] [string] $Directory,
        [Parameter(Mandatory)] [object[]] $Rows,
        [Parameter(Mandatory)] $Machine,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Details,
        [Parameter(Mandatory)] [string[]] $Notes
    )
    New-Item -ItemType Directory -Force -Path $Directory | Out-Null
    $table = ConvertTo-BenchMarkdownTable $Rows
    $passed = @($Rows | Where-Object { $_.Pass -eq $true }).Count
    $goals = @($Rows | Where-Object { $null -ne $_.Pass }).Count
    $markdown = @(
        "# Qomon.PowerShell benchmark, $($Machine.Date)"
        ''
        "Goals met: $passed of $goals."
        ''
        $table
        ''
        '## Machine'
        ''
        ($Machine.PSObject.Properties | ForEach-Object { "- $($_.Name): $($_.Value)" })
        ''
        '## Notes'
        ''
        ($Notes | ForEach-Object { "- $_" })
        ''
        'Reproduce: `dotnet tool restore; dotnet pwsh ./build.ps1 -Task Bench` (details and how to read the figures: bench/README.md).'
    ) -join "`n"
    $json = [ordered]@{ Machine = $Machine; Rows = $Rows; Notes = $Notes; Details = $Details } | ConvertTo-Json -Depth 10
    $stamp = [DateTime]::UtcNow.ToString('yyyy-MM-dd-HHmm', [cultureinfo]::InvariantCulture)
    foreach ($name in 'latest', $stamp) {
        Set-Content -Path (Join-Path $Directory "$name.md") -Value $markdown -Encoding utf8NoBOM
        Set-Content -Path (Join-Path $Directory "$name.json") -Value $json -Encoding utf8NoBOM
    }
    $table
}

function Update-BenchReadme {
    <# Replaces what lies between the bench:latest markers of the README with the latest table. #>
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Table, [Parameter(Mandatory)] [string] $Heading)
    $text = Get-Content -Raw $Path
    $start = '<!-- bench:latest:start -->'; $end = '<!-- bench:latest:end -->'
    $from = $text.IndexOf($start); $to = $text.IndexOf($end)
    if ($from -lt 0 -or $to -lt $from) { Write-Warning "No bench:latest markers in $Path; the README keeps its table."; return }
    $text = $text.Substring(0, $from + $start.Length) + "`n$Heading`n`n$Table`n" + $text.Substring($to)
    Set-Content -Path $Path -Value $text.TrimEnd() -Encoding utf8NoBOM
}

Export-ModuleMember -Function New-BenchRow, ConvertTo-BenchMarkdownTable, Write-BenchResults, Update-BenchReadme

# Scenario 5, import cost: the wall time of a fresh pwsh that imports the module, minus that of a fresh pwsh
# that does nothing. Runs alternate (bare, import, bare, import...) so a change in the machine's load hits both
# sides, and the medians are compared. Goal: under 150 ms.

function Measure-PwshStart([string[]] $Command, [string] $Script) {
    $start = [System.Diagnostics.ProcessStartInfo]::new($Command[0])
    foreach ($argument in @($Command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($start)
    $null = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $clock.Stop()
    if ($process.ExitCode -ne 0) { throw "pwsh -Command '$Script' failed (exit code $($process.ExitCode))." }
    $clock.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    if ($sorted.Count % 2) { return $sorted[[int][math]::Floor($sorted.Count / 2)] }
    ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2
}

function Invoke-ImportCostScenario {
    param([Parameter(Mandatory)] $Context, [int] $Pairs = 9)
    $command = Get-PwshCommand
    $import = "Import-Module '$($Context.ModulePath)'"
    # One of each first, not counted: the first start of anything reads its files from disk.
    $null = Measure-PwshStart $command 'exit'
    $null = Measure-PwshStart $command $import
    $bare = @(); $imported = @()
    for ($i = 0; $i -lt $Pairs; $i++) {
        $bare += Measure-PwshStart $command 'exit'
        $imported += Measure-PwshStart $command $import
    }
    # Inside one fresh process, for comparison: Import-Module alone by Measure-Command.
    $inside = & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "(Measure-Command { $import }).TotalMilliseconds"
    $cost = (Get-Median $imported) - (Get-Median $bare)
    $name = '5. Import cost (fresh pwsh)'
    @{
        Rows    = @(
            New-BenchRow $name 'Import-Module Qomon, ms (median difference)' $cost $null -Format '0' -Goal '< 150' -Pass ($cost -lt 150)
            New-BenchRow $name 'bare pwsh start, ms (median)' (Get-Median $bare) $null -Format '0'
        )
        Details = [ordered]@{ BareMs = $bare; ImportMs = $imported; InProcessImportMs = [double]($inside | Select-Object -Last 1); LoadAverage = Get-BenchLoad }
    }
}

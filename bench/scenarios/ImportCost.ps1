# Scenario 5, import cost: the wall time of a fresh pwsh that imports the module, minus that of a fresh pwsh
# that does nothing. Runs alternate (bare, import, bare, import...) and the figure is the median of each pair's
# difference, so a change in the machine's load between pairs cancels out. Each child also reports its own
# CPU time, which waiting for a busy core does not inflate. Goal: under 150 ms.

function Measure-PwshStart([string[]] $Command, [string] $Script) {
    $start = New-PrioritizedStartInfo (@($Command) + @('-NoProfile', '-NonInteractive', '-Command', $Script))
    $start.RedirectStandardOutput = $true
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($start)
    $output = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $clock.Stop()
    if ($process.ExitCode -ne 0) { throw "pwsh -Command '$Script' failed (exit code $($process.ExitCode))." }
    [pscustomobject]@{ WallMs = $clock.Elapsed.TotalMilliseconds; CpuMs = [double]($output.Trim() -split '\s+' | Select-Object -Last 1) }
}

# What each child prints last: its own CPU time so far, in ms.
$script:ReportCpu = '; [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)'

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    if ($sorted.Count % 2) { return $sorted[[int][math]::Floor($sorted.Count / 2)] }
    ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2
}

function Invoke-ImportCostScenario {
    param([Parameter(Mandatory)] $Context, [int] $Pairs = 11)
    $command = Get-PwshCommand
    $import = "Import-Module '$($Context.ModulePath)'"
    $bareScript = '$null' + $script:ReportCpu
    $importScript = $import + $script:ReportCpu
    # One of each first, not counted: the first start of anything reads its files from disk.
    $null = Measure-PwshStart $command $bareScript
    $null = Measure-PwshStart $command $importScript
    $bare = @(); $imported = @()
    for ($i = 0; $i -lt $Pairs; $i++) {
        $bare += Measure-PwshStart $command $bareScript
        $imported += Measure-PwshStart $command $importScript
    }
    $wallDifferences = for ($i = 0; $i -lt $Pairs; $i++) { $imported[$i].WallMs - $bare[$i].WallMs }
    $cpuDifferences = for ($i = 0; $i -lt $Pairs; $i++) { $imported[$i].CpuMs - $bare[$i].CpuMs }
    # Inside one fresh process, for comparison: Import-Module alone by Measure-Command.
    $inside = & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "(Measure-Command { $import }).TotalMilliseconds"
    $cost = Get-Median $wallDifferences
    $name = '5. Import cost (fresh pwsh)'
    @{
        Rows    = @(
            New-BenchRow $name 'Import-Module Qomon, ms (median of paired wall-time differences)' $cost $null -Format '0' -Goal '< 150' -Pass ($cost -lt 150)
            New-BenchRow $name 'Import-Module Qomon, CPU ms (median of paired differences)' (Get-Median $cpuDifferences) $null -Format '0'
            New-BenchRow $name 'Import-Module Qomon alone, ms (Measure-Command in a fresh pwsh)' ([double]($inside | Select-Object -Last 1)) $null -Format '0'
            New-BenchRow $name 'bare pwsh start, ms (median)' (Get-Median $bare.WallMs) $null -Format '0'
        )
        Details = [ordered]@{ Bare = $bare; Import = $imported; WallDifferencesMs = $wallDifferences; CpuDifferencesMs = $cpuDifferences; InProcessImportMs = [double]($inside | Select-Object -Last 1); LoadAverage = Get-BenchLoad }
    }
}

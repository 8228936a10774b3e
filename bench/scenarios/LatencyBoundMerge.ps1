# Scenario 2, latency-bound bulk merge: the bucket off and 50 ms added to every request, so the only limit is
# how many requests are in flight. Figure: the module's contacts per second over the baseline's.
# Also, not scored: the module under $ErrorActionPreference = 'Stop', a common first line of runbooks, under
# which Set-QomonContact writes one record at a time (so that the first error is the last thing that happened).

function Invoke-LatencyBoundMergeScenario {
    param([Parameter(Mandatory)] $Context, [int] $Records = 600, [int] $BaselineRecords = 600, [int] $StopRecords = 200)
    $emulator = Start-BenchEmulator -EmulatorDll $Context.EmulatorDll -Settings @{ seed = $Records + $BaselineRecords + $StopRecords; rate = 0; 'latency-ms' = 50 }
    try {
        $ids = Get-BenchContactIds $emulator ($Records + $BaselineRecords + $StopRecords)
        $common = @{ Url = $emulator.Url; ApiKey = $emulator.ApiKey; ModulePath = $Context.ModulePath; SettleMilliseconds = 0 }
        $load = Get-BenchLoad
        $module = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleMerge.ps1') -WatchProcessId $emulator.Process.Id -Parameters ($common + @{ Ids = $ids[0..($Records - 1)]; MobilePrefix = '+33 7 03 ' })
        $baseline = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'BaselineMerge.ps1') -WatchProcessId $emulator.Process.Id -Parameters ($common + @{ Ids = $ids[$Records..($Records + $BaselineRecords - 1)]; MobilePrefix = '+33 7 04 ' })
        $first = $Records + $BaselineRecords
        $stop = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleMerge.ps1') -WatchProcessId $emulator.Process.Id -Parameters ($common + @{ Ids = $ids[$first..($first + $StopRecords - 1)]; MobilePrefix = '+33 7 07 '; ErrorActionPreference = 'Stop' })
    }
    finally { Stop-BenchEmulator $emulator }

    $moduleSpeed = $module.Records / $module.Seconds
    $baselineSpeed = $baseline.Records / $baseline.Seconds
    $name = "2. Latency-bound merge ($Records updates; bucket off, 50 ms)"
    @{
        Rows    = @(
            New-BenchRow $name 'contacts/s' $moduleSpeed $baselineSpeed -Format '0.0'
            New-BenchRow $name 'speed over baseline' ($moduleSpeed / $baselineSpeed) 1.0 -Format '0.0' -Goal '≥ 8' -Pass ($moduleSpeed / $baselineSpeed -ge 8)
            New-BenchRow $name 'records written / failed' "$($module.Updated) / $($module.Failed)" "$($baseline.Updated) / $($baseline.Failed)"
            New-BenchRow $name "speed over baseline under `$ErrorActionPreference = 'Stop' ($StopRecords updates)" (($stop.Records / $stop.Seconds) / $baselineSpeed) $null -Format '0.0'
        )
        Details = [ordered]@{ Module = $module; Baseline = $baseline; ModuleUnderStop = $stop; LoadAverage = $load }
    }
}

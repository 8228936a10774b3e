# Scenario 1, budget-bound bulk merge: with the bucket scaled to burst 100 and 600 tokens/s (60 times Qomon's
# 10/s) and 10 ms added latency, does a bulk merge keep the budget busy without a single 429?
# Figure: tokens the run spent per second over the refill rate. The bucket starts full, and those first 100
# tokens are not refill, so they are left out: (tokens - burst) / seconds / rate. 1.00 is the physical limit.
# At 60 times the real rate, the client and the emulator need a real share of the CPU (100 contacts/s); a
# second, slower run (100 tokens/s, 10 times real) shows the pacing itself where the CPU cannot be the limit.

function Invoke-BudgetBoundMergeScenario {
    param([Parameter(Mandatory)] $Context, [int] $Records = 1500, [int] $BaselineRecords = 500, [int] $Rate = 600, [string] $Label = '1.')
    $burst = 100
    $emulator = Start-BenchEmulator -EmulatorDll $Context.EmulatorDll -Settings @{ seed = $Records + $BaselineRecords; burst = $burst; rate = $Rate; 'latency-ms' = 10 }
    $baseline = $null
    try {
        $ids = Get-BenchContactIds $emulator ($Records + $BaselineRecords)
        $common = @{ Url = $emulator.Url; ApiKey = $emulator.ApiKey; ModulePath = $Context.ModulePath; SettleMilliseconds = 1000 }
        $load = Get-BenchLoad
        $module = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleMerge.ps1') -WatchProcessId $emulator.Process.Id -Parameters ($common + @{ Ids = $ids[0..($Records - 1)]; MobilePrefix = '+33 7 01 ' })
        if ($BaselineRecords -gt 0) {
            $baseline = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'BaselineMerge.ps1') -WatchProcessId $emulator.Process.Id -Parameters ($common + @{ Ids = $ids[$Records..($Records + $BaselineRecords - 1)]; MobilePrefix = '+33 7 02 ' })
        }
    }
    finally { Stop-BenchEmulator $emulator }

    $use = { param($r) if ($r) { ($r.Emulator.Tokens - $burst) / $r.Seconds / $Rate } }
    $moduleUse = & $use $module
    $name = "$Label Budget-bound merge ($Records updates; burst $burst, $Rate tokens/s, 10 ms)"
    $scored = $BaselineRecords -gt 0   # the issue's run; the slower one is a diagnostic
    @{
        Rows    = @(
            New-BenchRow $name 'tokens/s ÷ refill rate' $moduleUse (& $use $baseline) -Goal $(if ($scored) { '≥ 0.95' } else { '(≥ 0.95)' }) -Pass $(if ($scored) { $moduleUse -ge 0.95 })
            New-BenchRow $name '429 answers' $module.Emulator.Throttled $(if ($baseline) { $baseline.Emulator.Throttled }) -Format '0' -Goal $(if ($scored) { '0' } else { '(0)' }) -Pass $(if ($scored) { $module.Emulator.Throttled -eq 0 })
            New-BenchRow $name 'contacts/s' ($module.Records / $module.Seconds) $(if ($baseline) { $baseline.Records / $baseline.Seconds }) -Format '0.0'
            New-BenchRow $name 'records written / failed' "$($module.Updated) / $($module.Failed)" $(if ($baseline) { "$($baseline.Updated) / $($baseline.Failed)" })
        )
        Details = [ordered]@{ Module = $module; Baseline = $baseline; LoadAverage = $load; EmulatorStartSeconds = $emulator.StartSeconds }
    }
}

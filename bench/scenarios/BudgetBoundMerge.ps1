# Scenario 1, budget-bound bulk merge: with the bucket scaled to burst 100 and 600 tokens/s (60 times Qomon's
# 10/s) and 10 ms added latency, does a bulk merge keep the budget busy without a single 429?
# Figure: tokens the run spent per second over the refill rate. The bucket starts full, and those first 100
# tokens are not refill, so they are left out: (tokens - burst) / seconds / rate. 1.00 is the physical limit.

function Invoke-BudgetBoundMergeScenario {
    param([Parameter(Mandatory)] $Context, [int] $Records = 1500, [int] $BaselineRecords = 500)
    $burst = 100; $rate = 600
    $emulator = Start-BenchEmulator -EmulatorDll $Context.EmulatorDll -Settings @{ seed = $Records + $BaselineRecords; burst = $burst; rate = $rate; 'latency-ms' = 10 }
    try {
        $ids = Get-BenchContactIds $emulator ($Records + $BaselineRecords)
        $common = @{ Url = $emulator.Url; ApiKey = $emulator.ApiKey; ModulePath = $Context.ModulePath; SettleMilliseconds = 1000 }
        $load = Get-BenchLoad
        $module = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleMerge.ps1') -Parameters ($common + @{ Ids = $ids[0..($Records - 1)]; MobilePrefix = '+33 7 01 ' })
        $baseline = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'BaselineMerge.ps1') -Parameters ($common + @{ Ids = $ids[$Records..($Records + $BaselineRecords - 1)]; MobilePrefix = '+33 7 02 ' })
    }
    finally { Stop-BenchEmulator $emulator }

    $use = { param($r) ($r.Emulator.Tokens - $burst) / $r.Seconds / $rate }
    $moduleUse = & $use $module
    $name = "1. Budget-bound merge ($Records updates; burst $burst, $rate tokens/s, 10 ms)"
    @{
        Rows    = @(
            New-BenchRow $name 'tokens/s ÷ refill rate' $moduleUse (& $use $baseline) -Goal '≥ 0.95' -Pass ($moduleUse -ge 0.95)
            New-BenchRow $name '429 answers' $module.Emulator.Throttled $baseline.Emulator.Throttled -Format '0' -Goal '0' -Pass ($module.Emulator.Throttled -eq 0)
            New-BenchRow $name 'contacts/s' ($module.Records / $module.Seconds) ($baseline.Records / $baseline.Seconds) -Format '0.0'
            New-BenchRow $name 'records written / failed' "$($module.Updated) / $($module.Failed)" "$($baseline.Updated) / $($baseline.Failed)"
        )
        Details = [ordered]@{ Module = $module; Baseline = $baseline; LoadAverage = $load; EmulatorStartSeconds = $emulator.StartSeconds }
    }
}

# Scenario 9, the run journal's cost (issue 14): the same budget-bound bulk merge with and without -Journal. The
# journal syncs each record's pending line to disk before its request goes out; on the budget that should cost
# next to nothing. Figures: contacts/s with the journal over contacts/s without (goal ≥ 0.95), and the journal's
# bytes per record (mostly the contact as read before the write, which Undo-QomonChange needs).
# The bucket is Qomon's shape with the refill at 10 times Qomon's (100 tokens/s), so the budget, not the CPU, sets the
# pace, as it does on Qomon.

function Invoke-JournalCostScenario {
    param([Parameter(Mandatory)] $Context, [int] $Records = 300, [double] $Rate = 100)
    $burst = 100
    $emulator = Start-BenchEmulator -EmulatorDll $Context.EmulatorDll -Settings @{ seed = 2 * $Records; burst = $burst; rate = $Rate; 'latency-ms' = 10 }
    $journal = Join-Path ([IO.Path]::GetTempPath()) ('qomon-bench-journal-' + [guid]::NewGuid().ToString('N') + '.jsonl')
    try {
        $ids = Get-BenchContactIds $emulator (2 * $Records)
        $common = @{ Url = $emulator.Url; ApiKey = $emulator.ApiKey; ModulePath = $Context.ModulePath; SettleMilliseconds = [int](1000 * $burst / $Rate) + 500 }
        $plain = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleMerge.ps1') -WatchProcessId $emulator.Process.Id -Parameters ($common + @{ Ids = $ids[0..($Records - 1)]; MobilePrefix = '+33 7 09 ' })
        $journaled = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleMerge.ps1') -WatchProcessId $emulator.Process.Id -Parameters ($common + @{ Ids = $ids[$Records..(2 * $Records - 1)]; MobilePrefix = '+33 7 10 '; Journal = $journal })
    }
    finally {
        Stop-BenchEmulator $emulator
        Remove-Item $journal, "$journal.lock" -Force -ErrorAction SilentlyContinue
    }
    $speed = { param($r) $r.Records / $r.Seconds }
    $ratio = (& $speed $journaled) / (& $speed $plain)
    $name = "9. Journal cost (merge of $Records contacts each way; burst $burst, $Rate tokens/s, 10 ms)"
    @{
        Rows    = @(
            New-BenchRow $name 'contacts/s (with -Journal / without)' (& $speed $journaled) (& $speed $plain) -Format '0.00'
            New-BenchRow $name 'contacts/s, with ÷ without' $ratio $null -Goal '≥ 0.95' -Pass ($ratio -ge 0.95)
            New-BenchRow $name 'journal bytes per record' ($journaled.JournalBytes / $Records) $null -Format '0'
            New-BenchRow $name 'records written / failed (with / without)' "$($journaled.Updated) / $($journaled.Failed)" "$($plain.Updated) / $($plain.Failed)"
        )
        Details = [ordered]@{ Plain = $plain; Journaled = $journaled }
    }
}

# Scenario 7, the read-to-write window at Qomon's own budget (burst 100, 10 tokens/s, PATCH 5, GET 1): a merge
# PATCHes the whole contact as read, so another user's edit of any other field made between a contact's read and
# its write is undone. Figures: the median and the longest time from a contact's last read to its PATCH (goal:
# median under 1 s), and that the pace stays at the budget (tokens per record, tokens/s over the refill rate).
# Real time: 60 contacts take about half a minute.

function Invoke-ReadWriteWindowScenario {
    param([Parameter(Mandatory)] $Context, [int] $Records = 60)
    $burst = 100
    $rate = 10
    $emulator = Start-BenchEmulator -EmulatorDll $Context.EmulatorDll -Settings @{ seed = $Records; burst = $burst; rate = $rate; 'latency-ms' = 10 }
    try {
        $ids = Get-BenchContactIds $emulator $Records
        $module = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleWindow.ps1') -WatchProcessId $emulator.Process.Id -Parameters @{
            Url = $emulator.Url; ApiKey = $emulator.ApiKey; ModulePath = $Context.ModulePath; SettleMilliseconds = 11000; Ids = $ids; MobilePrefix = '+33 7 07 '
        }
    }
    finally { Stop-BenchEmulator $emulator }

    $name = "7. Read-to-write window ($Records updates; burst $burst, $rate tokens/s, 10 ms)"
    $use = ($module.Emulator.Tokens - $burst) / $module.Seconds / $rate
    @{
        Rows    = @(
            New-BenchRow $name 'last read to PATCH, median (s)' $module.WindowMedian $null -Format '0.00' -Goal '< 1' -Pass ($module.WindowMedian -lt 1)
            New-BenchRow $name 'last read to PATCH, max (s)' $module.WindowMax $null -Format '0.00'
            New-BenchRow $name 'writes read again (read older than 1 s)' ($module.Reads - $module.Records) $null -Format '0'
            New-BenchRow $name 'tokens per record' ($module.Emulator.Tokens / $module.Records) $null -Format '0.00'
            New-BenchRow $name 'tokens/s ÷ refill rate' $use $null
            New-BenchRow $name 'records written / failed' "$($module.Updated) / $($module.Failed)" $null
        )
        Details = [ordered]@{ Module = $module }
    }
}

# Scenario 3, streaming read: every contact of a space piped into Export-Csv, at 5,000 and at 50,000 contacts,
# each run in its own fresh pwsh. Figures: contacts per second, and peak working set of that pwsh process
# (goal: the 50,000 run needs at most 1.3 times the memory of the 5,000 run, i.e. memory does not grow with
# the number of contacts). Bucket off and 10 ms latency: the read is not budget-bound (1 token per 1,000).

function Invoke-StreamingReadScenario {
    param([Parameter(Mandatory)] $Context, [int] $Small = 5000, [int] $Large = 50000)
    $runs = [ordered]@{}
    $seeding = [ordered]@{}
    foreach ($size in $Large, $Small) {
        $emulator = Start-BenchEmulator -EmulatorDll $Context.EmulatorDll -Settings @{ seed = $size; rate = 0; 'latency-ms' = 10 }
        $seeding["$size"] = $emulator.StartSeconds
        try {
            $common = @{ Url = $emulator.Url; ApiKey = $emulator.ApiKey; ModulePath = $Context.ModulePath }
            $runs["Module$size"] = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleRead.ps1') -Parameters $common -WatchProcessId $emulator.Process.Id
            $runs["Baseline$size"] = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'BaselineRead.ps1') -Parameters $common -WatchProcessId $emulator.Process.Id
            $runs["LoadAverage$size"] = Get-BenchLoad
        }
        finally { Stop-BenchEmulator $emulator }
    }

    $mb = { param($r) $r.PeakWorkingSetBytes / 1MB }
    $moduleRatio = $runs["Module$Large"].PeakWorkingSetBytes / $runs["Module$Small"].PeakWorkingSetBytes
    $baselineRatio = $runs["Baseline$Large"].PeakWorkingSetBytes / $runs["Baseline$Small"].PeakWorkingSetBytes
    $name = "3. Streaming read (Get-QomonContact -All piped to Export-Csv)"
    @{
        Rows    = @(
            New-BenchRow $name ("contacts/s at {0:N0}" -f $Large) ($runs["Module$Large"].Contacts / $runs["Module$Large"].Seconds) ($runs["Baseline$Large"].Contacts / $runs["Baseline$Large"].Seconds) -Format '0'
            New-BenchRow $name ("contacts/s at {0:N0}" -f $Small) ($runs["Module$Small"].Contacts / $runs["Module$Small"].Seconds) ($runs["Baseline$Small"].Contacts / $runs["Baseline$Small"].Seconds) -Format '0'
            New-BenchRow $name ("peak working set at {0:N0} (MB)" -f $Small) (& $mb $runs["Module$Small"]) (& $mb $runs["Baseline$Small"]) -Format '0'
            New-BenchRow $name ("peak working set at {0:N0} (MB)" -f $Large) (& $mb $runs["Module$Large"]) (& $mb $runs["Baseline$Large"]) -Format '0'
            New-BenchRow $name 'memory ratio, large ÷ small' $moduleRatio $baselineRatio -Goal '≤ 1.3' -Pass ($moduleRatio -le 1.3)
            New-BenchRow $name 'rows exported, large / small' "$($runs["Module$Large"].Contacts) / $($runs["Module$Small"].Contacts)" "$($runs["Baseline$Large"].Contacts) / $($runs["Baseline$Small"].Contacts)"
        )
        Details = [ordered]@{ Runs = $runs; EmulatorSeedingSeconds = $seeding }
    }
}

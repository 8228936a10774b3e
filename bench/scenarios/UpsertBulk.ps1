# Scenario 8, the upsert path (issue 13): a budget-bound bulk update with Set-QomonContact -WriteMethod Auto against
# the same with -WriteMethod Patch, on Qomon's bucket shape (burst 100) with the refill scaled up so that the whole
# scenario takes minutes, upsert costing 1 token, applied 2 s after its 202, search seeing writes 2 s late, and 1% of
# the records carrying a value Qomon drops in silence by upsert (and refuses with a 422 by PATCH).
# (a) input from Get-QomonContact -Filter … -All, changed in place; (b) input from Import-Csv of ids; (c) as (b)
# with upsert costing 5 tokens, where Auto should find PATCH as cheap and stay within 5% of it.
# Each run updates its own fresh contacts (a new mobile and a new "Main concern" answer) in a fresh pwsh; afterwards
# the emulator's history shows whether every contact holds exactly what was meant, and whether each record was
# reported as it ended (a refused one failed with Qomon's reason, no other one failed).
# In the table the Module column is -WriteMethod Auto and the Baseline column -WriteMethod Patch.
# Run sizes: PATCH keeps one pace from its first record, while an upsert run ends with one wait of up to 20 s for its
# last dropped record (UpsertWaitPolicy) before PATCH writes it; that wait is in real seconds, not scaled with the
# refill, so at 5 times Qomon's refill a 400-record run is mostly that wait. The Auto runs ($UpsertRecords) are
# long enough that the pace, not the end, is measured; a 10,000-contact job on Qomon's budget would spread it thinner.
# In (c) both runs are that long: PATCH is what Auto should match there, and a shorter PATCH run would draw a larger
# share of its tokens from the bucket's first 100 (about 3% of a 400-record run's, under 1% of a 1,600-record one's).

function Invoke-UpsertBulkScenario {
    # Cases and Methods narrow the runs (bench/diagnostics/Invoke-RealBudgetUpsert.ps1: Auto alone at Qomon's real refill).
    param([Parameter(Mandatory)] $Context, [int] $Records = 400, [int] $UpsertRecords = 1600, [double] $Rate = 50, [int] $LatencyMs = 5, [int] $Seed = 24000,
        [string[]] $Cases = @('8a.', '8b.', '8c.'), [ValidateSet('Auto', 'Patch')] [string[]] $Methods = @('Auto', 'Patch'))
    $burst = 100
    $form = @{ Label = 'Main concern'; Id = 47580; Values = @('Housing', 'Transport', 'Environment', 'Safety', 'Schools') }
    # A value the space does not have; the runner adds it to its cached forms (see runners/ModuleUpsertBulk.ps1).
    $dropped = @{ Form = $form.Label; RefId = 999002; Value = 'juggling'; Label = 'Juggling' }
    $caseList = @(
        @{ Name = '8a.'; Input = 'Search'; CostUpsert = 1; What = 'input from Get-QomonContact -Filter -All'; Goal = 2.5 }
        @{ Name = '8b.'; Input = 'Csv'; CostUpsert = 1; What = 'input from Import-Csv of ids'; Goal = 1.8 }
        @{ Name = '8c.'; Input = 'Csv'; CostUpsert = 5; What = 'input from Import-Csv of ids, upsert costs 5'; Goal = 0.95; SameSize = $true }
    ) | Where-Object { $Cases -contains $_.Name }
    # Auto runs longer (see the top). At 5 tokens it goes by PATCH but still probes upsert one record in 100, and a
    # probe sent near the end adds its seconds of verification to the run, as a dropped record does.
    $sizeOf = { param($case, $method) if ($method -eq 'Auto' -or $case['SameSize']) { $UpsertRecords } else { $Records } }
    $needed = 0
    foreach ($case in $caseList) { foreach ($method in $methods) { $needed += & $sizeOf $case $method } }
    $emulator = Start-BenchEmulator -EmulatorDll $Context.EmulatorDll -Settings @{
        seed = $Seed; burst = $burst; rate = 0; 'latency-ms' = $LatencyMs
        'cost-upsert' = 1; 'upsert-delay-ms' = 2000; 'search-index-delay-ms' = 2000
    }
    $work = Join-Path ([IO.Path]::GetTempPath()) ('qomon-bench-upsert-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    $runs = [System.Collections.Generic.List[object]]::new()
    try {
        # Contacts that hold an answer to the form: a contact from Get-QomonContact changes an answer it has.
        $ids = Get-BenchContactIds $emulator $needed -Query @{ '$all' = @(@{ '$all' = @(@{ '$condition' = @{ attr = 'form'; form_id = $form.Id; ope = 'ext' } }) }) }
        foreach ($case in $caseList) {
            foreach ($method in $methods) {
                $index = $runs.Count
                $size = & $sizeOf $case $method
                $first = @($runs | ForEach-Object { $_.Ids.Count } | Measure-Object -Sum).Sum
                if (-not $first) { $first = 0 }
                $set = $ids[$first..($first + $size - 1)]
                # The same 1% in every run: positions 50, 150, 250...
                $changes = for ($i = 0; $i -lt $size; $i++) {
                    $refused = $i % 100 -eq 50
                    @{ Id = $set[$i]; Mobile = '+33 7 08 {0} {1:00000}' -f $index, $i; Answer = if ($refused) { $dropped.Label } else { $form.Values[$i % $form.Values.Count] }; Refused = $refused }
                }
                $run = @{ Case = $case; Method = $method; Ids = $set; Changes = @($changes); Tag = "bench-8-$index"; CsvPath = Join-Path $work "run-$index.csv" }
                if ($case.Input -eq 'Csv') {
                    $changes | ForEach-Object { [pscustomobject]@{ Id = $_.Id; mobile = $_.Mobile; "form:$($form.Label)" = $_.Answer } } | Export-Csv -Path $run.CsvPath -Encoding utf8NoBOM
                }
                else { Add-BenchContactTag $emulator $set $run.Tag }
                $runs.Add($run)
            }
        }
        # The tags applied, and visible to search after its lag; then the state every run starts from.
        Wait-BenchUpsertsApplied $emulator.Url
        Start-Sleep -Milliseconds 2500
        $before = Get-BenchContactVersions $emulator.Url $ids
        Set-BenchEmulatorConfig $emulator @{ rate = $Rate }
        $load = Get-BenchLoad

        foreach ($run in $runs) {
            Set-BenchEmulatorConfig $emulator @{ costUpsert = $run.Case.CostUpsert }
            # Longer than the default timeout: a run that holds its slots while it verifies can be slow.
            $run.Result = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleUpsertBulk.ps1') -TimeoutSec 1200 -WatchProcessId $emulator.Process.Id -Parameters @{
                Url = $emulator.Url; ApiKey = $emulator.ApiKey; ModulePath = $Context.ModulePath
                SettleMilliseconds = [int](1000 * $burst / $Rate) + 500
                WriteMethod = $run.Method; Input = $run.Case.Input; Tag = $run.Tag; CsvPath = $run.CsvPath
                Changes = @($run.Changes | ForEach-Object { @{ Id = $_.Id; Mobile = $_.Mobile; Answer = $_.Answer } }); Dropped = $dropped
            }
            Wait-BenchUpsertsApplied $emulator.Url
            $run.Check = Test-BenchRunOutcome -Run $run -Before $before -After (Get-BenchContactVersions $emulator.Url $run.Ids) -FormId $form.Id
        }
    }
    finally {
        Stop-BenchEmulator $emulator
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    $rows = foreach ($case in $caseList) {
        $auto = $runs | Where-Object { $_.Case -eq $case -and $_.Method -eq 'Auto' }
        $patch = $runs | Where-Object { $_.Case -eq $case -and $_.Method -eq 'Patch' }
        if (-not $auto -or -not $patch) { continue }
        $name = "$($case.Name) Upsert bulk, $($case.What) ($($auto.Changes.Count) / $($patch.Changes.Count) updates, 1% refused; burst $burst, $Rate tokens/s, upsert $($case.CostUpsert) token$(if ($case.CostUpsert -ne 1) { 's' }), 2 s apply, 2 s index lag, $LatencyMs ms; Auto vs Patch)"
        $speed = { param($r) $r.Result.Records / $r.Result.Seconds }
        $ratio = (& $speed $auto) / (& $speed $patch)
        $counts = { param($r) '{0} ({1} / {2}) / {3}' -f $r.Result.Updated, $r.Result.UpdatedByUpsert, $r.Result.UpdatedByPatch, ($r.Result.Failed + $r.Result.Conflicts + $r.Result.OutcomeUnknown) }
        New-BenchRow $name 'contacts/s' (& $speed $auto) (& $speed $patch) -Format '0.0'
        New-BenchRow $name 'contacts/s, Auto ÷ Patch' $ratio $null -Goal "≥ $($case.Goal)" -Pass ($ratio -ge $case.Goal)
        New-BenchRow $name '429 answers' $auto.Result.Emulator.Throttled $patch.Result.Emulator.Throttled -Format '0' -Goal '0' -Pass ($auto.Result.Emulator.Throttled -eq 0 -and $patch.Result.Emulator.Throttled -eq 0)
        New-BenchRow $name 'tokens per record' ($auto.Result.Emulator.Tokens / $auto.Changes.Count) ($patch.Result.Emulator.Tokens / $patch.Changes.Count)
        New-BenchRow $name 'records updated (by upsert / by PATCH) / failed' (& $counts $auto) (& $counts $patch)
        New-BenchRow $name 'upserts not applied in time, sent by PATCH' $auto.Result.UpsertFallbacks $patch.Result.UpsertFallbacks -Format '0'
        New-BenchRow $name 'contacts wrong (state or report)' $auto.Check.Wrong $patch.Check.Wrong -Format '0' -Goal '0' -Pass ($auto.Check.Wrong -eq 0 -and $patch.Check.Wrong -eq 0)
        New-BenchRow $name 'summary counts as the records ended' $(if ($auto.Check.SummaryRight) { 'yes' } else { 'no' }) $(if ($patch.Check.SummaryRight) { 'yes' } else { 'no' }) -Goal 'yes' -Pass ($auto.Check.SummaryRight -and $patch.Check.SummaryRight)
    }
    @{
        Rows    = @($rows)
        Details = [ordered]@{
            LoadAverage = $load
            Runs        = @($runs | ForEach-Object { [ordered]@{ Case = $_.Case.Name; Method = $_.Method; Result = $_.Result; Check = $_.Check } })
        }
    }
}

# One run against the emulator's history: each contact's state (Test-BenchIntendedChange) and how it was reported
# (a refused record failed with Qomon's reason; no other record failed); the summary's counts against the records.
function Test-BenchRunOutcome {
    param([Parameter(Mandatory)] $Run, [Parameter(Mandatory)] $Before, [Parameter(Mandatory)] $After, [Parameter(Mandatory)] [long] $FormId)
    $failures = @{}
    foreach ($failure in @($Run.Result.Failures)) { $failures[$failure.Id] = $failure }
    $problems = [ordered]@{}
    $writtenTwice = 0
    foreach ($change in $Run.Changes) {
        $id = "$($change.Id)"
        $found = [System.Collections.Generic.List[string]]::new()
        $was = $Before[$id][-1]
        $versions = $After[$id]
        if ($versions.Count - $Before[$id].Count -gt 1) { $writtenTwice++ }
        $value = if ($change.Refused) { 'juggling' } else { $change.Answer.ToLowerInvariant() }
        foreach ($problem in Test-BenchIntendedChange -Before $was -After $versions[-1] -Mobile $change.Mobile -FormId $FormId -AnswerValue $value -Refused:$change.Refused) { $found.Add($problem) }
        $failure = $failures[$id]
        if ($change.Refused -and -not $failure) { $found.Add('refused by Qomon, but not reported failed') }
        elseif ($change.Refused -and $failure.Message -notlike '*is not a value of form*') { $found.Add("reported failed without Qomon's reason: $($failure.Message)") }
        elseif (-not $change.Refused -and $failure) { $found.Add("reported failed: $($failure.ErrorId): $($failure.Message)") }
        if ($found.Count) { $problems[$id] = $found.ToArray() }
    }
    $refused = @($Run.Changes | Where-Object Refused).Count
    $result = $Run.Result
    [ordered]@{
        Wrong         = $problems.Count
        SummaryRight  = $result.Updated -eq ($Run.Changes.Count - $refused) -and $result.Failed -eq $refused -and $result.Conflicts -eq 0 -and $result.OutcomeUnknown -eq 0 -and $result.Unchanged -eq 0
        WrittenTwice  = $writtenTwice
        UnknownErrors = @($failures.Keys | Where-Object { $_ -notin @($Run.Changes | ForEach-Object { "$($_.Id)" }) }).Count
        Problems      = $problems
    }
}

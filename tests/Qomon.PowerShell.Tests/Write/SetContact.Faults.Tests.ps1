# Issue 6, "Faults survived": a bulk merge of 1,000 contacts while the emulator injects 5% 500/502/503 answers,
# 2% reset connections (neither applied), 1.5% 429 answers that do not come from the key's own bucket (another
# program spending its tokens: throttle-rate), and 1% responses held 3 s, longer than the client's 2 s timeout
# (applied all the same, after the client gave up). The 1,000 go in three runs of about 333, one per Retry-After
# form (seconds, date, none), switched through /_emulator/config. Afterwards every contact's history
# (/_emulator/contacts/{id}/history) is checked: each was updated exactly as intended or reported in an error
# record naming it; no field the input did not name changed in any version; no version differs from the intended
# one; a contact was written more than once only after an answer was lost and read back as "not applied"; the
# summaries add up to 1,000 and match the output. The fault dice have a fixed seed (random-seed 7); which request
# meets which fault still depends on the order of concurrent requests, so no assertion counts on a given contact
# meeting a given fault.
BeforeAll {
    # A fast bucket (100, 2000/s), so the budget is not what is tested; 10 contacts more than the input, left alone.
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 1010 -Settings @{ burst = 100; rate = 2000; randomSeed = 11 }
    # Slow responses (3 s) must outlast the per-attempt timeout (2 s); retries get room (8 tries, 300 s).
    Connect-TestEmulator $script:emulator -Parameters @{ TimeoutSec = 2; MaxRetryCount = 8; RetryTimeLimitSec = 300 }
    $null = Get-QomonForm
    $script:all = @(Get-QomonContact -First 1010 | ForEach-Object { [long]$_.id })
    $script:ids = @($script:all | Select-Object -First 1000)
    $script:untouched = @($script:all | Select-Object -Skip 1000)
    $script:named = @('mobile', 'phone')
    function Get-Intended([long] $Id) { @{ mobile = "+33 7 61 $Id"; phone = "+33 1 62 $Id" } }

    $script:phases = [ordered]@{ seconds = $script:ids[0..332]; date = $script:ids[333..665]; none = $script:ids[666..999] }
    $script:output = [System.Collections.Generic.List[object]]::new()
    $script:errors = [System.Collections.Generic.List[object]]::new()
    $script:summaries = [ordered]@{}
    $script:throttledByPhase = [ordered]@{}
    $script:resent = @{}      # id -> times a lost answer was read back as "not applied" and the write sent again
    $script:readBackApplied = @{}   # id -> times a lost answer was read back as "applied"
    $script:clientSaw = @{ reset = 0; timeout = 0 }   # what the client met, from its verbose lines

    Set-EmulatorConfig $script:emulator @{ faultRate = 0.05; resetRate = 0.02; throttleRate = 0.015; slowRate = 0.01; slowMs = 3000; randomSeed = 7 }
    $started = [datetime]::UtcNow
    foreach ($phase in $script:phases.Keys) {
        Set-EmulatorConfig $script:emulator @{ retryAfter = $phase }
        $before = Get-EmulatorStats $script:emulator
        $info = $null
        $runErrors = $null
        # -BatchSize 100: a batch waits for its slowest record (a 2 s timeout), so fewer batches keep the file fast.
        $streams = @($script:phases[$phase] | ForEach-Object { @{ Id = $_ } + (Get-Intended $_) } |
                Set-QomonContact -PassThru -BatchSize 100 -Verbose -ErrorVariable runErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info 4>&1)
        $after = Get-EmulatorStats $script:emulator
        $script:throttledByPhase[$phase] = $after.throttled - $before.throttled
        foreach ($item in $streams) {
            if ($item -is [System.Management.Automation.VerboseRecord]) {
                if ($item.Message -match '^PATCH /contacts/(\d+): the answer was lost and reading the contact back shows the write not applied') { $script:resent[[long]$Matches[1]]++ }
                elseif ($item.Message -match '^PATCH /contacts/(\d+): the answer was lost, but reading the contact back shows the write applied') { $script:readBackApplied[[long]$Matches[1]]++ }
                elseif ($item.Message -match 'connection failure') { $script:clientSaw.reset++ }
                elseif ($item.Message -match 'no answer within') { $script:clientSaw.timeout++ }
            }
            else { $script:output.Add($item) }
        }
        foreach ($e in @($runErrors)) { $script:errors.Add($e) }
        $script:summaries[$phase] = @($info | Where-Object { $_.Tags -contains 'Qomon.Summary' })[-1].MessageData
    }
    $script:duration = [datetime]::UtcNow - $started
    Set-EmulatorConfig $script:emulator @{ faultRate = 0; resetRate = 0; throttleRate = 0; slowRate = 0 }
    # A slow write the client gave up on lands up to slow-ms after it arrived: let the last ones land before reading history.
    Start-Sleep -Seconds 4
    $script:stats = Get-EmulatorStats $script:emulator
    $script:history = @{}
    foreach ($id in $script:all) { $script:history[$id] = Get-ContactHistory $script:emulator $id }

    $script:statusCount = @{}
    foreach ($route in $script:stats.requests.psobject.Properties) {
        foreach ($status in $route.Value.psobject.Properties) { $script:statusCount[$status.Name] += $status.Value }
    }
    $script:outputIds = @($script:output | ForEach-Object { [long]$_.id })
    $script:failedIds = @($script:errors | ForEach-Object { [long]$_.TargetObject })
    $total = { param($name) ($script:summaries.Values | Measure-Object -Property $name -Sum).Sum }
    Write-Host (("    1,000 contacts in {0:0} s: {1} updated, {2} failed; faults injected {3}: 500 {4}, 502 {5}, 503 {6}, 429 by Retry-After form {7}, " +
        "the rest resets and slow responses (the client met {8} connection failures and {9} timeouts); {10} contacts read back as not applied and resent, " +
        "{11} read back as applied, {12} written twice") -f $script:duration.TotalSeconds, (& $total Updated), (& $total Failed), $script:stats.faultsInjected,
        $script:statusCount['500'], $script:statusCount['502'], $script:statusCount['503'],
        (($script:throttledByPhase.GetEnumerator() | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', '), $script:clientSaw.reset, $script:clientSaw.timeout,
        $script:resent.Count, $script:readBackApplied.Count, @($script:ids | Where-Object { $script:history[$_].Count -gt 2 }).Count)
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'A bulk merge of 1,000 contacts through injected faults' {
    It 'met every kind of fault' {
        foreach ($status in '500', '502', '503') { $script:statusCount[$status] | Should -BeGreaterThan 0 -Because "the emulator answered $status" }
        # Resets and responses held past the timeout both end as status 0 in the emulator's stats when the client
        # has gone; the client tells them apart: a connection failure, or no answer within the timeout.
        $script:clientSaw.reset | Should -BeGreaterThan 0 -Because 'connections were reset'
        $script:clientSaw.timeout | Should -BeGreaterThan 0 -Because 'responses were held longer than the client timeout'
        foreach ($phase in $script:phases.Keys) {
            $script:throttledByPhase[$phase] | Should -BeGreaterThan 0 -Because "429 answers came with Retry-After: $phase"
            $script:summaries[$phase].Throttled | Should -BeGreaterThan 0 -Because "the summary of the Retry-After: $phase run counts its 429 answers"
        }
        # faultsInjected = 5xx + injected 429 + resets + slow, so it exceeds the first two.
        $script:stats.faultsInjected | Should -BeGreaterThan ($script:statusCount['500'] + $script:statusCount['502'] + $script:statusCount['503'] + $script:stats.throttled)
    }

    It 'accounts for every contact once: updated (output) or failed (an error record naming it)' {
        $updated = ($script:summaries.Values | Measure-Object -Property Updated -Sum).Sum
        $failed = ($script:summaries.Values | Measure-Object -Property Failed -Sum).Sum
        $unchanged = ($script:summaries.Values | Measure-Object -Property Unchanged -Sum).Sum
        $conflicts = ($script:summaries.Values | Measure-Object -Property Conflicts -Sum).Sum
        # A write whose answer never came and could not be read back is counted apart from Failed; it has its error record too.
        $unknown = ($script:summaries.Values | Measure-Object -Property OutcomeUnknown -Sum).Sum
        $updated + $failed + $unknown + $unchanged | Should -Be 1000
        $conflicts | Should -Be 0
        $script:outputIds.Count | Should -Be $updated
        @($script:outputIds | Sort-Object -Unique).Count | Should -Be $updated
        @($script:failedIds | Sort-Object -Unique).Count | Should -Be ($failed + $unknown)
        @($script:outputIds | Where-Object { $_ -in $script:failedIds }) | Should -BeNullOrEmpty
        @($script:ids | Where-Object { $_ -notin $script:outputIds -and $_ -notin $script:failedIds }) | Should -BeNullOrEmpty -Because 'every contact is either output or named by an error'
    }

    It 'holds exactly the intended change for every contact it reported as updated' {
        foreach ($id in $script:outputIds) {
            $versions = $script:history[$id]
            $versions.Count | Should -BeGreaterThan 1 -Because "contact $id was reported updated, so it was written"
            $intended = Get-Intended $id
            foreach ($name in $script:named) { $versions[-1].$name | Should -Be $intended[$name] -Because "contact $id" }
            (Get-ChangedField -Before $versions[0] -After $versions[-1]) -join ',' | Should -Be ($script:named -join ',') -Because "contact $id changed exactly the fields the input named"
        }
    }

    # Not asserted here: that a contact reported as failed has no new version. A slow write (held past the client's
    # timeout) that is read back before it lands, resent, and whose resends then fail, is reported "not written" and
    # lands afterwards: a defect in VerifiedReplace, shown deterministically in SetContact.FaultsUnknownOutcome.Tests.ps1.
    It 'names the reason for every contact it did not update' {
        foreach ($e in $script:errors) {
            $e.ErrorDetails.Message | Should -Match "contact $($e.TargetObject)" -Because 'the error names the contact'
        }
    }

    It 'changed no field the input did not name, in any version, and wrote no version that differs from the intended one' {
        foreach ($id in $script:ids) {
            $versions = $script:history[$id]
            $intended = Get-Intended $id
            for ($v = 1; $v -lt $versions.Count; $v++) {
                (Get-ChangedField -Before $versions[0] -After $versions[$v]) -join ',' | Should -Be ($script:named -join ',') -Because "version $v of contact $id"
                foreach ($name in $script:named) { $versions[$v].$name | Should -Be $intended[$name] -Because "version $v of contact $id" }
            }
        }
        foreach ($id in $script:untouched) { $script:history[$id].Count | Should -Be 1 -Because "contact $id was not in the input" }
    }

    It 'wrote a contact more than once only after its answer was lost and reading it back showed it not applied' {
        foreach ($id in $script:ids) {
            $writes = $script:history[$id].Count - 1
            if ($writes -gt 1) { $writes - 1 | Should -BeLessOrEqual ([int]$script:resent[$id]) -Because "contact $id was written $writes times" }
        }
    }
}

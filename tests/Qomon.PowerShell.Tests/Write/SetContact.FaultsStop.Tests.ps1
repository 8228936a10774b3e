# Issue 6, "Faults survived": Ctrl+C in the middle of a bulk run, while the emulator injects 5xx answers and
# resets, stops it, and what was written is reported as written. SetContact.Runspace.Tests.ps1 proves one half
# (every contact output was written); this file proves both halves against every contact's history: each contact
# that holds the new value was output (-PassThru) or named on the host by the stop warning (written, or "being
# written when stopped ... check them"), and no contact output or named as written lacks it. The run is hosted in
# a [powershell] instance on a runspace with a host that records its warning lines, and stopped with .Stop()
# (what Ctrl+C does) once the emulator has answered 70 writes: with batches of 20, eight writes in flight
# and 150 ms per request, that is in the middle of the fourth batch's writes, some answered and some in flight.
# It runs by PATCH and by Auto (the default: upserts, which stay in flight across batches and land 2 s after their
# 202), each on 300 contacts of its own.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 600 -Settings @{ burst = 100; rate = 2000; randomSeed = 11 }
    $script:allIds = @(Get-QomonContact -First 600 | ForEach-Object { [long]$_.id })

    . (Join-Path $PSScriptRoot '../TestHelpers/RecordingHost.ps1')
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Stopping a bulk run by <Method> through injected faults' -ForEach @(
    @{ Method = 'Patch'; First = 0 }
    @{ Method = 'Auto'; First = 300 }
) {
    BeforeAll {
        $script:ids = $script:allIds[$First..($First + 299)]
        # Writes of either kind: under the harsh profile upsert costs 5 tokens, and Auto writes by PATCH after its probe.
        function Get-WriteCount { (Get-EmulatorRequestCount $script:emulator 'PATCH /contacts/{id}') + (Get-EmulatorRequestCount $script:emulator 'POST /contacts/upsert') }
        function Get-Intended([long] $Id) { "+33 7 64 $Id" }
        $recorded = New-RecordedPowerShell
        $recording, $runspace, $ps = $recorded.Host, $recorded.Runspace, $recorded.PowerShell
        $null = $ps.AddScript({
                param($module, $url, $key, $ids, $method)
                Import-Module $module
                Connect-Qomon -ApiKey $key -BaseUri $url
                $ids | ForEach-Object { @{ Id = $_; mobile = "+33 7 64 $_" } } | Set-QomonContact -WriteMethod $method -PassThru -ErrorAction SilentlyContinue
            }).AddArgument($env:QOMON_TEST_MODULE).AddArgument($script:emulator.Url).AddArgument($script:emulator.SecureApiKey).AddArgument($script:ids).AddArgument($Method)
        # Each request waits 150 ms, so 300 contacts take far longer than the 70 writes the stop waits for.
        Set-EmulatorConfig $script:emulator @{ latencyMs = 150; faultRate = 0.05; resetRate = 0.02; randomSeed = 3 }
        try {
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $run = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            $deadline = [datetime]::UtcNow.AddSeconds(120)
            $writesBefore = Get-WriteCount
            while ((Get-WriteCount) -lt $writesBefore + 70 -and -not $run.IsCompleted -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $script:completedBeforeStop = $run.IsCompleted
            $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
            $stop = $ps.BeginStop($null, $null)
            $script:stopped = $stop.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(30))
            $script:stopTime = $stopwatch.Elapsed
            $script:state = $ps.InvocationStateInfo.State
            $script:errors = @($ps.Streams.Error)
            $script:outputIds = @($output | Where-Object { $_.psobject.Properties['id'] } | ForEach-Object { [long]$_.id })
        }
        finally {
            $ps.Dispose()
            $runspace.Dispose()
            Set-EmulatorConfig $script:emulator @{ latencyMs = 0; faultRate = 0; resetRate = 0 }
        }
        # Writes the client abandoned at the stop may still land (150 ms each; an upsert 2 s after its 202): give them
        # time before reading history.
        Start-Sleep -Seconds 3
        $script:warnings = @($recording.Warnings)
        $stopWarning = @($script:warnings | Where-Object { $_ -like 'Set-QomonContact was stopped.*' })
        $script:stopWarning = $stopWarning
        $idsIn = { param($text) @([regex]::Matches([string]$text, 'contact (\d+)') | ForEach-Object { [long]$_.Groups[1].Value }) }
        $script:namedWritten = @($stopWarning | ForEach-Object { if ($_ -match 'Written before the stop: ([^.]*)\.') { & $idsIn $Matches[1] } })
        $script:namedInFlight = @($stopWarning | ForEach-Object { if ($_ -match 'Being written when stopped[^:]*: ([^.]*)\.') { & $idsIn $Matches[1] } })
        $script:written = @($script:ids | Where-Object { (Get-ContactHistory $script:emulator $_)[-1].mobile -eq (Get-Intended $_) })
        Write-Host ("    stopped in {0:0.000} s after 70 answered writes: {1} contacts written; {2} output, {3} named on the host as written, {4} as being written; {5} errors" -f
            $script:stopTime.TotalSeconds, $script:written.Count, $script:outputIds.Count, $script:namedWritten.Count, $script:namedInFlight.Count, $script:errors.Count)
    }

    It 'stops in the middle of the run' {
        $script:completedBeforeStop | Should -BeFalse
        $script:stopped | Should -BeTrue -Because 'the stop must not hang (a guard far above what it takes, not a timing claim)'
        $script:state | Should -Be 'Stopped'
        $script:written.Count | Should -BeGreaterOrEqual 1
        $script:written.Count | Should -BeLessThan 300
    }

    It 'reports no contact as written that was not' {
        foreach ($id in @($script:outputIds) + @($script:namedWritten)) {
            $id | Should -BeIn $script:written -Because "contact $id was reported as written"
        }
    }

    It 'reports every contact that was written: output, or named on the host' {
        $reported = @($script:outputIds) + @($script:namedWritten) + @($script:namedInFlight)
        foreach ($id in $script:written) {
            $id | Should -BeIn $reported -Because "contact $id holds the new value"
        }
    }

    It 'says on the host how many contacts were written before the stop, and that the rest of the input was not' {
        $script:stopWarning.Count | Should -Be 1
        $script:stopWarning[0] -match 'It had updated (\d+) contacts?' | Should -BeTrue
        [int]$Matches[1] | Should -Be ($script:outputIds.Count + $script:namedWritten.Count)
        $script:stopWarning[0] | Should -BeLike '*the rest of its input was not written*'
    }

    It 'changed only the named field of every contact written, once' {
        foreach ($id in $script:written) {
            $versions = Get-ContactHistory $script:emulator $id
            (Get-ChangedField -Before $versions[0] -After $versions[-1]) -join ',' | Should -Be 'mobile' -Because "contact $id"
            # 5xx answers and resets are never applied and no response is slow here, so nothing lands twice.
            $versions.Count | Should -Be 2 -Because "contact $id was written once"
        }
    }
}

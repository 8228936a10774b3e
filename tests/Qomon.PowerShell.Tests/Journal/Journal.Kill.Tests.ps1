# The journal's promise, tested the hard way: a 1,000-contact merge in its own pwsh is killed (SIGKILL, as kill -9)
# at five points and resumed each time. Afterwards every contact was written exactly once, the contacts equal those
# of a clean single run, and the journal's outcomes agree with the emulator's history. The kill points are random
# with a fixed seed ($env:QOMON_KILL_SEED overrides it, to replay a failure or try others). It runs once by Auto (the
# default: upserts, which Qomon applies seconds after the kill, so each resume must wait for them before it reads)
# and once by PATCH.
Describe 'A 1,000-contact merge by <Method> killed at five points and resumed each time' -ForEach @(@{ Method = 'Auto' }, @{ Method = 'Patch' }) {
    BeforeAll {
        Import-Module $env:QOMON_TEST_MODULE -Force
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../Write/WriteTestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../Trust/TrustHelpers.psm1') -Force

        $script:count = 1000
        $script:settings = @{ burst = 600; rate = 6000 }
        $script:seed = if ($env:QOMON_KILL_SEED) { [int] $env:QOMON_KILL_SEED } else { 20261202 }
        $script:emulator = Start-TestEmulator -Seed $script:count -Settings $script:settings
        $script:clean = Start-TestEmulator -Seed $script:count -Settings $script:settings -ApiKey $script:emulator.ApiKey

        # One new mobile number and city per contact: every record changes its contact.
        Connect-TestEmulator $script:emulator
        $script:ids = @(Get-QomonContact -All | ForEach-Object { [long] $_.id } | Sort-Object)
        $script:csv = Join-Path $TestDrive 'merge.csv'
        $script:ids | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = '+33 7 00 {0:D6}' -f ($_ % 1000000); 'address.city' = "Ville $($_ % 97)" } } |
            Export-Csv -Path $script:csv -NoTypeInformation
        $script:journal = Join-Path $TestDrive 'merge.journal.jsonl'

        # Five kill points: the number of pending lines (requests sent) in the journal at which the running merge is
        # killed. Not done lines: under Auto they come in bursts, as upserts are seen applied, and the last burst can
        # end the run before the kill lands.
        $random = [Random]::new($script:seed)
        $script:killAt = @(1..5 | ForEach-Object { $random.Next(20, $script:count - 20) } | Sort-Object -Unique)
        while ($script:killAt.Count -lt 5) { $script:killAt = @($script:killAt + $random.Next(20, $script:count - 20) | Sort-Object -Unique) }

        function Start-Merge([switch] $DiscardOutput) {
            $launch = Get-PwshLaunch
            $start = [System.Diagnostics.ProcessStartInfo]::new($launch.FileName)
            foreach ($argument in @($launch.Prefix) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Invoke-JournaledMerge.ps1'),
                    '-ModulePath', $env:QOMON_TEST_MODULE, '-Url', $script:emulator.Url, '-CsvPath', $script:csv, '-JournalPath', $script:journal, '-WriteMethod', $Method)) {
                $start.ArgumentList.Add([string] $argument)
            }
            $start.Environment['QOMON_CHILD_KEY'] = $script:emulator.ApiKey
            $start.UseShellExecute = $false
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $process = [System.Diagnostics.Process]::Start($start)
            $process.BeginErrorReadLine()
            if ($DiscardOutput) { $process.BeginOutputReadLine() }
            $process
        }

        # Pending and done lines in the journal so far, counted on the lines appended since the last call (re-reading a
        # growing journal every few milliseconds would take the CPU the run needs).
        $script:tail = ''
        $script:lines = @{ pending = 0; done = 0 }
        $script:journalReader = $null
        function Update-LineCount {
            if (-not $script:journalReader) {
                if (-not (Test-Path $script:journal)) { return }
                $script:journalReader = [IO.StreamReader]::new([IO.FileStream]::new($script:journal, 'Open', 'Read', 'ReadWrite, Delete'))
            }
            $text = $script:tail + $script:journalReader.ReadToEnd()
            $end = $text.LastIndexOf([char] 10)
            if ($end -lt 0) { $script:tail = $text; return }
            foreach ($kind in 'pending', 'done') { $script:lines[$kind] += ([regex]::Matches($text.Substring(0, $end), ('"kind":"{0}"' -f $kind))).Count }
            $script:tail = $text.Substring($end + 1)
        }

        $script:runs = [System.Collections.Generic.List[object]]::new()
        foreach ($point in $script:killAt) {
            $process = Start-Merge -DiscardOutput
            $deadline = [DateTime]::UtcNow.AddMinutes(3)
            while ($script:lines.pending -lt $point -and -not $process.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20; Update-LineCount }
            $exitedOnItsOwn = $process.HasExited
            # Process.Kill is SIGKILL on Linux and macOS: nothing of the run gets to clean up, as with kill -9.
            if (-not $exitedOnItsOwn) { $process.Kill() }
            $null = $process.WaitForExit(30000)
            Update-LineCount
            $script:runs.Add([pscustomobject]@{ KillAt = $point; ExitedOnItsOwn = $exitedOnItsOwn; DoneWhenKilled = $script:lines.done })
            $process.Dispose()
        }
        $script:journalReader.Dispose()
        $last = Start-Merge
        $output = $last.StandardOutput.ReadToEnd()
        $null = $last.WaitForExit(180000)
        $script:lastResult = if ($output -match 'QOMON_RESULT=(?<json>.+)') { $Matches.json | ConvertFrom-Json } else { $null }
        $script:lastOutput = $output
        $last.Dispose()

        # The clean single run, on an emulator seeded the same.
        Connect-TestEmulator $script:clean
        Import-Csv -Path $script:csv | Set-QomonContact -BatchSize 50
        Connect-TestEmulator $script:emulator

        $script:histories = @{}
        $script:cleanFinal = @{}
        foreach ($id in $script:ids) {
            $script:histories[$id] = Get-ContactHistory -Emulator $script:emulator -Id $id
            $script:cleanFinal[$id] = (Get-ContactHistory -Emulator $script:clean -Id $id)[-1]
        }
        $script:records = @(Get-QomonJournal -Path $script:journal -WarningVariable journalWarnings)
        $script:journalWarnings = $journalWarnings
    }

    AfterAll {
        Disconnect-Qomon -ErrorAction SilentlyContinue
        Stop-TestEmulator $script:emulator
        Stop-TestEmulator $script:clean
    }

    It 'was killed five times mid-run' {
        $script:runs.Count | Should -Be 5
        $script:runs | Where-Object ExitedOnItsOwn | Should -BeNullOrEmpty -Because "each kill must stop a run that was still writing (kill seed $script:seed)"
        $script:runs | Where-Object { $_.DoneWhenKilled -ge $script:count } | Should -BeNullOrEmpty -Because "kill seed $script:seed"
        $upserts = Get-EmulatorRequestCount $script:emulator 'POST /contacts/upsert'
        if ($Method -eq 'Auto') { $upserts | Should -BeGreaterThan 0 -Because 'Auto writes these changes by upsert' } else { $upserts | Should -Be 0 }
    }

    It 'ended with a run that finished without an error' {
        $script:lastResult | Should -Not -BeNullOrEmpty -Because $script:lastOutput
        $script:lastResult.Failed | Should -Be 0
        $script:lastResult.Conflicts | Should -Be 0
        $script:lastResult.OutcomeUnknown | Should -Be 0
        $script:lastResult.SkippedByResume | Should -BeGreaterOrEqual $script:runs[-1].DoneWhenKilled -Because 'what the journal shows done is not read again'
    }

    It 'wrote every contact exactly once' {
        $wrongCount = @($script:ids | Where-Object { $script:histories[$_].Count -ne 2 })
        $wrongCount | Should -BeNullOrEmpty -Because 'each contact has its seeded version and one write'
    }

    It 'left every contact as a clean single run does' {
        $different = foreach ($id in $script:ids) {
            $changed = Get-ChangedField -Before $script:cleanFinal[$id] -After $script:histories[$id][-1]
            if ($changed.Count -gt 0) { "$id`: $($changed -join ', ')" }
        }
        $different | Should -BeNullOrEmpty
    }

    It 'has journal outcomes that agree with the history: one updated record per contact, the rest pending or skipped' {
        # A kill in the middle of writing a line leaves it cut short: named in a warning, and the rest read.
        $script:journalWarnings | Where-Object { "$_" -notmatch 'line \d+' } | Should -BeNullOrEmpty
        $updated = @($script:records | Where-Object Outcome -EQ 'updated')
        (@($updated.Id | Sort-Object) -join ',') | Should -Be ($script:ids -join ',')
        @($script:records | Where-Object Outcome -NotIn 'updated', 'pending') | Should -BeNullOrEmpty
        foreach ($record in $updated | Select-Object -First 50) {
            $history = $script:histories[$record.Id]
            $field = $record.Fields | Where-Object Path -EQ 'mobile'
            if ($field) { $field.New | Should -Be $history[-1].mobile }
        }
    }

    It 'has, for every record a kill left pending, a later record that settled it' {
        $pending = @($script:records | Where-Object Outcome -EQ 'pending')
        foreach ($record in $pending) {
            @($script:records | Where-Object { $_.Id -eq $record.Id -and $_.Outcome -eq 'updated' }).Count | Should -Be 1
        }
    }

    It 'never holds the API key' {
        (Get-Content -Raw $script:journal).Contains($script:emulator.ApiKey) | Should -BeFalse
    }
}

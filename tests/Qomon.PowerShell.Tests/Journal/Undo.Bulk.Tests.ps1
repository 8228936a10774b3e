# The issue's measure of Undo-QomonChange: after a 1,000-contact merge with -Journal, the undo restores every
# contact's fields to the state before the run exactly, checked against the emulator's history, except the fields
# another writer changed after the run, each reported as a Qomon.Conflict.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Write/Start-WriteSuite.ps1') -Seed 1000 -Settings @{ burst = 600; rate = 3000 }
    $script:other = Connect-TestEmulator $script:emulator -PassThru
    $script:ids = @(Get-QomonContact -First 1000 | ForEach-Object id)
    $script:journal = Join-Path $TestDrive 'merge-1000.journal'
    $script:ids | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = "+33 7 00 $_"; 'address.city' = 'Paris'; 'form:Main concern' = 'Environment' } } |
        Set-QomonContact -AddTag 'run-1000' -Journal $script:journal -InformationVariable runInfo
    $script:runInfo = $runInfo
    # After the run, another user changes the mobile of ten contacts (a field the run wrote) and the firstname of ten others (one it did not).
    $script:mobileSince = $script:ids[5..14]
    $script:firstnameSince = $script:ids[500..509]
    $script:mobileSince | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = '+33 6 55 55 55 55' } } | Set-QomonContact -Connection $script:other
    $script:firstnameSince | ForEach-Object { [pscustomobject]@{ Id = $_; firstname = 'Later' } } | Set-QomonContact -Connection $script:other
    Undo-QomonChange -Journal $script:journal -ErrorVariable conflicts -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable undoInfo
    $script:conflicts = $conflicts
    $script:undoInfo = $undoInfo
    $script:histories = @{}
    foreach ($id in $script:ids) { $script:histories[$id] = Get-ContactHistory $script:emulator $id }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Undo of a 1,000-contact merge' {
    It 'the run changed every contact' {
        $script:runInfo.MessageData.Updated | Should -Be 1000
    }

    It 'restores every contact to its state before the run, except the fields changed after it' {
        $wrong = foreach ($id in $script:ids) {
            $history = $script:histories[$id]
            $expected = if ($id -in $script:mobileSince) { 'mobile' } elseif ($id -in $script:firstnameSince) { 'firstname' } else { '' }
            $changed = (@(Get-ChangedField -Before $history[0] -After $history[-1]) | Sort-Object) -join ','
            if ($changed -ne $expected) { "contact $id differs from before the run in '$changed' (expected '$expected')" }
        }
        $wrong | Should -BeNullOrEmpty
    }

    It 'keeps the later values of the fields changed after the run' {
        foreach ($id in $script:mobileSince) { $script:histories[$id][-1].mobile | Should -Be '+33 6 55 55 55 55' }
        foreach ($id in $script:firstnameSince) { $script:histories[$id][-1].firstname | Should -Be 'Later' }
    }

    It 'reports each field changed after the run, once, as Qomon.Conflict' {
        $script:conflicts.Count | Should -Be 10
        @($script:conflicts | ForEach-Object FullyQualifiedErrorId | Where-Object { $_ -notlike 'Qomon.Conflict*' }) | Should -BeNullOrEmpty
        @($script:conflicts | ForEach-Object TargetObject | Sort-Object) | Should -Be @($script:mobileSince | Sort-Object)
        $script:conflicts | ForEach-Object { $_.ErrorDetails.Message | Should -BeLike "*mobile: the run wrote '+33 7 00 *', it now holds '+33 6 55 55 55 55'*" }
    }

    It 'writes each contact once: the run, the later edits, the undo' {
        $wrong = foreach ($id in $script:ids) {
            $expected = if ($id -in $script:mobileSince -or $id -in $script:firstnameSince) { 4 } else { 3 }
            if ($script:histories[$id].Count -ne $expected) { "contact $id has $($script:histories[$id].Count) versions" }
        }
        $wrong | Should -BeNullOrEmpty
        $script:undoInfo.MessageData.Updated | Should -Be 1000
        $script:undoInfo.MessageData.Throttled | Should -Be 0
    }
}

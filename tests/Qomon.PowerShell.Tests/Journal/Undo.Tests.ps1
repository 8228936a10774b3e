# Undo-QomonChange against the emulator: a journaled run is taken back field by field, as the history shows it,
# except fields someone changed after the run (each a Qomon.Conflict error); created contacts are removed, removed
# ones created again from their before image; -WhatIf sends nothing; a journal of another space is refused.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Write/Start-WriteSuite.ps1')
    $script:other = Connect-TestEmulator $script:emulator -PassThru
    function New-JournalPath { Join-Path $TestDrive ("run-" + [guid]::NewGuid().ToString('N') + '.journal') }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Undo of an update run' {
    BeforeAll {
        $script:ids = @(1..4 | ForEach-Object { New-TestContact -Contact (New-RichContactBody -FirstName "Undo$_") })
        $script:journal = New-JournalPath
        $script:ids | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = '+33 7 00 00 00 00'; 'address.city' = 'Paris'; 'form:Main concern' = 'Environment' } } |
            Set-QomonContact -AddTag 'imported' -RemoveTag 'donor' -Journal $script:journal
        # After the run, someone changes the mobile of the second contact and the firstname of the third.
        Set-QomonContact -Id $script:ids[1] -Property @{ mobile = '+33 6 99 99 99 99' } -Connection $script:other
        Set-QomonContact -Id $script:ids[2] -Property @{ firstname = 'Changed' } -Connection $script:other
        $script:versionsBefore = @($script:ids | ForEach-Object { (Get-ContactHistory $script:emulator $_).Count })
        Undo-QomonChange -Journal $script:journal -ErrorVariable conflicts -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
        $script:conflicts = $conflicts
        $script:info = $info
    }

    It 'puts back every field the run changed, as the history had it before the run' {
        foreach ($id in $script:ids[0], $script:ids[3]) {
            $history = Get-ContactHistory $script:emulator $id
            Get-ChangedField -Before $history[0] -After $history[-1] | Should -BeNullOrEmpty
        }
    }

    It 'leaves a field changed after the run as it is, and still puts back the others' {
        $history = Get-ContactHistory $script:emulator $script:ids[1]
        $history[-1].mobile | Should -Be '+33 6 99 99 99 99'
        Get-ChangedField -Before $history[0] -After $history[-1] | Should -Be @('mobile')
    }

    It 'keeps a field the run did not touch as someone changed it since' {
        $history = Get-ContactHistory $script:emulator $script:ids[2]
        $history[-1].firstname | Should -Be 'Changed'
        Get-ChangedField -Before $history[0] -After $history[-1] | Should -Be @('firstname')
    }

    It 'reports the conflict as Qomon.Conflict, naming the field and both values' {
        $script:conflicts.Count | Should -Be 1
        $script:conflicts[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.Conflict*'
        $script:conflicts[0].TargetObject | Should -Be $script:ids[1]
        $script:conflicts[0].ErrorDetails.Message | Should -BeLike "*contact $($script:ids[1])): mobile: the run wrote '+33 7 00 00 00 00', it now holds '+33 6 99 99 99 99' (before the run: '+33 6 12 34 56 78')*"
    }

    It 'writes each contact once' {
        for ($i = 0; $i -lt 4; $i++) { (Get-ContactHistory $script:emulator $script:ids[$i]).Count | Should -Be ($script:versionsBefore[$i] + 1) }
        $script:info.MessageData.Updated | Should -Be 4
    }

    It 'appends its own run to the journal, and a second undo finds nothing left to do' {
        $runs = @(Get-QomonJournal $script:journal | Group-Object Run)
        $runs.Count | Should -Be 2
        $writes = Get-WriteCount $script:emulator
        Undo-QomonChange -Journal $script:journal -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Get-WriteCount $script:emulator | Should -Be $writes
    }
}

Describe 'Undo of an undo' {
    It 'takes the undo back when -Run names it: the run''s values return' {
        $id = New-TestContact -Contact (New-RichContactBody -FirstName 'Redo')
        $journal = New-JournalPath
        Set-QomonContact -Id $id -Property @{ mobile = '+33 7 44 44 44 44'; 'form:Main concern' = 'Environment' } -AddTag 'redo' -Journal $journal
        $afterRun = (Get-ContactHistory $script:emulator $id)[-1]
        Undo-QomonChange -Journal $journal
        $undoRun = (Get-QomonJournal $journal | Where-Object Command -eq 'Undo-QomonChange' | Select-Object -First 1).Run
        Undo-QomonChange -Journal $journal -Run $undoRun
        $history = Get-ContactHistory $script:emulator $id
        $history.Count | Should -Be 4
        Get-ChangedField -Before $afterRun -After $history[-1] | Should -BeNullOrEmpty
    }
}

Describe 'Undo -Force and -WhatIf' {
    BeforeEach {
        $script:id = New-TestContact -Contact (New-RichContactBody -FirstName 'Forced')
        $script:journal = New-JournalPath
        Set-QomonContact -Id $script:id -Property @{ mobile = '+33 7 11 11 11 11'; phone = '+33 1 00 00 00 00' } -Journal $script:journal
        Set-QomonContact -Id $script:id -Property @{ mobile = '+33 6 88 88 88 88' } -Connection $script:other
    }

    It '-WhatIf shows each field it would put back and sends nothing' {
        $writes = Get-WriteCount $script:emulator
        $transcript = Join-Path $TestDrive 'undo-whatif.txt'
        $null = Start-Transcript -Path $transcript
        try { Undo-QomonChange -Journal $script:journal -WhatIf -ErrorAction SilentlyContinue }
        finally { $null = Stop-Transcript }
        Get-WriteCount $script:emulator | Should -Be $writes
        $text = Get-Content $transcript -Raw
        $text | Should -BeLike '*"Undo: put back phone"*'
        $text | Should -BeLike "*phone: '+33 1 00 00 00 00' -> '+33 1 23 45 67 89'*"
        @(Get-QomonJournal $script:journal | Group-Object Run).Count | Should -Be 1 -Because 'a -WhatIf run writes no journal'
    }

    It '-Force puts back a field changed after the run too' {
        Undo-QomonChange -Journal $script:journal -Force
        $history = Get-ContactHistory $script:emulator $script:id
        Get-ChangedField -Before $history[0] -After $history[-1] | Should -BeNullOrEmpty
    }
}

Describe 'Undo of created and removed contacts' {
    It 'removes the contacts a run created' {
        $journal = New-JournalPath
        $created = @(@{ firstname = 'New1'; surname = 'Person' }, @{ firstname = 'New2'; surname = 'Person' } | ForEach-Object { [pscustomobject]$_ } |
                New-QomonContact -Journal $journal)
        Undo-QomonChange -Journal $journal -Confirm:$false -InformationVariable info
        $info.MessageData.Removed | Should -Be 2
        foreach ($contact in $created) {
            { Get-QomonContact -Id $contact.id -ErrorAction Stop } | Should -Throw -ErrorId 'Qomon.ContactNotFound*'
        }
    }

    It 'asks before removing them, and stops where nobody can answer' {
        $journal = New-JournalPath
        $created = New-QomonContact -Property @{ firstname = 'Kept'; surname = 'Person' } -Journal $journal
        { Undo-QomonChange -Journal $journal -ErrorAction Stop } | Should -Throw -ErrorId 'Qomon.RemoveNeedsConfirmation*'
        (Get-QomonContact -Id $created.id).firstname | Should -Be 'Kept'
    }

    It 'creates a removed contact again from its before image, under a new id the undo''s journal records' {
        $journal = New-JournalPath
        $id = New-TestContact -Contact (New-RichContactBody -FirstName 'Removed')
        $original = (Get-ContactHistory $script:emulator $id)[-1]
        Remove-QomonContact -Id $id -Force -Journal $journal
        $again = Undo-QomonChange -Journal $journal -PassThru
        $again.id | Should -Not -Be $id
        $stored = (Get-ContactHistory $script:emulator $again.id)[-1]
        @(Get-ChangedField -Before $original -After $stored | Where-Object { $_ -ne 'notes' }) | Should -BeNullOrEmpty
        @($stored.notes.data | Sort-Object) | Should -Be @($original.notes.data | Sort-Object) -Because 'notes come back as new notes, with their text'
        $undoRecord = Get-QomonJournal $journal | Where-Object Op -eq 'create'
        $undoRecord.NewId | Should -Be $again.id
    }
}

Describe 'Journals Undo-QomonChange refuses' {
    It 'refuses a journal written in another space, before sending anything' {
        # One emulator, two keys: each key is a space of its own (its own group_id and contacts).
        $otherKey = 'other-space-' + [guid]::NewGuid().ToString('N')
        $twoSpaces = Start-TestEmulator -Seed 3 -AdditionalApiKey $otherKey
        try {
            $first = Connect-TestEmulator $twoSpaces -PassThru
            $second = Connect-Qomon -ApiKey (ConvertTo-SecureString $otherKey -AsPlainText -Force) -BaseUri $twoSpaces.Url -PassThru
            $journal = New-JournalPath
            $id = New-TestContact -Contact (New-RichContactBody -FirstName 'Space') -Connection $first
            Set-QomonContact -Id $id -Property @{ mobile = '+33 7 22 22 22 22' } -Journal $journal -Connection $first
            $writes = Get-WriteCount $twoSpaces
            $err = { Undo-QomonChange -Journal $journal -Connection $second -ErrorAction Stop } | Should -Throw -ErrorId 'Qomon.JournalOtherSpace*' -PassThru
            $err.Exception.Message | Should -BeLike '*Nothing was sent.'
            Get-WriteCount $twoSpaces | Should -Be $writes
            (Get-ContactHistory $twoSpaces $id)[-1].mobile | Should -Be '+33 7 22 22 22 22'
        }
        finally { Stop-TestEmulator $twoSpaces }
    }

    It 'refuses a run the journal does not hold, listing the runs it holds' {
        $journal = New-JournalPath
        $id = New-TestContact -Contact (New-RichContactBody -FirstName 'Run')
        Set-QomonContact -Id $id -Property @{ mobile = '+33 7 33 33 33 33' } -Journal $journal
        $err = { Undo-QomonChange -Journal $journal -Run ([guid]::NewGuid()) -ErrorAction Stop } | Should -Throw -ErrorId 'Qomon.JournalRunNotFound*' -PassThru
        $err.Exception.Message | Should -BeLike '*its runs: *(Set-QomonContact*'
    }

    It 'refuses a journal that does not exist' {
        { Undo-QomonChange -Journal (New-JournalPath) -ErrorAction Stop } | Should -Throw -ErrorId 'Qomon.JournalUnreadable*'
    }
}

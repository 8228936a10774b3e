# -Journal, -Resume and Get-QomonJournal against the emulator: what a journal holds, one run at a time, a journal of
# another space refused, a damaged line named and the rest used, and never the API key.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    $script:otherKey = 'other-space-key-' + [guid]::NewGuid().ToString('N')
    $script:emulator = Start-TestEmulator -Seed 12 -Settings @{ burst = 100; rate = 500 } -AdditionalApiKey $script:otherKey
    Connect-TestEmulator $script:emulator
    $null = Get-QomonForm
    $script:ids = @(Get-QomonContact -All | ForEach-Object { [long] $_.id } | Sort-Object)

    function New-JournalPath { Join-Path $TestDrive ("j-" + [guid]::NewGuid().ToString('N') + '.jsonl') }
    function Get-Lines([string] $Path) { @(Get-Content -Path $Path | ForEach-Object { $_ | ConvertFrom-Json }) }
    # What the emulator saw while Script ran. Script runs in a scope of its own: it hands what a test reads back
    # through $script: variables.
    function Get-Writes([scriptblock] $Script) {
        $traffic = Measure-EmulatorTraffic $script:emulator $Script
        [pscustomobject]@{ Reads = [int] $traffic.Routes['GET /contacts/{id}']; Patches = [int] $traffic.Routes['PATCH /contacts/{id}']; Total = $traffic.RequestsTotal }
    }
}

AfterAll {
    Disconnect-Qomon -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:emulator
}

Describe 'Set-QomonContact -Journal' {
    BeforeAll {
        $script:path = New-JournalPath
        $script:same = Get-QomonContact -Id $script:ids[2]
        $rows = @(
            @{ Id = $script:ids[0]; mobile = '+33 6 01 01 01 01'; 'address.city' = 'Journalville' }
            @{ Id = $script:ids[1]; mobile = '+33 6 02 02 02 02' }
            @{ Id = $script:ids[2]; firstname = $script:same.firstname }
            @{ Id = $script:ids[3]; mobil = '+33 6 04 04 04 04' }
        )
        $rows | Set-QomonContact -Journal $script:path -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $script:records = @(Get-QomonJournal -Path $script:path)
        $script:lines = Get-Lines $script:path
    }

    It 'writes a run line, then a pending line before each write and a done line for every record' {
        $script:lines[0].kind | Should -Be 'run'
        $script:lines[0].command | Should -Be 'Set-QomonContact'
        $script:lines[0].endpoint | Should -Be ((Get-QomonConnection).BaseUri.ToString())
        $script:lines[0].options.WriteMethod | Should -Be 'Auto' -Because 'the run line holds the options in force, defaults included'
        @($script:lines | Where-Object kind -EQ 'pending').Count | Should -Be 2
        @($script:lines | Where-Object kind -EQ 'done').Count | Should -Be 4
        foreach ($pending in $script:lines | Where-Object kind -EQ 'pending') {
            $pendingAt = [array]::IndexOf($script:lines, $pending)
            $doneAt = [array]::IndexOf($script:lines, ($script:lines | Where-Object { $_.kind -eq 'done' -and $_.seq -eq $pending.seq }))
            $doneAt | Should -BeGreaterThan $pendingAt
        }
    }

    It 'gives each record its outcome: updated, unchanged, failed with its error id' {
        @($script:records.Outcome) | Should -Be @('updated', 'updated', 'unchanged', 'failed')
        $script:records[3].Error | Should -Be 'Qomon.InvalidInput'
        $script:records[0].Method | Should -Be 'patch' -Because 'Auto writes a run of at most 20 records by PATCH'
        $script:records[2].Method | Should -BeNullOrEmpty
    }

    It 'keeps the contact as read before the write and each field with its old and new value, as the history shows' {
        $history = Get-ContactHistory -Emulator $script:emulator -Id $script:ids[0]
        $record = $script:records[0]
        $record.Before.id | Should -Be $script:ids[0]
        $record.Before.mobile | Should -Be $history[0].mobile
        $mobile = $record.Fields | Where-Object Path -EQ 'mobile'
        $mobile.Old | Should -Be $history[0].mobile
        $mobile.New | Should -Be $history[-1].mobile
        ($record.Fields | Where-Object Path -EQ 'address.city').New | Should -Be 'Journalville'
    }

    It 'agrees with the history: the updated contacts were written once, the others not at all' {
        foreach ($record in $script:records) {
            $versions = (Get-ContactHistory -Emulator $script:emulator -Id $record.Id).Count
            $versions | Should -Be $(if ($record.Outcome -eq 'updated') { 2 } else { 1 }) -Because "record $($record.Seq) is $($record.Outcome)"
        }
    }

    It 'appends a second run to the same journal, and -Summary counts both' {
        @{ Id = $script:ids[1]; mobile = '+33 6 02 02 02 22' } | Set-QomonContact -Journal $script:path
        $summary = Get-QomonJournal -Path $script:path -Summary
        $summary.Runs | Should -Be 2
        $summary.Records | Should -Be 5
        $summary.Updated | Should -Be 3
        $summary.Unchanged | Should -Be 1
        $summary.Failed | Should -Be 1
        $summary.FieldsChanged | Should -Be 4
        $summary.PSObject.TypeNames[0] | Should -Be 'Qomon.JournalSummary'
        (Get-QomonJournal -Path $script:path)[0].PSObject.TypeNames[0] | Should -Be 'Qomon.JournalEntry'
    }

    It 'never holds the API key' {
        (Get-Content -Raw $script:path).Contains($script:emulator.ApiKey) | Should -BeFalse
    }

    It 'writes no journal under -WhatIf' {
        $path = New-JournalPath
        @{ Id = $script:ids[4]; mobile = '+33 6 05 05 05 05' } | Set-QomonContact -Journal $path -WhatIf 6>$null
        $path | Should -Not -Exist
    }
}

Describe 'A journal in use by another run' {
    It 'is refused with Qomon.JournalInUse before anything is sent, and free again once that run ends' {
        $path = New-JournalPath
        $other = [Qomon.Client.Journal.JournalWriter]::Open($path)
        try {
            $traffic = Get-Writes {
                { @{ Id = $script:ids[5]; mobile = '+33 6 06 06 06 06' } | Set-QomonContact -Journal $path } |
                    Should -Throw -ErrorId 'Qomon.JournalInUse*' -ExpectedMessage '*in use by another run*'
            }
            $traffic.Total | Should -Be 0
        }
        finally { $other.Dispose() }
        "$path.lock" | Should -Exist -Because 'the lock file stays; only its lock ends'
        @{ Id = $script:ids[5]; mobile = '+33 6 06 06 06 06' } | Set-QomonContact -Journal $path
        (Get-QomonJournal $path).Outcome | Should -Be 'updated'
    }
}

Describe 'A journal that cannot be opened' {
    It 'stops the run with Qomon.JournalUnreadable before anything is sent' {
        $path = Join-Path $TestDrive 'no-such-folder/j.jsonl'
        $traffic = Get-Writes {
            { @{ Id = $script:ids[5]; mobile = '+33 6 06 06 06 26' } | Set-QomonContact -Journal $path } |
                Should -Throw -ErrorId 'Qomon.JournalUnreadable*' -ExpectedMessage '*no-such-folder*'
        }
        $traffic.Total | Should -Be 0
    }

    It 'is an error of Get-QomonJournal when the file does not exist' {
        $path = Join-Path $TestDrive 'missing.jsonl'
        Get-QomonJournal -Path $path -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.JournalUnreadable*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'A journal in use, with -Resume' {
    It 'is refused before the journal is read or the space checked: nothing is sent' {
        $path = New-JournalPath
        @{ Id = $script:ids[5]; mobile = '+33 6 06 06 06 16' } | Set-QomonContact -Journal $path
        $other = [Qomon.Client.Journal.JournalWriter]::Open($path)
        try {
            $traffic = Get-Writes {
                { @{ Id = $script:ids[5]; mobile = '+33 6 06 06 06 17' } | Set-QomonContact -Journal $path -Resume } |
                    Should -Throw -ErrorId 'Qomon.JournalInUse*'
            }
            $traffic.Total | Should -Be 0
        }
        finally { $other.Dispose() }
    }
}

Describe 'Set-QomonContact -WriteMethod Upsert -Journal' {
    It 'journals the upsert with the contact as read and the fields sent' {
        $path = New-JournalPath
        $contact = Get-QomonContact -Id $script:ids[11]
        @{ Id = $script:ids[11]; mobile = '+33 6 13 13 13 13' } | Set-QomonContact -WriteMethod Upsert -Journal $path
        $record = Get-QomonJournal $path
        $record.Outcome | Should -Be 'updated'
        $record.Method | Should -Be 'upsert'
        $record.Before.mobile | Should -Be $contact.mobile
        ($record.Fields | Where-Object Path -EQ 'mobile').New | Should -Be '+33 6 13 13 13 13'
    }
}

Describe 'Set-QomonContact -Replace -Journal' {
    It 'reads the contact for its before image, then journals the replacement' {
        $path = New-JournalPath
        $contact = Get-QomonContact -Id $script:ids[11]
        Set-QomonContact -Id $script:ids[11] -Replace -Force -Property @{ firstname = $contact.firstname; surname = $contact.surname; mobile = '+33 6 14 14 14 14' } -Journal $path
        $record = Get-QomonJournal $path
        $record.Outcome | Should -Be 'updated'
        $record.Method | Should -Be 'patch'
        $record.Before.mail | Should -Be $contact.mail
        ($record.Fields | Where-Object Path -EQ 'mobile').New | Should -Be '+33 6 14 14 14 14'
    }
}

Describe 'Set-QomonContact -Resume' {
    BeforeAll {
        $script:rows = @($script:ids[6..9] | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = "+33 6 07 07 07 $($_ % 100)" } })
    }

    It 'skips every record the journal shows done, at no token cost' {
        $path = New-JournalPath
        $script:rows | Set-QomonContact -Journal $path -Resume
        $traffic = Get-Writes { $script:rows | Set-QomonContact -Journal $path -Resume -InformationVariable info; $script:info = $info }
        $traffic.Total | Should -Be 1 -Because 'the only request is the read of one journaled contact that checks the space'
        $script:info.MessageData.SkippedByResume | Should -Be 4
        $script:info.MessageData.Unchanged | Should -Be 4
        "$($script:info.MessageData)" | Should -Match '4 skipped by resume'
    }

    It 'counts a write sent without an outcome as done when the contact holds its values, and writes it again when not' {
        $path = New-JournalPath
        $rows = @($script:ids[6..9] | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = "+33 6 08 08 08 $($_ % 100)" } })
        $rows | Set-QomonContact -Journal $path
        # As a killed run leaves it: the pending lines of the first two records without their done lines.
        $lines = @(Get-Content $path)
        $kept = $lines | Where-Object { -not ($_ -match '"kind":"done"' -and $_ -match '"seq":(1|2),') }
        Set-Content -Path $path -Value $kept
        # The second record's write "did not happen": its contact is put back as it was.
        $history = Get-ContactHistory -Emulator $script:emulator -Id $script:ids[7]
        @{ Id = $script:ids[7]; mobile = $history[0].mobile } | Set-QomonContact

        $traffic = Get-Writes { $rows | Set-QomonContact -Journal $path -Resume -InformationVariable info; $script:info = $info }

        $traffic.Reads | Should -Be 3 -Because 'one read checks the space, and each of the two records is read'
        $traffic.Patches | Should -Be 1
        $script:info.MessageData.SkippedByResume | Should -Be 2
        $resumed = @(Get-QomonJournal $path | Where-Object Run -NE (Get-QomonJournal $path)[0].Run)
        $resumed.Count | Should -Be 2
        $resumed[0].Outcome | Should -Be 'updated'
        $resumed[0].Message | Should -BeLike '*found applied on resume*'
        $resumed[1].Outcome | Should -Be 'updated'
        $resumed[1].Method | Should -Be 'patch'
        (Get-ContactHistory -Emulator $script:emulator -Id $script:ids[6])[-1].mobile | Should -Be $rows[0].mobile
    }

    It 'treats a journal that does not exist yet as a first run' {
        $path = New-JournalPath
        @{ Id = $script:ids[10]; mobile = '+33 6 10 10 10 10' } | Set-QomonContact -Journal $path -Resume
        (Get-QomonJournal $path).Outcome | Should -Be 'updated'
    }

    It 'is refused without -Journal' {
        { @{ Id = $script:ids[10]; mobile = '+33 6 10 10 10 11' } | Set-QomonContact -Resume } |
            Should -Throw -ErrorId 'Qomon.ConflictingParameters*'
    }
}

Describe 'A journal from another space' {
    BeforeAll {
        $script:spacePath = New-JournalPath
        $script:spaceRows = @($script:ids[0..1] | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = "+33 6 11 11 11 $($_ % 100)" } })
        $script:spaceRows | Set-QomonContact -Journal $script:spacePath
    }

    It 'is refused by -Resume with Qomon.JournalOtherSpace, and nothing is written' {
        $other = Connect-Qomon -ApiKey (ConvertTo-SecureString $script:otherKey -AsPlainText -Force) -BaseUri $script:emulator.Url -PassThru
        try {
            $traffic = Get-Writes {
                { $script:spaceRows | Set-QomonContact -Journal $script:spacePath -Resume -Connection $other } |
                    Should -Throw -ErrorId 'Qomon.JournalOtherSpace*' -ExpectedMessage '*space*'
            }
            $traffic.Patches | Should -Be 0
        }
        finally { Disconnect-Qomon -Connection $other }
    }

    It 'is refused when it was written for another endpoint' {
        $lines = @(Get-Content $script:spacePath)
        $lines[0] = $lines[0] -replace '"endpoint":"[^"]*"', '"endpoint":"https://other.example/api/"'
        $path = New-JournalPath
        Set-Content -Path $path -Value $lines
        { $script:spaceRows | Set-QomonContact -Journal $path -Resume } |
            Should -Throw -ErrorId 'Qomon.JournalOtherSpace*' -ExpectedMessage '*https://other.example/api/*'
    }
}

Describe 'A damaged journal line' {
    BeforeAll {
        $script:damagedPath = New-JournalPath
        $script:damagedRows = @($script:ids[0..2] | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = "+33 6 12 12 12 $($_ % 100)" } })
        $script:damagedRows | Set-QomonContact -Journal $script:damagedPath
        $lines = @(Get-Content $script:damagedPath)
        $script:damagedLine = 1 + [array]::IndexOf($lines, ($lines | Where-Object { $_ -match '"kind":"pending"' -and $_ -match '"seq":2,' }))
        $lines[$script:damagedLine - 1] = $lines[$script:damagedLine - 1].Substring(0, 40)
        Set-Content -Path $script:damagedPath -Value $lines
    }

    It 'is named by its number in a warning, and the rest of the journal is read' {
        $records = @(Get-QomonJournal -Path $script:damagedPath -WarningVariable warnings -WarningAction SilentlyContinue)
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "*line $($script:damagedLine):*"
        $records.Count | Should -Be 3
        @($records.Outcome) | Should -Be @('updated', 'updated', 'updated')
        (Get-QomonJournal -Path $script:damagedPath -Summary -WarningAction SilentlyContinue).DamagedLines | Should -Be $script:damagedLine
    }

    It 'still serves -Resume: the records it shows done are skipped' {
        $traffic = Get-Writes { $script:damagedRows | Set-QomonContact -Journal $script:damagedPath -Resume -WarningVariable warnings -WarningAction SilentlyContinue; $script:warnings = $warnings }
        "$($script:warnings[0])" | Should -BeLike "*line $($script:damagedLine):*"
        $traffic.Patches | Should -Be 0
    }
}

Describe 'New- and Remove-QomonContact -Journal' {
    It 'records a created contact with its new id, and a removed contact as it was' {
        $path = New-JournalPath
        $created = New-QomonContact -Property @{ firstname = 'Journal'; surname = 'Test' } -Journal $path
        Remove-QomonContact -Id $created.id -Force -Journal $path
        $records = @(Get-QomonJournal $path)
        $records[0].Op | Should -Be 'create'
        $records[0].Outcome | Should -Be 'created'
        $records[0].NewId | Should -Be $created.id
        ($records[0].Fields | Where-Object Path -EQ 'firstname').New | Should -Be 'Journal'
        $records[1].Op | Should -Be 'remove'
        $records[1].Method | Should -Be 'delete'
        $records[1].Outcome | Should -Be 'removed'
        $records[1].Before.surname | Should -Be 'Test'
    }
}

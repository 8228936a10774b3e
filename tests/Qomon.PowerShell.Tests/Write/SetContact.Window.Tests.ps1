# The read-to-write window at Qomon's own budget (burst 100, 10 tokens/s; a merge costs a 1-token read and a
# 5-token write). Each PATCH carries the whole contact as read, so another user's edit that lands between a
# contact's read and its write would be undone. The module takes a record's read and write tokens together, in input
# order, so its write follows its read at once; a read older than 1 s is read again before its write, and a write
# refused with 429 is read again before it is resent.
#
# A second writer (another user, straight through the API with the same key, so that it also drains the module's
# budget and draws 429s on the module's writes) watches the emulator's read count and edits another field (phone) of
# records 22 to 40, each once the module has made three reads past it: read by then, and with the pacing before this
# fix (reads running ahead of writes, 429s resent with the body as first read) written seconds later from a read
# made before the edit, which undid 9 of the 19 edits here. Three reads take 1.8 s of tokens, more than the 1 s a read
# may age before it is read again. It also edits the same field (mobile) of record 51, not read by the module yet but
# read by the caller (Get-QomonContact) before.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 60 -Settings @{ burst = 100; rate = 10 }
    $script:ids = @(Get-QomonContact -First 60 | ForEach-Object id)

    function Start-SecondWriter {
        param($Emulator, [object[]] $Edits)
        # Counted here, before the module starts: the runspace may take a while to start.
        $readsBefore = Get-EmulatorRequestCount -Emulator $Emulator -Route 'GET /contacts/{id}'
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
            param($Url, $ApiKey, $ReadsBefore, $Edits)
            $ErrorActionPreference = 'Stop'
            function Get-Reads { $s = Invoke-RestMethod "$Url/_emulator/stats"; $r = $s.requests.'GET /contacts/{id}'; if ($r) { [int]($r.psobject.Properties.Value | Measure-Object -Sum).Sum } else { 0 } }
            $deadline = [datetime]::UtcNow.AddMinutes(5)
            foreach ($edit in $Edits) {
                while ((Get-Reads) -lt $ReadsBefore + $edit.AfterReads) {
                    if ([datetime]::UtcNow -gt $deadline) { throw 'The module never read enough contacts.' }
                    Start-Sleep -Milliseconds 20
                }
                while ($true) {
                    # Take the contact as stored just now, change one field, PATCH it back whole (again after a 429,
                    # so that this writer never undoes the module's write with a stale copy of its own).
                    $contact = (Invoke-RestMethod "$Url/_emulator/contacts/$($edit.Id)/history")[-1]
                    $contact | Add-Member -NotePropertyName $edit.Field -NotePropertyValue $edit.Value -Force
                    $body = @{ data = @{ contact = $contact } } | ConvertTo-Json -Depth 20
                    try {
                        $null = Invoke-RestMethod -Method Patch -Uri "$Url/contacts/$($edit.Id)" -Body $body -ContentType 'application/json' -Headers @{ Authorization = "Bearer $ApiKey" }
                        break
                    }
                    catch { if ([int]$_.Exception.Response.StatusCode -ne 429) { throw }; Start-Sleep -Milliseconds 50 }
                }
                "edited $($edit.Id)"
            }
        }).AddArgument($Emulator.Url).AddArgument($Emulator.ApiKey).AddArgument($readsBefore).AddArgument($Edits)
        [pscustomobject]@{ Shell = $shell; Run = $shell.BeginInvoke() }
    }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'A 60-contact merge at burst 100 and 10 tokens/s while another user edits' {
    BeforeAll {
        $script:contacts = @($script:ids | ForEach-Object { Get-QomonContact -Id $_ })
        foreach ($contact in $script:contacts) { $contact.mobile = "+33 7 55 55 $($contact.id % 10000)" }
        $script:otherField = @($script:ids[21..39])
        $script:sameField = $script:ids[50]
        # Record n (index n-1) is edited once the module has made n+3 reads.
        $edits = @(@{ Id = $script:sameField; Field = 'mobile'; Value = '+33 6 00 00 00 01'; AfterReads = 20 }) +
            @(for ($index = 21; $index -le 39; $index++) { @{ Id = $script:ids[$index]; Field = 'phone'; Value = '+33 1 99 99 99 99'; AfterReads = $index + 4 } })
        $second = Start-SecondWriter $script:emulator -Edits $edits
        # PATCH's window is what this measures (an upsert sends only the changed fields and leaves none).
        $script:contacts | Set-QomonContact -WriteMethod Patch -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
        $script:errors = $errors
        $script:summary = $info.MessageData
        $script:secondOutput = $second.Shell.EndInvoke($second.Run)
        $script:secondErrors = @($second.Shell.Streams.Error)
        $second.Shell.Dispose()
    }

    It 'lets the second writer make every edit while the module runs' {
        $script:secondErrors | Should -BeNullOrEmpty
        $script:secondOutput | Should -Be @(@($script:sameField) + $script:otherField | ForEach-Object { "edited $_" })
    }

    It 'keeps the other user''s edits of another field, each made after the module read the contact' {
        $lost = @(foreach ($id in $script:otherField) {
                $after = (Get-ContactHistory $script:emulator $id)[-1]
                $after.mobile | Should -Be "+33 7 55 55 $($id % 10000)"
                if ($after.phone -ne '+33 1 99 99 99 99') { $id }
            })
        $lost | Should -BeNullOrEmpty -Because "the other user's phone edits of contacts $($lost -join ', ') were undone"
    }

    It 'refuses the same-field edit as Qomon.Conflict and keeps the other user''s value' {
        $script:errors.Count | Should -Be 1
        $script:errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.Conflict*'
        $script:errors[0].TargetObject | Should -Be $script:sameField
        (Get-ContactHistory $script:emulator $script:sameField)[-1].mobile | Should -Be '+33 6 00 00 00 01'
    }

    It 'updates the 59 others' {
        $script:summary.Updated | Should -Be 59
        $script:summary.Conflicts | Should -Be 1
        $script:summary.Failed | Should -Be 0
        $script:summary.OutcomeUnknown | Should -Be 0
    }
}

# -ErrorAction Stop writes one record at a time so that nothing is written after the first error. Reading the whole
# batch before the first write (as it once did) left every read seconds old at this budget, so each contact was read
# twice; now reads run only a few records ahead of the writes.
Describe 'A 20-contact merge with -ErrorAction Stop at burst 100 and 10 tokens/s' {
    BeforeAll {
        $script:stopIds = @($script:ids[0..19])
        $records = @($script:stopIds | ForEach-Object { [pscustomobject]@{ id = $_; mobile = "+33 7 66 66 $($_ % 10000)" } })
        # The 16th record names a contact that does not exist: its read fails and stops the command.
        $records[15] = [pscustomobject]@{ id = 999999999; mobile = '+33 7 00 00 00 00' }
        $script:readsBefore = Get-EmulatorRequestCount -Emulator $script:emulator -Route 'GET /contacts/{id}'
        $script:writesBefore = Get-EmulatorRequestCount -Emulator $script:emulator -Route 'PATCH /contacts/{id}'
        $script:thrown = $null
        try { $records | Set-QomonContact -ErrorAction Stop -WarningAction SilentlyContinue }
        catch { $script:thrown = $_ }
    }

    It 'stops at the record whose read failed' {
        $script:thrown | Should -Not -BeNullOrEmpty
        $script:thrown.FullyQualifiedErrorId | Should -BeLike 'Qomon.ContactNotFound*'
    }

    It 'writes the 15 records before it, and none after it' {
        (Get-EmulatorRequestCount -Emulator $script:emulator -Route 'PATCH /contacts/{id}') - $script:writesBefore | Should -Be 15
        foreach ($id in $script:stopIds[0..14]) { (Get-ContactHistory $script:emulator $id)[-1].mobile | Should -Be "+33 7 66 66 $($id % 10000)" }
        foreach ($id in $script:stopIds[16..19]) { (Get-ContactHistory $script:emulator $id)[-1].mobile | Should -Not -Be "+33 7 66 66 $($id % 10000)" }
    }

    It 'reads no contact twice: each write follows its read' {
        (Get-EmulatorRequestCount -Emulator $script:emulator -Route 'GET /contacts/{id}') - $script:readsBefore | Should -BeLessOrEqual 20
    }
}

# Contacts read by Get-QomonContact -All and upserted without a read of their own: one shared search page of the
# contacts changed since the read tells which ones another user changed meanwhile. Those are read again, so an edit
# of the same field is Qomon.Conflict (nothing written), as on the PATCH path, and an edit of another field is kept.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 30 -Settings @{ burst = 100; rate = 500; 'upsert-delay-ms' = 300 }
    # "Someone else" edits through a second connection, as another user's session would.
    $script:other = Connect-TestEmulator $script:emulator -PassThru

    # The check sees a change once Qomon's search index has it (search-index-delay-ms, 2 s under the harsh profile).
    function Wait-SearchIndex {
        $lag = (Invoke-RestMethod -Uri "$($script:emulator.Url)/_emulator/config").searchIndexDelayMs
        if ($lag -gt 0) { Start-Sleep -Milliseconds ($lag + 500) }
    }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Get-QomonContact -All | Set-QomonContact -WriteMethod Upsert while another user edits some of the contacts' {
    BeforeAll {
        $script:contacts = @(Get-QomonContact -All)
        $script:sameField = $script:contacts[3].id
        $script:otherField = $script:contacts[7].id
        Set-QomonContact -Id $script:sameField -Property @{ mobile = '+33 6 22 22 22 22' } -Connection $script:other
        Set-QomonContact -Id $script:otherField -Property @{ phone = '+33 1 99 99 99 99' } -Connection $script:other
        Wait-SearchIndex
        foreach ($contact in $script:contacts) { $contact.mobile = "+33 6 00 00 $($contact.id)" }

        $script:traffic = Measure-EmulatorTraffic $script:emulator {
            # Not -ErrorAction Stop (Pester's preference here), which writes one record at a time.
            $script:contacts | Set-QomonContact -WriteMethod Upsert -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
            [pscustomobject]@{ Errors = @($errors); Summary = $info.MessageData }
        }
    }

    It 'reports the contact whose field the other user also changed as Qomon.Conflict, and does not write it' {
        $errors = $script:traffic.Output.Errors
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.Conflict*'
        $errors[0].TargetObject | Should -Be $script:sameField
        $errors[0].ErrorDetails.Message | Should -BeLike '*since the contact was read, the server changed mobile*'
        $history = Get-ContactHistory $script:emulator -Id $script:sameField
        $history.Count | Should -Be 2 -Because 'the seed and the other user''s edit; nothing of this run'
        $history[-1].mobile | Should -Be '+33 6 22 22 22 22'
        $script:traffic.Output.Summary.Conflicts | Should -Be 1
    }

    It 'keeps the other user''s change of a different field and upserts this one''s' {
        $history = Get-ContactHistory $script:emulator -Id $script:otherField
        $history.Count | Should -Be 3
        $history[-1].phone | Should -Be '+33 1 99 99 99 99'
        $history[-1].mobile | Should -Be "+33 6 00 00 $($script:otherField)"
    }

    It 'upserts every other contact, and reads again by GET only the two that changed since the read' {
        $count = $script:contacts.Count
        $script:traffic.Output.Summary.UpdatedByUpsert | Should -Be ($count - 1)
        $script:traffic.Routes['POST /contacts/upsert'] | Should -Be ($count - 1)
        [int]$script:traffic.Routes['PATCH /contacts/{id}'] | Should -Be 0
        [int]$script:traffic.Routes['GET /contacts/{id}'] | Should -Be 2
        foreach ($contact in $script:contacts | Where-Object id -NE $script:sameField) {
            (Get-ContactHistory $script:emulator -Id $contact.id)[-1].mobile | Should -Be "+33 6 00 00 $($contact.id)"
        }
    }
}

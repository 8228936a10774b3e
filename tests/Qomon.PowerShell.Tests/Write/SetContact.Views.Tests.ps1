# Editing a Qomon.Contact in place (issue 10, item 5): every property a user can assign either writes what was
# assigned, or is refused per record (non-terminating, a stable error id, nothing sent) with the way that works.
# Proven through the emulator's history of each contact.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Settings @{ burst = 100; rate = 500; 'unknown-fields' = 'store' }

    function Get-ViewTestContact {
        $body = New-RichContactBody
        $body.canvass_round = @{ wave = 3; team = 'North' }
        Get-QomonContact -Id (New-TestContact -Contact $body)
    }

    # Sends one edited contact; returns its errors and the summary.
    function Send-Edited($Contact, [switch] $Replace) {
        $extra = @{}
        if ($Replace) { $extra.Replace = $true; $extra.Force = $true }
        $errors = $null
        $Contact | Set-QomonContact @extra -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
        [pscustomobject]@{ Errors = @($errors); Summary = $info.MessageData }
    }

    function Get-Answer($Contact, [string] $Key, [long] $FormId) { @(Get-ContactAnswer $Contact -Custom:($Key -ne 'formdatas') -FormId $FormId | ForEach-Object data | Sort-Object) }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'A Qomon.Contact''s Answers view writes what was assigned' {
    It 'writes <Name>' -TestCases @(
        @{ Name = 'a radio answer by label'; Edit = { param($c) $c.Answers.'Level of support' = 'Opposed' }; Changed = 'form:47570'; Key = 'formdatas'; FormId = 47570; Stored = @('opposed') }
        @{ Name = 'a radio answer by value'; Edit = { param($c) $c.Answers.'Level of support' = 'undecided' }; Changed = 'form:47570'; Key = 'formdatas'; FormId = 47570; Stored = @('undecided') }
        @{ Name = 'a checkbox set to a new list'; Edit = { param($c) $c.Answers.Consents = @('Email', 'Phone call') }; Changed = 'form:47566'; Key = 'formdatas'; FormId = 47566; Stored = @('consent_email', 'consent_phone') }
        @{ Name = 'a checkbox value changed inside its list'; Edit = { param($c) $c.Answers.Consents[1] = 'Postal mail' }; Changed = 'form:47566'; Key = 'formdatas'; FormId = 47566; Stored = @('consent_email', 'consent_mail') }
        @{ Name = 'an entry added to a repeated text answer'; Edit = { param($c) $c.Answers.'Survey comment' += 'Called back' }; Changed = 'form:47582'; Key = 'formdatas'; FormId = 47582
            Stored = @('Called back', 'Not home', 'Not home', 'Wants more buses.') }
        @{ Name = 'a numeric answer set to one value'; Edit = { param($c) $c.Answers.'Household size' = 5 }; Changed = 'form:47583'; Key = 'formdatas'; FormId = 47583; Stored = @('5') }
        @{ Name = 'an answer cleared with $null'; Edit = { param($c) $c.Answers.'Main concern' = $null }; Changed = 'form:47580'; Key = 'formdatas'; FormId = 47580; Stored = @() }
        @{ Name = 'a custom field'; Edit = { param($c) $c.Answers.'Favourite food' = 'Pizza' }; Changed = 'custom:879854'; Key = 'custom_fields'; FormId = 879854; Stored = @('pizza') }
    ) {
        $contact = Get-ViewTestContact
        & $Edit $contact
        $sent = Send-Edited $contact
        $sent.Errors | Should -BeNullOrEmpty
        $sent.Summary.Updated | Should -Be 1
        $write = Get-LastWrite $script:emulator $contact.id
        $write.Changed | Should -Be @($Changed)
        Get-Answer $write.After $Key $FormId | Should -Be $Stored
    }

    It 'keeps the dates of the repeated entries it keeps' {
        $contact = Get-ViewTestContact
        $contact.Answers.'Survey comment' += 'Called back'
        $null = Send-Edited $contact
        $write = Get-LastWrite $script:emulator $contact.id
        $write.Versions | Should -Be 2
        $after = $write.After
        @(Get-ContactAnswer $after -FormId 47582 | Where-Object data -EQ 'Not home' | ForEach-Object { $_.date.ToUniversalTime().ToString('yyyy-MM-dd') } | Sort-Object) |
            Should -Be @('2026-02-01', '2026-02-08')
    }

    It 'writes an Answers edit with -Replace too' {
        $contact = Get-ViewTestContact
        $contact.Answers.'Level of support' = 'Opposed'
        (Send-Edited $contact -Replace).Errors | Should -BeNullOrEmpty
        $write = Get-LastWrite $script:emulator $contact.id
        $write.Changed | Should -Be @('form:47570')
        Get-Answer $write.After formdatas 47570 | Should -Be @('opposed')
    }

    It 'is unchanged when the view is read but not changed' {
        $contact = Get-ViewTestContact
        $null = $contact.Answers.'Level of support'
        (Send-Edited $contact).Summary.Unchanged | Should -Be 1
        (Get-ContactHistory $script:emulator $contact.id).Count | Should -Be 1
    }
}

Describe 'A Qomon.Contact''s other assignable properties write what was assigned' {
    It 'writes <Name>' -TestCases @(
        @{ Name = 'a field by its friendly alias (Email)'; Edit = { param($c) $c.Email = 'ann.new@example.org' }; Changed = @('mail') }
        @{ Name = 'an address part by its friendly name (City)'; Edit = { param($c) $c.City = 'Nice' }; Changed = @('address.city') }
        @{ Name = 'the tags by their names (TagNames)'; Edit = { param($c) $c.TagNames = @('donor', 'vip') }; Changed = @('tags') }
        @{ Name = 'a note''s text'; Edit = { param($c) ($c.notes | Where-Object pinned).data = 'Met at the market, twice.' }; Changed = @('notes') }
        @{ Name = 'a field the module does not know'; Edit = { param($c) $c.canvass_round.wave = 4 }; Changed = @('canvass_round') }
    ) {
        $contact = Get-ViewTestContact
        & $Edit $contact
        (Send-Edited $contact).Errors | Should -BeNullOrEmpty
        (Get-LastWrite $script:emulator $contact.id).Changed | Should -Be $Changed
    }

    It 'stores the tags and the note as assigned' {
        $contact = Get-ViewTestContact
        $contact.TagNames = @('donor', 'vip')
        ($contact.notes | Where-Object pinned).data = 'Met at the market, twice.'
        $null = Send-Edited $contact
        $after = (Get-LastWrite $script:emulator $contact.id).After
        @($after.tags.name | Sort-Object) | Should -Be @('donor', 'vip')
        @($after.notes | Where-Object pinned | ForEach-Object data) | Should -Be @('Met at the market, twice.')
        @($after.notes | Where-Object only_super_admin).Count | Should -Be 1
    }
}

Describe 'A Qomon.Contact edit that cannot be written as meant is refused, and nothing is sent' {
    It 'refuses <Name> with <ErrorId>' -TestCases @(
        @{ Name = 'an edit of a raw formdatas entry'; ErrorId = 'Qomon.UnsupportedEdit'
            Edit = { param($c) ($c.formdatas | Where-Object form_id -EQ 47570).data = 'opposed' }
            Text = "*formdatas: *Answers.'Level of support' = '<value>'*-Property @{ 'form:Level of support' = '<value>' }*" }
        @{ Name = 'an entry removed from the raw custom fields'; ErrorId = 'Qomon.UnsupportedEdit'
            Edit = { param($c) $key = if ($c.psobject.Properties['customfields']) { 'customfields' } else { 'custom_fields' }; $c.$key = @($c.$key | Where-Object form_id -NE 879854) }
            Text = "*custom*fields: *-Property @{ 'custom:Favourite food' = '<value>' }*" }
        @{ Name = 'a field Qomon sets'; ErrorId = 'Qomon.UnsupportedEdit'; Edit = { param($c) $c.UpdatedAt = '2020-01-01T00:00:00Z' }; Text = '*UpdatedAt: is set by Qomon*' }
        @{ Name = 'a geocoded address part'; ErrorId = 'Qomon.UnsupportedEdit'; Edit = { param($c) $c.address | Add-Member -NotePropertyName latitude -NotePropertyValue '1.5' -Force }; Text = '*address.latitude: is set by Qomon*' }
        @{ Name = 'a property added to the Answers view'; ErrorId = 'Qomon.UnsupportedEdit'; Edit = { param($c) $c.Answers | Add-Member -NotePropertyName Presence -NotePropertyValue 'Absent' }
            Text = "*Answers.Presence: *-Property @{ 'form:Presence' = '<value>' }*" }
        @{ Name = 'a property removed from the Answers view'; ErrorId = 'Qomon.UnsupportedEdit'; Edit = { param($c) $c.Answers.psobject.Properties.Remove('Main concern') }
            Text = "*Answers.Main concern: *= `$null*" }
        @{ Name = 'a value the form does not have'; ErrorId = 'Qomon.InvalidInput'; Edit = { param($c) $c.Answers.'Level of support' = 'Bogus' }
            Text = "*Answers.Level of support: 'Bogus' is not a value of 'Level of support'*" }
    ) {
        $contact = Get-ViewTestContact
        & $Edit $contact
        $writes = Get-WriteCount $script:emulator
        $sent = Send-Edited $contact
        Get-WriteCount $script:emulator | Should -Be $writes
        (Get-ContactHistory $script:emulator $contact.id).Count | Should -Be 1
        $sent.Errors.Count | Should -BeGreaterOrEqual 1
        $sent.Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        $sent.Errors[0].TargetObject | Should -Be $contact.id
        "$($sent.Errors[0])" | Should -BeLike $Text
        $sent.Summary.Failed | Should -Be 1
    }

    It 'refuses only the record with the bad edit and writes the others' {
        $bad = Get-ViewTestContact
        $good = Get-ViewTestContact
        ($bad.formdatas | Where-Object form_id -EQ 47570).data = 'opposed'
        $good.Answers.'Level of support' = 'Opposed'
        $bad, $good | Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        @($errors).Count | Should -Be 1
        (Get-ContactHistory $script:emulator $bad.id).Count | Should -Be 1
        Get-Answer (Get-LastWrite $script:emulator $good.id).After formdatas 47570 | Should -Be @('opposed')
    }
}

# Set-QomonContact's default merge, proven through the emulator's history of each contact: a write changes
# exactly the fields the input names, for every kind of field and form type, and nothing else (other fields,
# address parts, tags, notes, every answer and custom field, every copy of a repeated answer with its date, fields
# the module does not know). The emulator stores fields it does not know (unknown-fields store), so a field
# neither side knows proves the merge keeps what it cannot name.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Settings @{ burst = 100; rate = 500; 'unknown-fields' = 'store' }

    # A field neither the module nor the emulator knows, of a shape no known field has.
    $script:UnknownField = 'canvass_round'
    $script:UnknownValue = @{ wave = 3; team = 'North'; doors = @(12, 14) }

    function New-MergeTestContact {
        $body = New-RichContactBody
        $body[$script:UnknownField] = $script:UnknownValue
        New-TestContact -Contact $body
    }

    function Get-NoteIdentity($Contact) {
        @($Contact.notes | Sort-Object id | ForEach-Object { "$($_.id)|$($_.data)|$($_.pinned)|$($_.only_super_admin)" })
    }

    # One form's entries as "data@date" (dates read as DateTime or text alike), sorted, every copy kept.
    function Get-EntryText($Contact, [string] $Key, [long] $FormId) {
        @(Get-ContactAnswer $Contact -Custom:($Key -ne 'formdatas') -FormId $FormId | ForEach-Object {
                $data = if ($_.data -is [datetime]) { Format-Utc $_.data 'yyyy-MM-dd' } else { "$($_.data)" }
                "$data@$(Format-Utc $_.date 'yyyy-MM-ddTHH:mm')"
            } | Sort-Object)
    }

    function Format-Utc($When, [string] $Format) {
        $instant = if ($When -is [datetime]) { $When } else { [datetime]::Parse("$When", [cultureinfo]::InvariantCulture, 'AdjustToUniversal') }
        $instant.ToUniversalTime().ToString($Format, [cultureinfo]::InvariantCulture)
    }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Set-QomonContact -Id -Property (merge)' {
    It 'changes <Name> and nothing else' -TestCases @(
        @{ Name = 'a scalar field'; Property = @{ mobile = '+33 6 99 88 77 66' }; Expected = @('mobile') }
        @{ Name = 'a field named by its friendly name'; Property = @{ Email = 'ann.new@example.org' }; Expected = @('mail') }
        @{ Name = 'a field cleared with $null'; Property = @{ phone = $null }; Expected = @('phone') }
        @{ Name = 'an address part, dotted'; Property = @{ 'address.city' = 'Villeurbanne' }; Expected = @('address.city') }
        @{ Name = 'an address part, nested'; Property = @{ address = @{ postalcode = '69100' } }; Expected = @('address.postalcode') }
        @{ Name = 'a radio answer by label'; Property = @{ 'form:Main concern' = 'Transport' }; Expected = @('form:47580') }
        @{ Name = 'a radio answer by value'; Property = @{ 'form:Level of support' = 'opposed' }; Expected = @('form:47570') }
        @{ Name = 'a checkbox answer set exactly'; Property = @{ 'form:Consents' = @('Phone call') }; Expected = @('form:47566') }
        @{ Name = 'a checkbox value added'; Property = @{ 'form:Consents+' = 'Postal mail' }; Expected = @('form:47566') }
        @{ Name = 'a checkbox value removed'; Property = @{ 'form:Consents-' = 'SMS' }; Expected = @('form:47566') }
        @{ Name = 'a text answer held three times, twice the same'; Property = @{ 'form:Survey comment' = 'Wants a bike lane.' }; Expected = @('form:47582') }
        @{ Name = 'a numeric answer held three times, twice the same'; Property = @{ 'form:Household size' = 5 }; Expected = @('form:47583') }
        @{ Name = 'a date answer held three times, twice the same'; Property = @{ 'form:Visit date' = [datetime]::new(2026, 5, 4, 0, 0, 0, [System.DateTimeKind]::Utc) }; Expected = @('form:47591') }
        @{ Name = 'an answer cleared'; Property = @{ 'form:Volunteer interests' = $null }; Expected = @('form:47581') }
        @{ Name = 'a custom field by label'; Property = @{ 'custom:Favourite food' = 'Pizza' }; Expected = @('custom:879854') }
        @{ Name = 'a custom field by id'; Property = @{ 'custom:879856' = 'Board member since 2024.' }; Expected = @('custom:879856') }
        @{ Name = 'a custom checkbox value added'; Property = @{ 'custom:Skills+' = 'Legal' }; Expected = @('custom:879855') }
        @{ Name = 'a custom date'; Property = @{ 'custom:Member since' = '2018-01-15' }; Expected = @('custom:879857') }
        @{ Name = 'a custom number'; Property = @{ 'custom:Donation total' = 300 }; Expected = @('custom:879858') }
        @{ Name = 'several kinds at once'; Property = @{ mobile = '+33 6 01 02 03 04'; 'address.city' = 'Paris'; 'form:Level of support' = 'Strong support'; 'custom:Skills' = @('Design', 'Legal') }
            Expected = @('address.city', 'custom:879855', 'form:47570', 'mobile') }
    ) {
        $id = New-MergeTestContact
        Set-QomonContact -Id $id -Property $Property
        $write = Get-LastWrite $script:emulator $id
        $write.Versions | Should -Be 2
        # Every other field, every copy of a repeated answer with its date, and the notes (id, text, pinned,
        # only_super_admin) compare equal, or they would be listed here.
        $write.Changed | Should -Be @($Expected | Sort-Object)
        $write.After.nationbuilderid | Should -Be '123456'
    }

    It 'keeps a field neither the module nor the server''s documentation knows' {
        $id = New-MergeTestContact
        (Get-ContactHistory $script:emulator $id)[0].$script:UnknownField.team | Should -Be 'North' -Because 'the emulator stores what it does not know'
        Set-QomonContact -Id $id -Property @{ mobile = '+33 6 31 31 31 31' }
        $write = Get-LastWrite $script:emulator $id
        $write.Changed | Should -Be @('mobile')
        $write.After.$script:UnknownField | ConvertTo-Json -Compress | Should -Be ($script:UnknownValue | ConvertTo-Json -Compress)
    }

    It 'keeps each note as it is: same id, text, pinned and only_super_admin' {
        $id = New-MergeTestContact
        Set-QomonContact -Id $id -Property @{ mobile = '+33 6 32 32 32 32' }
        $write = Get-LastWrite $script:emulator $id
        $notes = Get-NoteIdentity $write.After
        $notes.Count | Should -Be 2
        $notes | Should -Be (Get-NoteIdentity $write.Before)
        @($write.After.notes | Where-Object only_super_admin).Count | Should -Be 1
        @($write.After.notes | Where-Object pinned).Count | Should -Be 1
    }

    It 'stores the values it was given' {
        $id = New-MergeTestContact
        Set-QomonContact -Id $id -Property @{ 'address.city' = 'Paris'; 'form:Visit date' = '2026-05-04T10:30:00Z'; 'custom:Skills-' = 'IT'; 'custom:Skills+' = 'Driving' }
        $after = (Get-LastWrite $script:emulator $id).After
        $after.address.city | Should -Be 'Paris'
        $after.address.street | Should -Be 'Rue de la Paix'
        # Dates are written with millisecond precision (read raw: Invoke-RestMethod would turn them into DateTime).
        (Invoke-WebRequest "$($script:emulator.Url)/_emulator/contacts/$id/history").Content | Should -Match '"data":\s*"2026-05-04T10:30:00\.000Z"'
        @(Get-ContactAnswer $after -Custom -FormId 879855 | ForEach-Object data | Sort-Object) | Should -Be @('design', 'driving')
    }

    It 'adds and removes tags without naming the others' {
        $id = New-MergeTestContact
        Set-QomonContact -Id $id -AddTag 'vip' -RemoveTag 'DONOR'
        $write = Get-LastWrite $script:emulator $id
        $write.Changed | Should -Be @('tags')
        @($write.After.tags.name | Sort-Object) | Should -Be @('newsletter', 'vip')
    }

    It 'takes several ids, each one record with its own errors: -Id $a, 0, 99999998, $b -AddTag' {
        $a = New-MergeTestContact
        $b = New-MergeTestContact
        Set-QomonContact -Id $a, 0, 99999998, $b -AddTag 'several' -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
        (Get-LastWrite $script:emulator $a).Changed | Should -Be @('tags')
        (Get-LastWrite $script:emulator $b).After.tags.name | Should -Contain 'several'
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.InvalidId*'
        $errors[0].ErrorDetails.Message | Should -BeLike 'record 2*'
        $errors[1].FullyQualifiedErrorId | Should -BeLike 'Qomon.ContactNotFound*'
        $errors[1].TargetObject | Should -Be 99999998
        $info.MessageData.Updated | Should -Be 2
        $info.MessageData.Failed | Should -Be 2
    }

    It 'sends nothing for an unchanged record: one read, no write' {
        $id = New-MergeTestContact
        $before = Get-EmulatorStats $script:emulator
        Set-QomonContact -Id $id -Property @{ mobile = '+33 6 12 34 56 78'; 'form:Level of support' = 'Support' } -InformationVariable info
        $after = Get-EmulatorStats $script:emulator
        $after.requestsTotal - $before.requestsTotal | Should -Be 1
        $after.tokensSpent - $before.tokensSpent | Should -Be 1
        (Get-ContactHistory $script:emulator $id).Count | Should -Be 1
        $info.MessageData.Unchanged | Should -Be 1
        $info.MessageData.Updated | Should -Be 0
    }

    It 'costs one read and one write for a changed record' {
        $id = New-MergeTestContact
        $before = Get-EmulatorStats $script:emulator
        Set-QomonContact -Id $id -Property @{ mobile = '+33 6 44 44 44 44' }
        $after = Get-EmulatorStats $script:emulator
        $after.tokensSpent - $before.tokensSpent | Should -Be 6
    }
}

Describe 'Set-QomonContact keeps repeated answers (issue 10, defect 1)' {
    It 'keeps every entry of repeated text, numeric and date answers and of multi-value checkboxes through an unrelated merge' {
        $id = New-MergeTestContact
        Set-QomonContact -Id $id -Property @{ mobile = '+33 6 33 33 33 33' }
        $write = Get-LastWrite $script:emulator $id
        $write.Changed | Should -Be @('mobile')
        Get-EntryText $write.After formdatas 47582 | Should -Be @('Not home@2026-02-01T18:00', 'Not home@2026-02-08T18:30', 'Wants more buses.@2026-02-15T10:00')
        Get-EntryText $write.After formdatas 47583 | Should -Be @('3@2026-02-01T18:00', '3@2026-02-08T18:30', '4@2026-02-15T10:00')
        Get-EntryText $write.After formdatas 47591 | Should -Be @('2026-03-01@2026-02-01T18:00', '2026-03-01@2026-02-08T18:30', '2026-03-08@2026-02-15T10:00')
        Get-EntryText $write.After custom_fields 879856 | Should -Be @('Founding member.@2026-02-01T18:00', 'Founding member.@2026-02-08T18:30')
        Get-EntryText $write.After custom_fields 879857 | Should -Be @('2019-06-01@2026-02-01T18:00', '2019-06-01@2026-02-08T18:30')
        Get-EntryText $write.After custom_fields 879858 | Should -Be @('100@2026-02-15T10:00', '250@2026-02-01T18:00', '250@2026-02-08T18:30')
        @(Get-ContactAnswer $write.After -FormId 47581 | ForEach-Object data | Sort-Object) | Should -Be @('door_knocking', 'events')
        @(Get-ContactAnswer $write.After -Custom -FormId 879855 | ForEach-Object data | Sort-Object) | Should -Be @('design', 'it')
    }

    It '-WhatIf shows only the change asked for on a contact with repeated answers, and the write changes only that' {
        $id = New-MergeTestContact
        $transcript = Join-Path $TestDrive 'repeated-whatif.txt'
        $null = Start-Transcript -Path $transcript
        try { Set-QomonContact -Id $id -Property @{ mobile = '+33 6 34 34 34 34' } -WhatIf }
        finally { $null = Stop-Transcript }
        (Get-ContactHistory $script:emulator $id).Count | Should -Be 1
        $text = Get-Content $transcript -Raw
        $text | Should -BeLike '*"Update fields: mobile"*'
        @(Select-String -InputObject $text -Pattern '(?m)^    \S+: ' -AllMatches | ForEach-Object { $_.Matches.Value.Trim() }) | Should -Be @('mobile:')
        # What -WhatIf showed is all the write changes: a repeated entry it did not show is not lost.
        Set-QomonContact -Id $id -Property @{ mobile = '+33 6 34 34 34 34' }
        (Get-LastWrite $script:emulator $id).Changed | Should -Be @('mobile')
    }

    It 'is unchanged (one read, no write) when the repeated answers are set to what they are, in another order' {
        $id = New-MergeTestContact
        $before = Get-EmulatorStats $script:emulator
        @{ Id = $id; formdatas = @(
                @{ form_id = 47582; form_ref_id = 15695; data = 'Wants more buses.' }
                @{ form_id = 47582; form_ref_id = 15695; data = 'Not home' }
                @{ form_id = 47582; form_ref_id = 15695; data = 'Not home' }
            ) } | Set-QomonContact -InformationVariable info
        (Get-EmulatorStats $script:emulator).requestsTotal - $before.requestsTotal | Should -Be 1
        $info.MessageData.Unchanged | Should -Be 1
    }

    It 'writes the one lost copy when the same answers are given with one "Not home" fewer, and shows the count' {
        $id = New-MergeTestContact
        $transcript = Join-Path $TestDrive 'lost-copy-whatif.txt'
        $record = @{ Id = $id; formdatas = @(
                @{ form_id = 47582; form_ref_id = 15695; data = 'Wants more buses.' }
                @{ form_id = 47582; form_ref_id = 15695; data = 'Not home' }
            ) }
        $null = Start-Transcript -Path $transcript
        try { $record | Set-QomonContact -WhatIf }
        finally { $null = Stop-Transcript }
        Get-Content $transcript -Raw | Should -BeLike "*form:Survey comment: 'Not home $([char]0xD7)2; Wants more buses.' -> 'Wants more buses.; Not home'*"
        $record | Set-QomonContact
        $write = Get-LastWrite $script:emulator $id
        $write.Changed | Should -Be @('form:47582')
        Get-EntryText $write.After formdatas 47582 | Should -Be @('Not home@2026-02-01T18:00', 'Wants more buses.@2026-02-15T10:00')
    }
}

Describe 'Set-QomonContact from the pipeline' {
    It 'takes hashtables and PSCustomObjects, naming the contact by Id, id or ContactId' {
        $a = New-MergeTestContact
        $b = New-MergeTestContact
        $c = New-MergeTestContact
        @{ Id = $a; mobile = '+33 6 10 10 10 10' }, [pscustomobject]@{ id = $b; 'address.city' = 'Nice' }, [pscustomobject]@{ ContactId = $c; 'form:Main concern' = 'Safety' } |
            Set-QomonContact
        (Get-LastWrite $script:emulator $a).Changed | Should -Be @('mobile')
        (Get-LastWrite $script:emulator $b).Changed | Should -Be @('address.city')
        (Get-LastWrite $script:emulator $c).Changed | Should -Be @('form:47580')
    }

    It 'takes Import-Csv rows: labels as columns, blank cells change nothing and are reported once' {
        $ids = 1..3 | ForEach-Object { New-MergeTestContact }
        $csv = Join-Path $TestDrive 'update.csv'
        @(
            'Id,mobile,address.city,form:Level of support,custom:Favourite food,phone'
            "$($ids[0]),+33 6 20 20 20 20,Rennes,Undecided,Salad,"
            "$($ids[1]),,Lille,,,"
            "$($ids[2]),+33 6 22 22 22 22,,Opposed,Couscous,"
        ) | Set-Content -Path $csv -Encoding utf8
        Import-Csv $csv | Set-QomonContact -WarningVariable warnings -WarningAction SilentlyContinue
        (Get-LastWrite $script:emulator $ids[0]).Changed | Should -Be @('address.city', 'custom:879854', 'form:47570', 'mobile')
        (Get-LastWrite $script:emulator $ids[1]).Changed | Should -Be @('address.city')
        (Get-LastWrite $script:emulator $ids[2]).Changed | Should -Be @('custom:879854', 'form:47570', 'mobile')
        @($warnings | Where-Object { "$_" -like 'Blank values*' }).Count | Should -Be 1
        "$($warnings | Where-Object { "$_" -like 'Blank values*' })" | Should -BeLike '*phone*'
    }

    It 'clears blank cells with -ClearEmpty' {
        $id = New-MergeTestContact
        [pscustomobject]@{ Id = "$id"; phone = ''; mobile = '+33 6 30 30 30 30' } | Set-QomonContact -ClearEmpty
        $write = Get-LastWrite $script:emulator $id
        $write.Changed | Should -Be @('mobile', 'phone')
        $write.After.phone | Should -BeNullOrEmpty
    }

    It 'merges a Qomon.Contact changed in place by what changed since it was read' {
        $id = New-MergeTestContact
        $contact = Get-QomonContact -Id $id
        $contact.mobile = '+33 6 40 40 40 40'
        $contact.address.city = 'Nantes'
        $contact | Set-QomonContact
        (Get-LastWrite $script:emulator $id).Changed | Should -Be @('address.city', 'mobile')
    }

    It 'takes an array given to -InputObject as one record per item' {
        $ids = 1..2 | ForEach-Object { New-MergeTestContact }
        Set-QomonContact -InputObject @(@{ Id = $ids[0]; mobile = '+33 6 41 41 41 41' }, @{ Id = $ids[1]; mobile = '+33 6 42 42 42 42' })
        (Get-LastWrite $script:emulator $ids[0]).Changed | Should -Be @('mobile')
        (Get-LastWrite $script:emulator $ids[1]).Changed | Should -Be @('mobile')
    }

    It 'takes bare ids from the pipeline with -AddTag' {
        $ids = 1..2 | ForEach-Object { New-MergeTestContact }
        $ids | Set-QomonContact -AddTag 'canvassed'
        foreach ($id in $ids) { (Get-LastWrite $script:emulator $id).After.tags.name | Should -Contain 'canvassed' }
    }

    It 'binds -Id by property name when -Property is given' {
        $id = New-MergeTestContact
        Get-QomonContact -Id $id | Set-QomonContact -Property @{ 'form:Presence' = 'Absent' }
        (Get-LastWrite $script:emulator $id).Changed | Should -Be @('form:47575')
    }
}

Describe 'Set-QomonContact -WhatIf, -PassThru, -ErrorAction Stop and the summary' {
    It '-WhatIf shows each field''s old and new value and writes nothing' {
        $id = New-MergeTestContact
        $writes = Get-WriteCount $script:emulator
        $transcript = Join-Path $TestDrive 'whatif.txt'
        $null = Start-Transcript -Path $transcript
        try { Set-QomonContact -Id $id -Property @{ mobile = '+33 6 50 50 50 50'; 'custom:Favourite food' = 'Pizza' } -AddTag vip -WhatIf }
        finally { $null = Stop-Transcript }
        Get-WriteCount $script:emulator | Should -Be $writes
        (Get-ContactHistory $script:emulator $id).Count | Should -Be 1
        $text = Get-Content $transcript -Raw
        $text | Should -BeLike "*What if: Performing the operation ""Update fields: *"" on target ""Contact $id (Ann Martin, ann.martin@example.org)""*"
        $text | Should -BeLike "*mobile: '+33 6 12 34 56 78' -> '+33 6 50 50 50 50'*"
        $text | Should -BeLike "*tags: + 'vip'*"
        $text | Should -BeLike "*custom:Favourite food: 'Hamburger' -> 'Pizza'*"
    }

    It '-PassThru writes each contact as stored, as a Qomon.Contact' {
        $id = New-MergeTestContact
        $unchanged = New-MergeTestContact
        $out = @(@{ Id = $id; mobile = '+33 6 60 60 60 60' }, @{ Id = $unchanged; mobile = '+33 6 12 34 56 78' } | Set-QomonContact -PassThru)
        $out.Count | Should -Be 2
        $out[0].pstypenames[0] | Should -Be 'Qomon.Contact'
        $out[0].id | Should -Be $id
        $out[0].mobile | Should -Be '+33 6 60 60 60 60'
        $out[1].id | Should -Be $unchanged
    }

    It 'writes output and errors in input order across concurrent batches' {
        $ids = 1..12 | ForEach-Object { New-MergeTestContact }
        $inputs = for ($i = 0; $i -lt $ids.Count; $i++) { @{ Id = $ids[$i]; mobile = "+33 6 70 70 70 $('{0:00}' -f $i)" } }
        $out = @($inputs | Set-QomonContact -PassThru -BatchSize 5 -ThrottleLimit 4)
        @($out.id) | Should -Be @($ids)
    }

    It '-ErrorAction Stop stops at the first bad record and writes nothing after it' {
        $ids = 1..3 | ForEach-Object { New-MergeTestContact }
        { @{ Id = $ids[0]; mobile = '+33 6 80 80 80 80' }, @{ Id = $ids[1]; mobile = '+33 6 81 81 81 81'; bogus = 1 }, @{ Id = $ids[2]; mobile = '+33 6 82 82 82 82' } |
                Set-QomonContact -ErrorAction Stop } | Should -Throw -ErrorId 'Qomon.InvalidInput*'
        (Get-ContactHistory $script:emulator $ids[0]).Count | Should -Be 2
        (Get-ContactHistory $script:emulator $ids[1]).Count | Should -Be 1
        (Get-ContactHistory $script:emulator $ids[2]).Count | Should -Be 1
    }

    It 'goes on after a bad record and sums up with a warning' {
        $ids = 1..2 | ForEach-Object { New-MergeTestContact }
        @{ Id = $ids[0]; mobil = 'typo' }, @{ Id = $ids[1]; mobile = '+33 6 90 90 90 90' } |
            Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue -InformationVariable info
        $errors.Count | Should -Be 1
        (Get-ContactHistory $script:emulator $ids[1]).Count | Should -Be 2
        # By Auto the count of updated says which way: "1 updated (1 by upsert, 0 by PATCH)".
        "$warnings" | Should -Match '^Set-QomonContact: 1 updated( \(1 by upsert, 0 by PATCH\)| \(0 by upsert, 1 by PATCH\))?, 0 unchanged, 0 conflicts, 1 failed'
        $info.MessageData.Failed | Should -Be 1
    }

    It 'reports a missing contact as ObjectNotFound with the id as target' {
        Set-QomonContact -Id 99999999 -Property @{ mobile = '+33 6 00 00 00 01' } -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 99999999
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.ContactNotFound*'
    }
}

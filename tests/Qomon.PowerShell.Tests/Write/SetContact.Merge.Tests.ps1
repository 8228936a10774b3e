# Set-QomonContact's default merge, proven through the emulator's history of each contact: a write changes
# exactly the fields the input names, for every kind of field and form type, and nothing else (other fields,
# address parts, tags, notes, every answer and custom field, fields the module does not know).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1')
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
        @{ Name = 'a text answer'; Property = @{ 'form:Survey comment' = 'Wants a bike lane.' }; Expected = @('form:47582') }
        @{ Name = 'a numeric answer'; Property = @{ 'form:Household size' = 5 }; Expected = @('form:47583') }
        @{ Name = 'a date answer'; Property = @{ 'form:Visit date' = [datetime]::new(2026, 5, 4, 0, 0, 0, [System.DateTimeKind]::Utc) }; Expected = @('form:47591') }
        @{ Name = 'an answer cleared'; Property = @{ 'form:Volunteer interests' = $null }; Expected = @('form:47581') }
        @{ Name = 'a custom field by label'; Property = @{ 'custom:Favourite food' = 'Pizza' }; Expected = @('custom:879854') }
        @{ Name = 'a custom field by id'; Property = @{ 'custom:879856' = 'Board member since 2024.' }; Expected = @('custom:879856') }
        @{ Name = 'a custom checkbox value added'; Property = @{ 'custom:Skills+' = 'Legal' }; Expected = @('custom:879855') }
        @{ Name = 'a custom date'; Property = @{ 'custom:Member since' = '2018-01-15' }; Expected = @('custom:879857') }
        @{ Name = 'a custom number'; Property = @{ 'custom:Donation total' = 300 }; Expected = @('custom:879858') }
        @{ Name = 'several kinds at once'; Property = @{ mobile = '+33 6 01 02 03 04'; 'address.city' = 'Paris'; 'form:Level of support' = 'Strong support'; 'custom:Skills' = @('Design', 'IT') }
            Expected = @('address.city', 'custom:879855', 'form:47570', 'mobile') }
    ) {
        $id = New-TestContact -Contact (New-RichContactBody)
        Set-QomonContact -Id $id -Property $Property
        $write = Get-LastWrite $script:emulator $id
        $write.Versions | Should -Be 2
        $write.Changed | Should -Be @($Expected | Sort-Object)
        $write.After.nationbuilderid | Should -Be '123456' -Because 'a field the module does not know is kept'
        @($write.After.notes).Count | Should -Be 1 -Because 'notes are never touched by a merge that does not name them'
    }

    It 'stores the values it was given' {
        $id = New-TestContact -Contact (New-RichContactBody)
        Set-QomonContact -Id $id -Property @{ 'address.city' = 'Paris'; 'form:Visit date' = '2026-05-04T10:30:00Z'; 'custom:Skills-' = 'IT'; 'custom:Skills+' = 'Driving' }
        $after = (Get-LastWrite $script:emulator $id).After
        $after.address.city | Should -Be 'Paris'
        $after.address.street | Should -Be 'Rue de la Paix'
        # Dates are written with millisecond precision (read raw: Invoke-RestMethod would turn them into DateTime).
        (Invoke-WebRequest "$($script:emulator.Url)/_emulator/contacts/$id/history").Content | Should -Match '"data":\s*"2026-05-04T10:30:00\.000Z"'
        @(Get-ContactAnswer $after -Custom -FormId 879855 | ForEach-Object data) | Should -Be @('driving')
    }

    It 'adds and removes tags without naming the others' {
        $id = New-TestContact -Contact (New-RichContactBody)
        Set-QomonContact -Id $id -AddTag 'vip' -RemoveTag 'DONOR'
        $write = Get-LastWrite $script:emulator $id
        $write.Changed | Should -Be @('tags')
        @($write.After.tags.name | Sort-Object) | Should -Be @('newsletter', 'vip')
    }

    It 'sends nothing for an unchanged record: one read, no write' {
        $id = New-TestContact -Contact (New-RichContactBody)
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
        $id = New-TestContact -Contact (New-RichContactBody)
        $before = Get-EmulatorStats $script:emulator
        Set-QomonContact -Id $id -Property @{ mobile = '+33 6 44 44 44 44' }
        $after = Get-EmulatorStats $script:emulator
        $after.tokensSpent - $before.tokensSpent | Should -Be 6
    }
}

Describe 'Set-QomonContact from the pipeline' {
    It 'takes hashtables and PSCustomObjects, naming the contact by Id, id or ContactId' {
        $a = New-TestContact -Contact (New-RichContactBody)
        $b = New-TestContact -Contact (New-RichContactBody)
        $c = New-TestContact -Contact (New-RichContactBody)
        @{ Id = $a; mobile = '+33 6 10 10 10 10' }, [pscustomobject]@{ id = $b; 'address.city' = 'Nice' }, [pscustomobject]@{ ContactId = $c; 'form:Main concern' = 'Safety' } |
            Set-QomonContact
        (Get-LastWrite $script:emulator $a).Changed | Should -Be @('mobile')
        (Get-LastWrite $script:emulator $b).Changed | Should -Be @('address.city')
        (Get-LastWrite $script:emulator $c).Changed | Should -Be @('form:47580')
    }

    It 'takes Import-Csv rows: labels as columns, blank cells change nothing and are reported once' {
        $ids = 1..3 | ForEach-Object { New-TestContact -Contact (New-RichContactBody) }
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
        $id = New-TestContact -Contact (New-RichContactBody)
        [pscustomobject]@{ Id = "$id"; phone = ''; mobile = '+33 6 30 30 30 30' } | Set-QomonContact -ClearEmpty
        $write = Get-LastWrite $script:emulator $id
        $write.Changed | Should -Be @('mobile', 'phone')
        $write.After.phone | Should -BeNullOrEmpty
    }

    It 'merges a Qomon.Contact changed in place by what changed since it was read' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $contact = Get-QomonContact -Id $id
        $contact.mobile = '+33 6 40 40 40 40'
        $contact.address.city = 'Nantes'
        $contact | Set-QomonContact
        (Get-LastWrite $script:emulator $id).Changed | Should -Be @('address.city', 'mobile')
    }

    It 'takes an array given to -InputObject as one record per item' {
        $ids = 1..2 | ForEach-Object { New-TestContact -Contact (New-RichContactBody) }
        Set-QomonContact -InputObject @(@{ Id = $ids[0]; mobile = '+33 6 41 41 41 41' }, @{ Id = $ids[1]; mobile = '+33 6 42 42 42 42' })
        (Get-LastWrite $script:emulator $ids[0]).Changed | Should -Be @('mobile')
        (Get-LastWrite $script:emulator $ids[1]).Changed | Should -Be @('mobile')
    }

    It 'takes bare ids from the pipeline with -AddTag' {
        $ids = 1..2 | ForEach-Object { New-TestContact -Contact (New-RichContactBody) }
        $ids | Set-QomonContact -AddTag 'canvassed'
        foreach ($id in $ids) { (Get-LastWrite $script:emulator $id).After.tags.name | Should -Contain 'canvassed' }
    }

    It 'binds -Id by property name when -Property is given' {
        $id = New-TestContact -Contact (New-RichContactBody)
        Get-QomonContact -Id $id | Set-QomonContact -Property @{ 'form:Presence' = 'Absent' }
        (Get-LastWrite $script:emulator $id).Changed | Should -Be @('form:47575')
    }
}

Describe 'Set-QomonContact -WhatIf, -PassThru, -ErrorAction Stop and the summary' {
    It '-WhatIf shows each field''s old and new value and writes nothing' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $writes = Get-WriteCount $script:emulator
        $transcript = Join-Path $TestDrive 'whatif.txt'
        $null = Start-Transcript -Path $transcript
        try { Set-QomonContact -Id $id -Property @{ mobile = '+33 6 50 50 50 50'; 'custom:Favourite food' = 'Pizza' } -AddTag vip -WhatIf }
        finally { $null = Stop-Transcript }
        Get-WriteCount $script:emulator | Should -Be $writes
        (Get-ContactHistory $script:emulator $id).Count | Should -Be 1
        $text = Get-Content $transcript -Raw
        $text | Should -BeLike "*What if: Performing the operation ""Update fields: *"" on target ""Contact $id (Ann Martin)""*"
        $text | Should -BeLike "*mobile: '+33 6 12 34 56 78' -> '+33 6 50 50 50 50'*"
        $text | Should -BeLike "*tags: + 'vip'*"
        $text | Should -BeLike "*custom:Favourite food: 'Hamburger' -> 'Pizza'*"
    }

    It '-PassThru writes each contact as stored, as a Qomon.Contact' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $unchanged = New-TestContact -Contact (New-RichContactBody)
        $out = @(@{ Id = $id; mobile = '+33 6 60 60 60 60' }, @{ Id = $unchanged; mobile = '+33 6 12 34 56 78' } | Set-QomonContact -PassThru)
        $out.Count | Should -Be 2
        $out[0].pstypenames[0] | Should -Be 'Qomon.Contact'
        $out[0].id | Should -Be $id
        $out[0].mobile | Should -Be '+33 6 60 60 60 60'
        $out[1].id | Should -Be $unchanged
    }

    It 'writes output and errors in input order across concurrent batches' {
        $ids = 1..12 | ForEach-Object { New-TestContact -Contact (New-RichContactBody) }
        $inputs = for ($i = 0; $i -lt $ids.Count; $i++) { @{ Id = $ids[$i]; mobile = "+33 6 70 70 70 $('{0:00}' -f $i)" } }
        $out = @($inputs | Set-QomonContact -PassThru -BatchSize 5 -ThrottleLimit 4)
        @($out.id) | Should -Be @($ids)
    }

    It '-ErrorAction Stop stops at the first bad record and writes nothing after it' {
        $ids = 1..3 | ForEach-Object { New-TestContact -Contact (New-RichContactBody) }
        { @{ Id = $ids[0]; mobile = '+33 6 80 80 80 80' }, @{ Id = $ids[1]; mobile = '+33 6 81 81 81 81'; bogus = 1 }, @{ Id = $ids[2]; mobile = '+33 6 82 82 82 82' } |
                Set-QomonContact -ErrorAction Stop } | Should -Throw -ErrorId 'Qomon.InvalidInput*'
        (Get-ContactHistory $script:emulator $ids[0]).Count | Should -Be 2
        (Get-ContactHistory $script:emulator $ids[1]).Count | Should -Be 1
        (Get-ContactHistory $script:emulator $ids[2]).Count | Should -Be 1
    }

    It 'goes on after a bad record and sums up with a warning' {
        $ids = 1..2 | ForEach-Object { New-TestContact -Contact (New-RichContactBody) }
        @{ Id = $ids[0]; mobil = 'typo' }, @{ Id = $ids[1]; mobile = '+33 6 90 90 90 90' } |
            Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue -InformationVariable info
        $errors.Count | Should -Be 1
        (Get-ContactHistory $script:emulator $ids[1]).Count | Should -Be 2
        "$warnings" | Should -BeLike 'Set-QomonContact: 1 updated, 0 unchanged, 0 conflicts, 1 failed*'
        $info.MessageData.Failed | Should -Be 1
    }

    It 'reports a missing contact as ObjectNotFound with the id as target' {
        Set-QomonContact -Id 99999999 -Property @{ mobile = '+33 6 00 00 00 01' } -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 99999999
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.ContactNotFound*'
    }
}

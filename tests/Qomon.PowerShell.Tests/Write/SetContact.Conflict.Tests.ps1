# Concurrent edits: a Qomon.Contact changed in place is merged by what changed since it was read, so another
# user's edit of a different field survives; an edit of the same field is a conflict (nothing written) unless
# -Force. Other input that carries UpdatedAt is checked at the level of the whole contact.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1')
    # "Someone else" edits through a second connection, as another user's session would.
    $script:other = Connect-TestEmulator $script:emulator -PassThru
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'A Qomon.Contact edited while the server changed' {
    It 'keeps another user''s edit of a different field' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $mine = Get-QomonContact -Id $id
        Set-QomonContact -Id $id -Property @{ phone = '+33 1 99 99 99 99'; 'form:Main concern' = 'Schools' } -AddTag 'theirs' -Connection $script:other
        $mine.mobile = '+33 6 11 11 11 11'
        $mine | Set-QomonContact
        $after = (Get-LastWrite $script:emulator $id).After
        $after.mobile | Should -Be '+33 6 11 11 11 11'
        $after.phone | Should -Be '+33 1 99 99 99 99'
        (Get-ContactAnswer $after -FormId 47580).data | Should -Be 'schools'
        $after.tags.name | Should -Contain 'theirs'
        (Get-ContactHistory $script:emulator $id).Count | Should -Be 3
    }

    It 'keeps another user''s tag when this one adds a different tag' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $mine = Get-QomonContact -Id $id
        Set-QomonContact -Id $id -AddTag 'theirs' -Connection $script:other
        $mine | Set-QomonContact -AddTag 'mine'
        @((Get-LastWrite $script:emulator $id).After.tags.name | Sort-Object) | Should -Be @('donor', 'mine', 'newsletter', 'theirs')
    }

    It 'refuses an edit of a field the server changed meanwhile, and writes nothing' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $mine = Get-QomonContact -Id $id
        Set-QomonContact -Id $id -Property @{ mobile = '+33 6 22 22 22 22' } -Connection $script:other
        $writes = Get-WriteCount $script:emulator
        $mine.mobile = '+33 6 33 33 33 33'
        $mine | Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
        Get-WriteCount $script:emulator | Should -Be $writes
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.Conflict*'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors[0].TargetObject | Should -Be $id
        $errors[0].ErrorDetails.Message | Should -BeLike "record 1 (contact $id): since the contact was read, the server changed mobile*"
        $info.MessageData.Conflicts | Should -Be 1
        (Get-LastWrite $script:emulator $id).After.mobile | Should -Be '+33 6 22 22 22 22'
    }

    It 'refuses an edit of an answer the server changed meanwhile' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $mine = Get-QomonContact -Id $id
        Set-QomonContact -Id $id -Property @{ 'form:Level of support' = 'Opposed' } -Connection $script:other
        $mine.Answers.'Level of support' = 'Strong support'
        $mine | Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.Conflict*'
        $errors[0].ErrorDetails.Message | Should -BeLike '*form:Level of support*'
        (Get-ContactAnswer (Get-LastWrite $script:emulator $id).After -FormId 47570).data | Should -Be 'opposed'
    }

    It 'writes over the conflict with -Force' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $mine = Get-QomonContact -Id $id
        Set-QomonContact -Id $id -Property @{ mobile = '+33 6 22 22 22 22' } -Connection $script:other
        $mine.mobile = '+33 6 44 44 44 44'
        $mine | Set-QomonContact -Force
        (Get-LastWrite $script:emulator $id).After.mobile | Should -Be '+33 6 44 44 44 44'
    }
}

Describe 'Input that carries UpdatedAt' {
    It 'is a conflict when the server''s copy is newer' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $seen = (Get-QomonContact -Id $id).UpdatedAt
        Start-Sleep -Milliseconds 20
        Set-QomonContact -Id $id -Property @{ phone = '+33 1 00 00 00 00' } -Connection $script:other
        $writes = Get-WriteCount $script:emulator
        [pscustomobject]@{ Id = $id; UpdatedAt = $seen; mobile = '+33 6 55 55 55 55' } |
            Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Get-WriteCount $script:emulator | Should -Be $writes
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.Conflict*'
        $errors[0].ErrorDetails.Message | Should -BeLike '*after the UpdatedAt this record carries*'
    }

    It 'is written when nothing changed since' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $seen = (Get-QomonContact -Id $id).UpdatedAt
        [pscustomobject]@{ Id = $id; UpdatedAt = $seen; mobile = '+33 6 66 66 66 66' } | Set-QomonContact
        (Get-LastWrite $script:emulator $id).Changed | Should -Be @('mobile')
    }
}

# Bad input to the write commands: each case gives a clear error that names the record and the problem, and the
# emulator proves nothing was written for it (no PATCH, POST or DELETE, no new version of the contact).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1')
    $script:target = (Get-QomonContact -First 1).id
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Bad input is refused and nothing is written for it' {
    It 'refuses <Name>' -TestCases @(
        # Ids
        @{ Name = 'a record without id'; ErrorId = 'Qomon.MissingId'; Text = 'The input has no Id column*Columns found: mobile.*'
            Run = { param($t) [pscustomobject]@{ mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'an empty id (blank CSV cell)'; ErrorId = 'Qomon.MissingId'; Text = 'record 1: Id: no contact id*'
            Run = { param($t) [pscustomobject]@{ Id = ''; mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'a negative id'; ErrorId = 'Qomon.InvalidId'; Text = 'record 1: Id: the contact id*'
            Run = { param($t) @{ Id = -5; mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'a zero id'; ErrorId = 'Qomon.InvalidId'; Text = 'record 1: Id: the contact id*'
            Run = { param($t) @{ Id = 0; mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'a non-numeric id'; ErrorId = 'Qomon.InvalidId'; Text = "record 1: id: the contact id 'abc' is not a number*"
            Run = { param($t) @{ id = 'abc'; mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'a fractional id'; ErrorId = 'Qomon.InvalidId'; Text = 'record 1: Id: the contact id*'
            Run = { param($t) @{ Id = 1.5; mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'a fractional id from a CSV cell'; ErrorId = 'Qomon.InvalidId'; Text = 'record 1: Id: the contact id*'
            Run = { param($t) [pscustomobject]@{ Id = "$t.5"; mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'an id too large for a number'; ErrorId = 'Qomon.InvalidId'; Text = 'record 1: Id: the contact id*'
            Run = { param($t) [pscustomobject]@{ Id = '99999999999999999999999'; mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'two ids that disagree'; ErrorId = 'Qomon.InvalidId'; Text = "record 1 (contact *): ContactId: * disagrees with Id=*"
            Run = { param($t) [pscustomobject]@{ Id = $t; ContactId = $t + 1; mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'a negative -Id'; ErrorId = 'Qomon.InvalidId'; Text = 'record 1: Id: the contact id*'
            Run = { param($t) Set-QomonContact -Id -7 -Property @{ mobile = '+33 6 00 00 00 01' } } }
        @{ Name = 'the same contact twice in one batch'; ErrorId = 'Qomon.DuplicateIdInBatch'; Text = 'record 2 (contact *): the same contact is already record 1 of this batch*'
            Run = { param($t) @{ Id = $t; mobile = $null }, @{ Id = $t; mobile = '+33 6 00 00 00 02' } | Set-QomonContact -WhatIf } }
        # Names
        @{ Name = 'an unknown field'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): mobil: unknown field; did you mean 'mobile'?*"
            Run = { param($t) @{ Id = $t; mobil = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'a form label without form:'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): Level of support: unknown field; 'Level of support' is a form: name it form:Level of support"
            Run = { param($t) @{ Id = $t; 'Level of support' = 'Support' } | Set-QomonContact } }
        @{ Name = 'an unknown address part'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): address.citty: unknown field*'
            Run = { param($t) @{ Id = $t; 'address.citty' = 'Lyon' } | Set-QomonContact } }
        @{ Name = 'an unknown form label'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): form:Favorite colour: no form 'Favorite colour'*"
            Run = { param($t) @{ Id = $t; 'form:Favorite colour' = 'Blue' } | Set-QomonContact } }
        @{ Name = 'an unknown custom field id'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): custom:999999: no custom field*'
            Run = { param($t) @{ Id = $t; 'custom:999999' = 'x' } | Set-QomonContact } }
        @{ Name = 'a custom field named as a form'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): form:Favourite food: 'Favourite food' is a custom field*"
            Run = { param($t) @{ Id = $t; 'form:Favourite food' = 'Pizza' } | Set-QomonContact } }
        @{ Name = 'a raw answer list naming an unknown form'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): formdatas: *'
            Run = { param($t) @{ Id = $t; formdatas = @(@{ form_id = 999; form_ref_id = 1; data = 'x' }) } | Set-QomonContact } }
        @{ Name = 'one field given twice with different values'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): *given twice with different values*"
            Run = { param($t) @{ Id = $t; mail = 'a@example.org'; Email = 'b@example.org' } | Set-QomonContact } }
        # Values
        @{ Name = 'an unknown radio value'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): form:Level of support: *Maybe*"
            Run = { param($t) @{ Id = $t; 'form:Level of support' = 'Maybe' } | Set-QomonContact } }
        @{ Name = 'an unknown checkbox value'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): form:Consents: *Pigeon*"
            Run = { param($t) @{ Id = $t; 'form:Consents' = @('Email', 'Pigeon') } | Set-QomonContact } }
        @{ Name = 'two values for a radio'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): form:Main concern: *'
            Run = { param($t) @{ Id = $t; 'form:Main concern' = @('Housing', 'Schools') } | Set-QomonContact } }
        @{ Name = '+ on a radio answer'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): form:Level of support+: a trailing '+' adds or removes one value of a checkbox answer*"
            Run = { param($t) @{ Id = $t; 'form:Level of support+' = 'Support' } | Set-QomonContact } }
        @{ Name = 'an invalid date answer'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): form:Visit date: *'
            Run = { param($t) @{ Id = $t; 'form:Visit date' = 'next tuesday' } | Set-QomonContact } }
        @{ Name = 'an impossible birthdate'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): birthdate: *'
            Run = { param($t) @{ Id = $t; birthdate = '2023-02-30' } | Set-QomonContact } }
        @{ Name = 'text for a number answer'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): form:Household size: *'
            Run = { param($t) @{ Id = $t; 'form:Household size' = 'three' } | Set-QomonContact } }
        @{ Name = 'text for a yes/no field'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): black_list: *'
            Run = { param($t) @{ Id = $t; black_list = 'maybe' } | Set-QomonContact } }
        @{ Name = 'a number out of range'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): age_category: *'
            Run = { param($t) @{ Id = $t; age_category = 9 } | Set-QomonContact } }
        @{ Name = 'an unknown gender'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): gender: *'
            Run = { param($t) @{ Id = $t; gender = 'X' } | Set-QomonContact } }
        @{ Name = 'an invalid email address'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): mail: *'
            Run = { param($t) @{ Id = $t; mail = 'not-an-address' } | Set-QomonContact } }
        @{ Name = 'a huge string'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): firstname: *'
            Run = { param($t) @{ Id = $t; firstname = 'x' * 20000 } | Set-QomonContact } }
        @{ Name = 'control characters'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): firstname: *'
            Run = { param($t) @{ Id = $t; firstname = "Ann$([char]7)$([char]0)" } | Set-QomonContact } }
        @{ Name = 'half of a surrogate pair (a cut emoji)'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): firstname: contains a broken character at position 4: U+D800, half of a surrogate pair*'
            Run = { param($t) @{ Id = $t; firstname = "Ann$([char]0xD800)" } | Set-QomonContact } }
        @{ Name = 'a zero-width space in an email address'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): mail: contains the invisible character U+200B at position 4*'
            Run = { param($t) @{ Id = $t; mail = "ann$([char]0x200B)@example.org" } | Set-QomonContact } }
        @{ Name = 'a byte order mark in a mobile number'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): mobile: contains the invisible character U+FEFF*'
            Run = { param($t) [pscustomobject]@{ Id = $t; mobile = "$([char]0xFEFF)+33 6 00 00 00 01" } | Set-QomonContact } }
        @{ Name = 'a nested object for a scalar field'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): firstname: *'
            Run = { param($t) @{ Id = $t; firstname = @{ first = 'Ann' } } | Set-QomonContact } }
        @{ Name = 'a list for a scalar field'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): mobile: takes one value*'
            Run = { param($t) @{ Id = $t; mobile = @('+33 6 00 00 00 01', '+33 6 00 00 00 02') } | Set-QomonContact } }
        @{ Name = 'a value that is not data (a process)'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): firstname: a value of type System.Diagnostics.Process cannot be written*'
            Run = { param($t) @{ Id = $t; firstname = [System.Diagnostics.Process]::GetCurrentProcess() } | Set-QomonContact } }
        @{ Name = 'a SecureString value'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): mobile: a SecureString is never written*'
            Run = { param($t) @{ Id = $t; mobile = (ConvertTo-SecureString 'secret' -AsPlainText -Force) } | Set-QomonContact } }
        @{ Name = 'a tag without a name'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): tags: each tag must be a name*'
            Run = { param($t) @{ Id = $t; tags = @(@{ color = 'red' }) } | Set-QomonContact } }
        @{ Name = 'a property added to a Qomon.Contact'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): favourite: a property added to a Qomon.Contact is not a contact field*"
            Run = { param($t) $c = Get-QomonContact -Id $t; $c | Add-Member -NotePropertyName favourite -NotePropertyValue 'x'; $c | Set-QomonContact } }
        # Parameters
        @{ Name = 'the same tag to add and to remove'; ErrorId = 'Qomon.ConflictingParameters'; Text = '-AddTag and -RemoveTag both name vip*'
            Run = { param($t) Set-QomonContact -Id $t -AddTag vip -RemoveTag VIP } }
        @{ Name = '-Replace with -Id and no -Property'; ErrorId = 'Qomon.ConflictingParameters'; Text = '-Replace with -Id needs -Property*'
            Run = { param($t) Set-QomonContact -Id $t -Replace -Force } }
        @{ Name = '-Id with nothing to change'; ErrorId = 'Qomon.NothingToChange'; Text = 'Nothing to change*'
            Run = { param($t) Set-QomonContact -Id $t } }
        @{ Name = '-Property without -Id'; ErrorId = 'AmbiguousParameterSet'; Text = '*'
            Run = { param($t) Set-QomonContact -Property @{ mobile = '+33 6 00 00 00 01' } -InputObject @{ Id = $t } } }
        @{ Name = 'a batch size of zero'; ErrorId = 'ParameterArgumentValidationError'; Text = '*BatchSize*'
            Run = { param($t) Set-QomonContact -Id $t -Property @{ mobile = '+33 6 00 00 00 01' } -BatchSize 0 } }
        @{ Name = '-Replace in a session that cannot ask, without -Force'; ErrorId = 'Qomon.ReplaceNeedsConfirmation'; Text = 'record 1 (contact *): -Replace would clear every field the input leaves out*'
            Run = { param($t)
                $ps = [powershell]::Create()
                try {
                    $null = $ps.AddScript({ param($m, $u, $k, $id) Import-Module $m; Connect-Qomon -ApiKey $k -BaseUri $u; Set-QomonContact -Id $id -Property @{ firstname = 'Nope' } -Replace -WarningAction SilentlyContinue }).
                        AddArgument($env:QOMON_TEST_MODULE).AddArgument($script:emulator.Url).AddArgument($script:emulator.SecureApiKey).AddArgument($t)
                    $null = $ps.Invoke()
                    $ps.Streams.Error
                }
                finally { $ps.Dispose() } } }
        # The other commands
        @{ Name = 'a new contact with an id'; ErrorId = 'Qomon.IdNotAllowed'; Text = 'record 1 (contact *): Id: a new contact gets its id from Qomon*'
            Run = { param($t) New-QomonContact -Property @{ Id = $t; firstname = 'Copy' } } }
        @{ Name = 'a new contact with an unknown label'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1: form:Level of suport: no form 'Level of suport'; did you mean*"
            Run = { param($t) New-QomonContact -Property @{ firstname = 'Typo'; 'form:Level of suport' = 'Support' } } }
        @{ Name = 'a new contact from an empty -Property'; ErrorId = 'Qomon.EmptyContact'; Text = 'record 1: the new contact would be blank: no field has a value*'
            Run = { param($t) New-QomonContact -Property @{} } }
        @{ Name = 'a new contact from a blank CSV row'; ErrorId = 'Qomon.EmptyContact'; Text = 'record 1: the new contact would be blank*'
            Run = { param($t) [pscustomobject]@{ firstname = ''; surname = ' '; mail = $null } | New-QomonContact } }
        @{ Name = 'a removal of id zero'; ErrorId = 'Qomon.InvalidId'; Text = 'record 1 (contact 0): Id: a contact id is a positive whole number*'
            Run = { param($t) Remove-QomonContact -Id 0 -Confirm:$false } }
    ) {
        # Writes count (PATCH, POST, DELETE), not reads: some cases read a contact first (one edits what Get-QomonContact read).
        Assert-BadInputRefused -Run $Run -Emulator $script:emulator -Target $script:target -ErrorId $ErrorId -Text $Text `
            -SentCount { Get-WriteCount $script:emulator }
    }

    It 'creates the good records around a blank one, its error non-terminating' {
        $traffic = Measure-EmulatorTraffic $script:emulator {
            $script:created = @([pscustomobject]@{ firstname = 'Before' }, [pscustomobject]@{ firstname = '' }, [pscustomobject]@{ firstname = 'After' } |
                New-QomonContact -ErrorVariable script:errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        }
        $script:created.firstname | Should -Be 'Before', 'After'
        $script:errors.Count | Should -Be 1
        $script:errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.EmptyContact*'
        $script:errors[0].Exception.Message | Should -BeLike 'record 2: *'
        $traffic.Routes['POST /contacts'] | Should -Be 2
    }

    It 'reads a first header that kept its byte order mark (text split without BOM detection)' {
        $versions = (Get-ContactHistory $script:emulator $script:target).Count
        [pscustomobject]@{ "$([char]0xFEFF)Id" = $script:target; phone = '+33 1 22 22 22 22' } | Set-QomonContact -WarningAction SilentlyContinue
        (Get-QomonContact -Id $script:target).phone | Should -Be '+33 1 22 22 22 22'
        (Get-ContactHistory $script:emulator $script:target).Count | Should -Be ($versions + 1)
    }

    It 'writes the good records around a bad one' {
        $ids = @(Get-QomonContact -First 3 | ForEach-Object id)
        $before = $ids | ForEach-Object { (Get-ContactHistory $script:emulator $_).Count }
        @{ Id = $ids[1]; mobile = '+33 6 13 13 13 13' }, @{ Id = $ids[2]; 'form:Level of support' = 'Maybe' }, @{ Id = $ids[0]; phone = '+33 1 13 13 13 13' } |
            Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].TargetObject | Should -Be $ids[2]
        (Get-ContactHistory $script:emulator $ids[1]).Count | Should -Be ($before[1] + 1)
        (Get-ContactHistory $script:emulator $ids[0]).Count | Should -Be ($before[0] + 1)
        (Get-ContactHistory $script:emulator $ids[2]).Count | Should -Be $before[2]
    }
}

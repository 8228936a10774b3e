# New-QomonContact and Remove-QomonContact against the emulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1')
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'New-QomonContact' {
    It 'creates a contact from -Property, with labels for answers, and returns it with its id' {
        $created = New-QomonContact -Property @{
            firstname = 'Chloé'; surname = 'Bernard'; Email = 'chloe.bernard@example.org'; 'address.city' = 'Lyon'
            'form:Level of support' = 'Support'; 'custom:Skills' = @('IT', 'Legal'); tags = 'volunteer;donor'
        }
        $created.pstypenames[0] | Should -Be 'Qomon.Contact'
        $created.id | Should -BeGreaterThan 0
        $stored = (Get-ContactHistory $script:emulator $created.id)[-1]
        $stored.mail | Should -Be 'chloe.bernard@example.org'
        $stored.address.city | Should -Be 'Lyon'
        ($stored.formdatas | Where-Object form_id -EQ 47570).data | Should -Be 'support'
        @($stored.custom_fields | Where-Object form_id -EQ 879855 | ForEach-Object data | Sort-Object) | Should -Be @('it', 'legal')
        @($stored.tags.name | Sort-Object) | Should -Be @('donor', 'volunteer')
    }

    It 'creates one contact per Import-Csv row, in order' {
        $csv = Join-Path $TestDrive 'new.csv'
        @('firstname,surname,mobile,form:Main concern', 'Hugo,Petit,+33 6 01 01 01 01,Transport', 'Inès,Roux,,Housing') | Set-Content $csv -Encoding utf8
        $created = @(Import-Csv $csv | New-QomonContact -WarningAction SilentlyContinue)
        $created.Count | Should -Be 2
        $created[0].firstname | Should -Be 'Hugo'
        $created[1].firstname | Should -Be 'Inès'
        $created[1].mobile | Should -BeNullOrEmpty
    }

    It 'refuses a record that carries an id, and sends nothing' {
        $writes = Get-WriteCount $script:emulator
        New-QomonContact -Property @{ Id = 83000001; firstname = 'Copy' } -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Get-WriteCount $script:emulator | Should -Be $writes
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.IdNotAllowed*'
    }

    It '-WhatIf creates nothing' {
        $writes = Get-WriteCount $script:emulator
        New-QomonContact -Property @{ firstname = 'Ghost' } -WhatIf
        Get-WriteCount $script:emulator | Should -Be $writes
    }
}

Describe 'Remove-QomonContact' {
    It 'removes contacts by id from the pipeline, by value and by property name' {
        $a = New-TestContact -Contact (New-RichContactBody)
        $b = New-TestContact -Contact (New-RichContactBody)
        $a | Remove-QomonContact -Confirm:$false
        Get-QomonContact -Id $b | Remove-QomonContact -Confirm:$false
        Get-QomonContact -Id $a, $b -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-EmulatorRequestCount $script:emulator 'DELETE /contacts/{id}' | Should -BeGreaterOrEqual 2
    }

    It '-WhatIf removes nothing' {
        $id = New-TestContact -Contact (New-RichContactBody)
        Remove-QomonContact -Id $id -WhatIf
        (Get-QomonContact -Id $id).id | Should -Be $id
    }

    It 'reports a missing contact as ObjectNotFound and goes on' {
        $id = New-TestContact -Contact (New-RichContactBody)
        Remove-QomonContact -Id 99999998, $id -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 99999998
        Get-QomonContact -Id $id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'stops before deleting anything in a session that cannot ask, and says to add -Confirm:$false' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $u, $k, $id) Import-Module $m; Connect-Qomon -ApiKey $k -BaseUri $u; Remove-QomonContact -Id $id }).
                AddArgument($env:QOMON_TEST_MODULE).AddArgument($script:emulator.Url).AddArgument($script:emulator.SecureApiKey).AddArgument($id)
            $null = $ps.Invoke()
            $failure = $ps.Streams.Error[0]
            $failure.FullyQualifiedErrorId | Should -BeLike 'Qomon.RemoveNeedsConfirmation*'
            $failure.ErrorDetails.RecommendedAction | Should -BeLike '*-Confirm:$false*'
        }
        finally { $ps.Dispose() }
        (Get-QomonContact -Id $id).id | Should -Be $id
    }

    It '-Force deletes without asking and without reading first, even in a session that cannot ask' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $before = Get-EmulatorStats $script:emulator
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $u, $k, $id) Import-Module $m; Connect-Qomon -ApiKey $k -BaseUri $u -SkipValidation; Remove-QomonContact -Id $id -Force }).
                AddArgument($env:QOMON_TEST_MODULE).AddArgument($script:emulator.Url).AddArgument($script:emulator.SecureApiKey).AddArgument($id)
            $null = $ps.Invoke()
            @($ps.Streams.Error) | Should -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
        $after = Get-EmulatorStats $script:emulator
        $after.requestsTotal - $before.requestsTotal | Should -Be 1 -Because 'one DELETE, no read for a question nobody is asked'
        Get-QomonContact -Id $id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It '-WhatIf names the person: a contact given by id is read once for it, a piped Qomon.Contact is not read again' {
        $byId = New-TestContact -Contact (New-RichContactBody -FirstName 'Karim')
        $piped = Get-QomonContact -Id (New-TestContact -Contact (New-RichContactBody -FirstName 'Lina'))
        $transcript = Join-Path $TestDrive 'remove-whatif.txt'
        $null = Start-Transcript -Path $transcript
        try {
            $byIdTraffic = Measure-EmulatorTraffic $script:emulator { Remove-QomonContact -Id $byId -WhatIf }
            $pipedTraffic = Measure-EmulatorTraffic $script:emulator { $piped | Remove-QomonContact -WhatIf }
        }
        finally { $null = Stop-Transcript }
        $text = Get-Content $transcript -Raw
        $text | Should -BeLike "*What if: Performing the operation ""Remove"" on target ""Contact $byId (Karim Martin, karim.martin@example.org)""*"
        $text | Should -BeLike "*What if: Performing the operation ""Remove"" on target ""Contact $($piped.id) (Lina Martin, lina.martin@example.org)""*"
        $byIdTraffic.RequestsTotal | Should -Be 1
        $byIdTraffic.Routes['GET /contacts/{id}'] | Should -Be 1
        ($pipedTraffic.Routes.GetEnumerator() | Where-Object Value | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ',' | Should -Be ''
        $pipedTraffic.RequestsTotal | Should -Be 0
        (Get-QomonContact -Id $byId).id | Should -Be $byId
    }

    It 'asks naming the person in an interactive session; No keeps the contact' {
        $id = New-TestContact -Contact (New-RichContactBody -FirstName 'Karim')
        $script = Join-Path $TestDrive 'interactive-remove.ps1'
        @"
Import-Module '$env:QOMON_TEST_MODULE'
Connect-Qomon -ApiKey (ConvertTo-SecureString '$($script:emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($script:emulator.Url)'
Remove-QomonContact -Id $id
"@ | Set-Content -Path $script -Encoding utf8
        $output = 'N' | & dotnet pwsh -NoProfile -File $script 2>&1
        ("$output" -replace '\s+', ' ') | Should -BeLike "*Contact $id (Karim Martin, karim.martin@example.org): delete it from Qomon? Qomon has no undo.*"
        (Get-QomonContact -Id $id).id | Should -Be $id
    }

    It 'takes an Enter at the question as No: the default answer of a delete is No, and Y deletes' {
        $kept = New-TestContact -Contact (New-RichContactBody -FirstName 'Enzo')
        $removed = New-TestContact -Contact (New-RichContactBody -FirstName 'Lina')
        $script = Join-Path $TestDrive 'interactive-remove-default.ps1'
        @"
Import-Module '$env:QOMON_TEST_MODULE'
Connect-Qomon -ApiKey (ConvertTo-SecureString '$($script:emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($script:emulator.Url)'
Remove-QomonContact -Id $kept, $removed
"@ | Set-Content -Path $script -Encoding utf8
        # A console pwsh whose answers are an empty line (the prompt's default), then Y.
        $output = "`nY" | & dotnet pwsh -NoProfile -File $script 2>&1
        ("$output" -replace '\s+', ' ') | Should -BeLike '*(default is "N")*'
        (Get-QomonContact -Id $kept).id | Should -Be $kept
        Get-QomonContact -Id $removed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'takes a Qomon.Contact that lost its snapshot (Import-Clixml) by its id, and a CSV row by its ContactId' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $row = New-TestContact -Contact (New-RichContactBody)
        $file = Join-Path $TestDrive 'contact.xml'
        Get-QomonContact -Id $id | Export-Clixml -Path $file
        Import-Clixml -Path $file | Remove-QomonContact -Force
        [pscustomobject]@{ ContactId = "$row"; Note = 'left' } | Remove-QomonContact -Force
        Get-QomonContact -Id $id, $row -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'declares ConfirmImpact High' {
        (Get-Command Remove-QomonContact).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }
}

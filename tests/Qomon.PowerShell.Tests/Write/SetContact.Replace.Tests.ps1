# Set-QomonContact -Replace: the record is the complete contact and whatever it leaves out is cleared. It asks
# first (naming what it clears) unless -Force or -Confirm:$false, and a session that cannot ask fails the record.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1')

    # A runspace without a user interface (as [powershell]::Create() in a service, or Azure Functions), with the
    # module imported and connected: the non-interactive session -Replace must not wait in.
    function Invoke-WithoutHost([scriptblock] $Script, [object[]] $Arguments) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $url, $key)
                    Import-Module $module
                    Connect-Qomon -ApiKey $key -BaseUri $url
                }).AddArgument($env:QOMON_TEST_MODULE).AddArgument($script:emulator.Url).AddArgument($script:emulator.SecureApiKey)
            $null = $ps.AddStatement().AddScript($Script)
            foreach ($argument in $Arguments) { $null = $ps.AddArgument($argument) }
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = $output; Errors = @($ps.Streams.Error); Host = $ps.Runspace.SessionStateProxy.GetVariable('Host').Name }
        }
        finally { $ps.Dispose() }
    }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Set-QomonContact -Replace' {
    It 'clears every field the input leaves out (-Force)' {
        $id = New-TestContact -Contact (New-RichContactBody)
        Set-QomonContact -Id $id -Property @{ firstname = 'Ann'; surname = 'Martin'; 'address.city' = 'Lyon'; 'form:Level of support' = 'Support' } -Replace -Force
        $write = Get-LastWrite $script:emulator $id
        $write.After.firstname | Should -Be 'Ann'
        $write.After.mobile | Should -BeNullOrEmpty
        $write.After.phone | Should -BeNullOrEmpty
        $write.After.address.street | Should -BeNullOrEmpty
        $write.After.address.city | Should -Be 'Lyon'
        @($write.After.tags).Where({ $_ }).Count | Should -Be 0
        @($write.After.notes).Where({ $_ }).Count | Should -Be 0
        @(Get-ContactAnswer $write.After | ForEach-Object form_id) | Should -Be @(47570)
        @(Get-ContactAnswer $write.After -Custom).Count | Should -Be 0
        @(Get-ContactAnswer $write.Before -Custom).Count | Should -BeGreaterThan 0 -Because 'the custom fields were there to clear'
        $write.Changed | Should -Contain 'mobile'
        $write.Changed | Should -Contain 'custom:879854'
        $write.Changed | Should -Not -Contain 'firstname'
    }

    It 'sends nothing before the write: no read with -Force' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $traffic = Measure-EmulatorTraffic $script:emulator { Set-QomonContact -Id $id -Property @{ firstname = 'Only' } -Replace -Force }
        $traffic.RequestsTotal | Should -Be 1
        $traffic.Routes['PATCH /contacts/{id}'] | Should -Be 1
    }

    It 'replaces without asking with -Confirm:$false' {
        $id = New-TestContact -Contact (New-RichContactBody)
        Set-QomonContact -Id $id -Property @{ firstname = 'Bea'; surname = 'Martin' } -Replace -Confirm:$false
        (Get-LastWrite $script:emulator $id).After.firstname | Should -Be 'Bea'
    }

    It 'replaces a Qomon.Contact as it now is, edits included' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $contact = Get-QomonContact -Id $id
        $contact.mobile = $null
        $contact | Set-QomonContact -Replace -Force
        $write = Get-LastWrite $script:emulator $id
        $write.Changed | Should -Be @('mobile')
    }

    It 'fails each record in a session that cannot ask, and writes nothing' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $writes = Get-WriteCount $script:emulator
        $result = Invoke-WithoutHost { param($id) Set-QomonContact -Id $id -Property @{ firstname = 'Nope' } -Replace -WarningAction SilentlyContinue } @($id)
        Get-WriteCount $script:emulator | Should -Be $writes
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.ReplaceNeedsConfirmation*'
        $result.Errors[0].ErrorDetails.Message | Should -BeLike "record 1 (contact $id): -Replace would clear every field the input leaves out*cannot ask*"
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Force*'
        (Get-ContactHistory $script:emulator $id).Count | Should -Be 1
    }

    It 'fails the same way in pwsh -NonInteractive' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $script = @"
Import-Module '$env:QOMON_TEST_MODULE'
Connect-Qomon -ApiKey (ConvertTo-SecureString '$($script:emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($script:emulator.Url)'
Set-QomonContact -Id $id -Property @{ firstname = 'Nope' } -Replace -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
`$e | ForEach-Object { 'ERROR ' + `$_.FullyQualifiedErrorId + ' ' + `$_.ErrorDetails.Message }
"@
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1
        "$output" | Should -BeLike '*ERROR Qomon.ReplaceNeedsConfirmation*-NonInteractive*'
        (Get-ContactHistory $script:emulator $id).Count | Should -Be 1
    }

    It 'asks before each contact in an interactive session, naming what it clears: Yes replaces, No leaves it' {
        $yes = New-TestContact -Contact (New-RichContactBody -FirstName 'Yann')
        $no = New-TestContact -Contact (New-RichContactBody -FirstName 'Nina')
        $script = Join-Path $TestDrive 'interactive-replace.ps1'
        @"
Import-Module '$env:QOMON_TEST_MODULE'
Connect-Qomon -ApiKey (ConvertTo-SecureString '$($script:emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($script:emulator.Url)'
Set-QomonContact -Id $yes -Property @{ firstname = 'Replaced' } -Replace
Set-QomonContact -Id $no -Property @{ firstname = 'Replaced' } -Replace
"@ | Set-Content -Path $script -Encoding utf8
        # A console pwsh (no -NonInteractive) whose answers come from standard input: Y, then N.
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in 'pwsh', '-NoProfile', '-File', $script) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $child = [System.Diagnostics.Process]::Start($start)
        try {
            $child.StandardInput.WriteLine('Y')
            $child.StandardInput.WriteLine('N')
            $child.StandardInput.Close()
            $errors = $child.StandardError.ReadToEndAsync()
            $output = $child.StandardOutput.ReadToEnd()
            $null = $child.WaitForExit(60000)
            $null = $errors.Wait(10000)
        }
        finally { $child.Dispose() }
        # The host wraps the question at its width; compare it as one line.
        ($output -replace '\s+', ' ') | Should -BeLike "*Contact $yes (Yann Martin, yann.martin@example.org): -Replace sends this record as the complete contact; every field it leaves out is cleared (*mobile*). Replace it?*"
        (Get-ContactHistory $script:emulator $yes)[-1].firstname | Should -Be 'Replaced'
        (Get-ContactHistory $script:emulator $yes)[-1].mobile | Should -BeNullOrEmpty
        (Get-ContactHistory $script:emulator $no).Count | Should -Be 1
    }

    It 'takes an Enter at the question as No: the default answer of this destructive prompt is No' {
        $id = New-TestContact -Contact (New-RichContactBody -FirstName 'Enzo')
        $script = Join-Path $TestDrive 'interactive-replace-default.ps1'
        @"
Import-Module '$env:QOMON_TEST_MODULE'
Connect-Qomon -ApiKey (ConvertTo-SecureString '$($script:emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($script:emulator.Url)'
Set-QomonContact -Id $id -Property @{ firstname = 'Replaced' } -Replace
"@ | Set-Content -Path $script -Encoding utf8
        # A console pwsh whose only answer is an empty line: the host then returns the prompt's default choice.
        $output = '' | & dotnet pwsh -NoProfile -File $script 2>&1
        $text = "$output" -replace '\s+', ' '
        $text | Should -BeLike '*Replace it?*'
        $text | Should -BeLike '*(default is "N")*'
        (Get-ContactHistory $script:emulator $id).Count | Should -Be 1 -Because 'Enter must not clear the contact'
    }

    It '-WhatIf names what would be cleared and writes nothing' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $writes = Get-WriteCount $script:emulator
        $transcript = Join-Path $TestDrive 'replace-whatif.txt'
        $null = Start-Transcript -Path $transcript
        try { Set-QomonContact -Id $id -Property @{ firstname = 'Ann'; surname = 'Martin'; mail = 'ann.martin@example.org' } -Replace -WhatIf }
        finally { $null = Stop-Transcript }
        Get-WriteCount $script:emulator | Should -Be $writes
        $text = Get-Content $transcript -Raw
        $text | Should -BeLike '*What if: Performing the operation "Replace all fields, clearing *mobile*" on target "Contact*(Ann Martin, ann.martin@example.org)"*'
        $text | Should -BeLike '*custom:Favourite food*'
    }
}

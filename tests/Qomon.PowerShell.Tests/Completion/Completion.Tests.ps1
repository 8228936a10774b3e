# Tab completion through TabExpansion2 on real input lines, as PSReadLine, the ISE and VS Code ask for it:
# -Filter/-Property key names (fields, aliases, cached form:/custom: labels), -Type of Get-QomonForm, and no
# request to Qomon while completing. PowerShell never calls an argument completer for keys inside a hashtable
# literal, so those come from the module's TabExpansion2 wrapper; the argument position comes from the completer.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    # Importing installs the wrapper only in processes not started -NonInteractive, which the test task is.
    [Qomon.PowerShell.Completion.TabExpansionHook]::Install($ExecutionContext)
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 5

    # Set-/New-QomonContact -Property take the same completer; this stand-in has exactly that attribute line,
    # so the key completion of -Property is tested whatever those commands carry today.
    function global:Test-QomonPropertyCompletion {
        param(
            [Parameter(Position = 0)] [long] $Id,
            [Parameter(Position = 1)]
            [ArgumentCompleter([Qomon.PowerShell.Completion.PropertyNameCompleter])]
            [System.Collections.IDictionary] $Property,
            [switch] $PassThru
        )
    }

    # What Tab offers at the end of $Line (or at $Cursor): the completion texts, and the whole answer in .Result.
    function script:Complete([string] $Line, [int] $Cursor = $Line.Length) {
        $result = TabExpansion2 -inputScript $Line -cursorColumn $Cursor
        [pscustomobject]@{ Texts = @($result.CompletionMatches.CompletionText); Result = $result }
    }
}

AfterAll {
    Remove-Item function:global:Test-QomonPropertyCompletion -ErrorAction Ignore
    Disconnect-Qomon -ErrorAction Ignore
    Stop-TestEmulator $script:emulator
}

Describe 'Completing -Filter keys inside the hashtable' {
    BeforeAll { Disconnect-Qomon -ErrorAction Ignore }

    It 'offers fields and aliases by prefix, ignoring case, as Property results with a tooltip' {
        $completion = Complete 'Get-QomonContact -Filter @{ CI'
        $completion.Texts | Should -Be @('City')
        $match = $completion.Result.CompletionMatches[0]
        $match.ResultType | Should -Be 'Property'
        $match.ToolTip | Should -BeLike '*address.city*'
        $completion.Result.ReplacementIndex | Should -Be 'Get-QomonContact -Filter @{ '.Length
        $completion.Result.ReplacementLength | Should -Be 2
    }

    It 'quotes dotted address parts, also when the user opened the quote' {
        (Complete 'Get-QomonContact -Filter @{ address.po').Texts | Should -Be @("'address.postalcode'", "'address.pollingstation'")
        (Complete "Get-QomonContact -Filter @{ 'address.cit").Texts | Should -Be @("'address.city'")
        (Complete 'Get-QomonContact -Filter @{ "address.cit').Texts | Should -Be @('"address.city"')
    }

    It 'completes a later key, on a new line, inside a closed hashtable and with an abbreviated parameter' {
        (Complete 'Get-QomonContact -Filter @{ mail = "a@b.c"; PostalC').Texts | Should -Be @('PostalCode')
        (Complete "Get-QomonContact -Filter @{`n    mail = 'a@b.c'`n    ZipC").Texts | Should -Be @('ZipCode')
        $line = 'Get-QomonContact -Filter @{ surn = "Martin" }'
        (Complete $line ('Get-QomonContact -Filter @{ surn'.Length)).Texts | Should -Be @('surname')
        (Complete 'Get-QomonContact -Fil @{ emaila').Texts | Should -Be @('EmailAddress')
        (Complete 'Get-QomonContact -Filter:@{ emaila').Texts | Should -Be @('EmailAddress')
    }

    It 'leaves out keys the hashtable already has' {
        $texts = (Complete 'Get-QomonContact -Filter @{ surname = "Martin"; ').Texts
        $texts | Should -Contain 'firstname'
        $texts | Should -Not -Contain 'surname'
    }

    It 'offers only fields Qomon can search on, and no answers' {
        (Complete 'Get-QomonContact -Filter @{ note').Texts | Should -BeNullOrEmpty
        (Complete 'Get-QomonContact -Filter @{ mobile').Texts | Should -Not -Contain 'mobile_invalid'
        (Complete "Get-QomonContact -Filter @{ 'form:").Texts | Should -BeNullOrEmpty
    }

    It 'does not complete values, other hashtables or other commands' {
        (Complete 'Get-QomonContact -Filter @{ city = Ly').Texts | Should -BeNullOrEmpty
        (Complete '$table = @{ ci').Texts | Should -BeNullOrEmpty
        (Complete 'Get-QomonContact -Query @{ ci').Texts | Should -BeNullOrEmpty
    }
}

Describe 'Completing -Filter at the start of its argument' {
    It 'opens the hashtable with the chosen key' {
        $completion = Complete 'Get-QomonContact -Filter pollings'
        $completion.Texts | Should -Be @("@{ PollingStation = ")
        $completion.Result.CompletionMatches[0].ListItemText | Should -Be 'PollingStation'
        $completion.Result.CompletionMatches[0].ResultType | Should -Be 'ParameterValue'
        (Complete 'Get-QomonContact -Filter address.ci').Texts | Should -Be @("@{ 'address.city' = ")
    }
}

Describe 'Completing -Property keys' {
    Context 'not connected' {
        BeforeAll { Disconnect-Qomon -ErrorAction Ignore }

        It 'offers the plain field names only' {
            $texts = (Complete 'Test-QomonPropertyCompletion 5 @{ ').Texts
            $texts | Should -Contain 'notes'
            $texts | Should -Contain 'Email'
            $texts | Should -Contain "'address.infos'"
            $texts | Where-Object { $_ -like "*form:*" -or $_ -like "*custom:*" } | Should -BeNullOrEmpty
        }
    }

    Context 'connected, before and after the forms are read' {
        BeforeAll { Connect-TestEmulator $script:emulator -Parameters @{ SkipValidation = $true } }

        It 'offers no form labels while the cache is empty, and sends nothing' {
            $traffic = Measure-EmulatorTraffic $script:emulator { Complete "Test-QomonPropertyCompletion -Id 5 -Property @{ 'form:" }
            $traffic.Output.Texts | Should -BeNullOrEmpty
            $traffic.RequestsTotal | Should -Be 0
        }

        It 'offers form: and custom: labels from the cache once Get-QomonForm has read them, without a request' {
            $null = Get-QomonForm
            $traffic = Measure-EmulatorTraffic $script:emulator {
                Complete "Test-QomonPropertyCompletion -Id 5 -Property @{ 'form:"
                Complete 'Test-QomonPropertyCompletion -Id 5 -Property @{ custom:'
                Complete 'Test-QomonPropertyCompletion -Id 5 -Property @{ leve'
                Complete 'Get-QomonContact -Filter @{ ci'
                Complete 'Test-QomonPropertyCompletion -Property custom:fav'
            }
            $traffic.RequestsTotal | Should -Be 0
            $form, $custom, $level, $filter, $argument = $traffic.Output
            $form.Texts | Should -Contain "'form:Level of support'"
            $form.Texts | Should -Contain "'form:Consents'"
            $form.Texts | Should -Not -Contain "'form:Skills'"
            $custom.Texts | Sort-Object | Should -Be @("'custom:Donation total'", "'custom:Favourite food'", "'custom:Member since'", "'custom:Membership notes'", "'custom:Skills'")
            $level.Texts | Should -BeNullOrEmpty -Because 'form labels are named with their prefix'
            $filter.Texts | Should -Be @('City')
            $argument.Texts | Should -Be @("@{ 'custom:Favourite food' = ")
        }

        It 'shows the form''s kind, type and allowed values in the tooltip' {
            $match = (Complete "Test-QomonPropertyCompletion -Id 5 -Property @{ 'custom:fav").Result.CompletionMatches
            $match.Count | Should -Be 1
            $match[0].CompletionText | Should -Be "'custom:Favourite food'"
            $match[0].ToolTip | Should -Be "custom_fields 879854 'Favourite food' (radio): 'Hamburger', 'Pizza', 'Salad', 'Couscous'"
        }

        It 'offers + and - for a checkbox form once its label is typed out' {
            (Complete "Test-QomonPropertyCompletion 5 @{ 'form:Volunteer int").Texts | Should -Be @("'form:Volunteer interests'")
            $texts = (Complete "Test-QomonPropertyCompletion 5 @{ 'form:Volunteer interests").Texts
            $texts | Should -Be @("'form:Volunteer interests'", "'form:Volunteer interests+'", "'form:Volunteer interests-'")
            (Complete "Test-QomonPropertyCompletion 5 @{ 'custom:Favourite food").Texts | Should -Be @("'custom:Favourite food'") -Because 'a radio form keeps one value'
        }

        It 'completes the value of a cached choice form with its allowed values, always quoted' {
            $traffic = Measure-EmulatorTraffic $script:emulator {
                Complete "Test-QomonPropertyCompletion 5 @{ 'form:Level of support' = "
                Complete "Test-QomonPropertyCompletion 5 @{ 'custom:Favourite food' = piz"
                Complete "Test-QomonPropertyCompletion 5 @{ 'form:Volunteer interests+' = 'pho"
                Complete "Test-QomonPropertyCompletion 5 @{ 'custom:Membership notes' = ab"
            }
            $traffic.RequestsTotal | Should -Be 0
            $level, $food, $interests, $notes = $traffic.Output
            $level.Texts | Should -Be @("'Strong support'", "'Support'", "'Undecided'", "'Opposed'", "'Strong opposition'")
            $level.Result.ReplacementIndex | Should -Be "Test-QomonPropertyCompletion 5 @{ 'form:Level of support' = ".Length
            $food.Texts | Should -Be @("'Pizza'")
            $food.Result.CompletionMatches[0].ToolTip | Should -BeLike 'Pizza (pizza, refvalue *'
            $interests.Texts | Should -Be @("'Phone banking'")
            $notes.Texts | Where-Object { $_ -like "'*" } | Should -BeNullOrEmpty -Because 'a free-text form has no values to offer'
        }

        It 'takes wildcards in the typed part' {
            (Complete "Test-QomonPropertyCompletion 5 @{ '*interests").Texts | Should -Be @("'form:Volunteer interests'")
        }
    }
}

Describe 'Completing -Type of Get-QomonForm' {
    It 'offers the form kinds by prefix' {
        (Complete 'Get-QomonForm -Kind cu').Texts | Should -Be @('custom_fields')
        (Complete 'Get-QomonForm -Type level_of_support, pr').Texts | Should -Be @('presence_status')
    }
}

Describe 'The TabExpansion2 wrapper' {
    It 'answers with PowerShell''s own completions everywhere else' {
        (Complete 'Get-QomonCon').Texts | Should -Contain 'Get-QomonContact'
        (Complete 'Get-QomonContact -Fil').Texts | Should -Be @('-Filter')
    }

    It 'wraps once however often it is installed or the module imported, and is removed with the module' {
        Import-Module $env:QOMON_TEST_MODULE -Force
        [Qomon.PowerShell.Completion.TabExpansionHook]::Install($ExecutionContext)
        Import-Module $env:QOMON_TEST_MODULE
        [Qomon.PowerShell.Completion.TabExpansionHook]::Install($ExecutionContext)
        $hook = Get-Command TabExpansion2 -CommandType Function
        $hook.Definition | Should -BeLike '*Qomon.PowerShell.Completion.TabExpansionHook*'
        [Qomon.PowerShell.Completion.TabExpansionHook]::Previous($ExecutionContext).ToString() | Should -Not -BeLike '*Qomon.PowerShell.Completion*'

        Remove-Module Qomon
        try {
            (Get-Command TabExpansion2 -CommandType Function).Definition | Should -Not -BeLike '*Qomon.PowerShell.Completion*'
        }
        finally {
            Import-Module $env:QOMON_TEST_MODULE -Force
            [Qomon.PowerShell.Completion.TabExpansionHook]::Install($ExecutionContext)
        }
        (Complete 'Get-QomonContact -Filter @{ ci').Texts | Should -Be @('City')
    }

    It 'keeps completion working when another module wrapped TabExpansion2 after it and Qomon is removed first' {
        $ours = (Get-Command TabExpansion2 -CommandType Function).ScriptBlock
        # Another module's wrapper, the way such modules do it: call the function it found, then add its own.
        $script:otherWrapped = $ours
        Set-Item function:global:TabExpansion2 -Value { param($inputScript, $cursorColumn = $inputScript.Length) & $script:otherWrapped $inputScript $cursorColumn }
        try {
            Remove-Module Qomon
            (TabExpansion2 'Get-ChildI' 10).CompletionMatches.CompletionText | Should -Contain 'Get-ChildItem'
        }
        finally {
            Set-Item function:global:TabExpansion2 -Value $ours
            Import-Module $env:QOMON_TEST_MODULE -Force
            [Qomon.PowerShell.Completion.TabExpansionHook]::Install($ExecutionContext)
        }
        (Complete 'Get-QomonContact -Filter @{ ci').Texts | Should -Be @('City')
    }

    It 'is installed by Import-Module in an interactive process, not in one started -NonInteractive' {
        $check = "Import-Module '$env:QOMON_TEST_MODULE'; (Get-Command TabExpansion2).Definition.Contains('Qomon.PowerShell.Completion')"
        $pwsh = (Get-Process -Id $PID).Path
        # Under 'dotnet pwsh' the process is dotnet and pwsh.dll comes first.
        $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { [Environment]::GetCommandLineArgs()[0] })
        (& $pwsh @prefix -NoProfile -Command $check) | Should -Be 'True'
        (& $pwsh @prefix -NoProfile -NonInteractive -Command $check) | Should -Be 'False'
        [Qomon.PowerShell.Completion.NonInteractiveProcess]::Check(@('pwsh', '-noni', '-c', 'x')) | Should -BeTrue
        [Qomon.PowerShell.Completion.NonInteractiveProcess]::Check(@('pwsh', '-c', 'Get-Thing -NonInteractive')) | Should -BeFalse
    }
}

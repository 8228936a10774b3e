# Get-QomonForm against the emulator: every kind, -Kind, -Type, -Name, -Id, the connection's cache and -Refresh.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 10
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Get-QomonForm' {
    BeforeEach { Connect-TestEmulator $script:emulator -Parameters @{ SkipValidation = $true } }

    It 'lists the forms of one kind as Qomon.Form objects with their values' {
        $forms = @(Get-QomonForm -Kind survey)
        $forms.Count | Should -BeGreaterThan 0
        $forms[0].pstypenames[0] | Should -Be 'Qomon.Form'
        $forms.Kind | Sort-Object -Unique | Should -Be 'survey'
        $forms | ForEach-Object { $_.Id | Should -BeGreaterThan 0; $_.Label | Should -Not -BeNullOrEmpty }
        @($forms | Where-Object { $_.Type -in 'radio', 'checkbox' } | Select-Object -First 1).RefValues | Should -Not -BeNullOrEmpty
    }

    It 'lists every kind by default' {
        $kinds = Get-QomonForm | ForEach-Object Kind | Sort-Object -Unique
        $kinds | Should -Contain 'consent'
        $kinds | Should -Contain 'custom_fields'
        $kinds | Should -Contain 'survey'
    }

    It 'completes and validates -Kind' {
        { Get-QomonForm -Kind 'no_such_kind' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        (Get-Command Get-QomonForm).Parameters.Kind.Attributes.ValidValues | Should -Contain 'level_of_support'
    }

    It 'filters -Type on the Type column, as the table shows it' {
        $forms = @(Get-QomonForm -Type checkbox)
        $forms.Count | Should -BeGreaterThan 1
        $forms.Type | Sort-Object -Unique | Should -Be 'checkbox'
        @(Get-QomonForm -Type radio, date).Type | Sort-Object -Unique | Should -Be @('date', 'radio')
        $table = Get-QomonForm -Type checkbox | Out-String -Width 80 -Stream | Where-Object { $_ -match '^\s*\d' }
        $table | ForEach-Object { $_ | Should -Match '\scheckbox\s' }
        { Get-QomonForm -Type 'tickbox' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'combines -Kind and -Type' {
        $forms = @(Get-QomonForm -Kind survey -Type checkbox)
        $forms.Count | Should -BeGreaterThan 0
        $forms | ForEach-Object { $_.Kind | Should -Be 'survey'; $_.Type | Should -Be 'checkbox' }
    }

    It 'still reads a kind given to -Type as -Kind, with a warning that names -Kind' {
        $forms = @(Get-QomonForm -Type survey -WarningVariable warned -WarningAction SilentlyContinue)
        $forms.Count | Should -BeGreaterThan 0
        $forms.Kind | Sort-Object -Unique | Should -Be 'survey'
        "$warned" | Should -Match '-Kind survey'
    }

    It 'filters -Name on the label, with wildcards and ignoring case' {
        $forms = @(Get-QomonForm -Name 'vol*')
        $forms.Count | Should -BeGreaterThan 0
        $forms | ForEach-Object { $_.Label | Should -BeLike 'Vol*' }
        (Get-QomonForm -Name 'volunteer INTERESTS').Label | Should -BeExactly 'Volunteer interests'
        @(Get-QomonForm -Label 'Member since', 'Skills').Label | Sort-Object | Should -Be @('Member since', 'Skills')
        @(Get-QomonForm -Name 'Vol*' -Type radio).Count | Should -Be 0
    }

    It 'writes FormNotFound with a suggestion for a label without wildcards that matches nothing, and nothing for a pattern' {
        $found = @(Get-QomonForm -Name 'Volunter interests', 'Nothing*' -ErrorVariable problems -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 0
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.FormNotFound*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($problems[0])" | Should -Match "did you mean 'Volunteer interests'"
    }

    It 'reads each kind once per connection, then answers from the cache' {
        $traffic = Measure-EmulatorTraffic $script:emulator {
            Get-QomonForm -Kind consent, survey
            Get-QomonForm -Kind consent, survey
        }
        $traffic.Routes['GET /v1/forms/type/{type}'] | Should -Be 2
    }

    It 'reads again with -Refresh' {
        $null = Get-QomonForm -Kind consent
        $traffic = Measure-EmulatorTraffic $script:emulator { Get-QomonForm -Kind consent -Refresh }
        $traffic.Routes['GET /v1/forms/type/{type}'] | Should -Be 1
    }

    It 'finds forms by id, from the cache when their kind was listed, from the pipeline too' {
        $survey = Get-QomonForm -Kind survey | Select-Object -First 2
        $traffic = Measure-EmulatorTraffic $script:emulator { $survey | Get-QomonForm }
        @($traffic.Output).Id | Should -Be @($survey.Id)
        $traffic.RequestsTotal | Should -Be 0
    }

    It 'reads a form by id that is not cached' {
        $id = (Get-QomonForm -Kind custom_fields | Select-Object -First 1).Id
        Connect-TestEmulator $script:emulator -Parameters @{ SkipValidation = $true }
        $traffic = Measure-EmulatorTraffic $script:emulator { Get-QomonForm -Id $id }
        $traffic.Output.Id | Should -Be $id
        $traffic.Routes['GET /forms/{id}'] | Should -Be 1
    }

    It 'writes a non-terminating ObjectNotFound error for an unknown id' {
        $null = Get-QomonForm -Id 987654321 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.FormNotFound*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 987654321
    }

    It 'has a default table view that fits 80 columns' {
        $lines = Get-QomonForm -Kind consent | Out-String -Width 80 -Stream | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^\s*Id\s+Kind\s+Type\s+Label\s+Values'
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }
}

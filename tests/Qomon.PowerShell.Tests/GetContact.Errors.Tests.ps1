# Get-QomonContact's search errors teach as Set-QomonContact's do: each names -Filter or -UpdatedSince (never an
# internal parameter), says what was meant ("did you mean", form:<label>, the forms -UpdatedSince takes), has its
# own error id under InvalidArgument, and stops the command before any request. '*' in a -Filter text value works.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 5
    Connect-TestEmulator $script:emulator
    $null = Get-QomonForm   # the forms are cached now, as after any earlier Get-QomonContact: a form label can be told
    $script:target = (Get-QomonContact -First 1).id
    $script:levelOfSupport = (Get-QomonForm | Where-Object Label -EQ 'Level of support').Id
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Get-QomonContact refuses a bad search before sending it' {
    It 'refuses <Name>' -TestCases @(
        @{ Name = 'a misspelt -Filter key, with a suggestion'; ErrorId = 'Qomon.InvalidFilter'; Text = "-Filter 'cty': unknown field; did you mean 'City'?"
            Run = { param($t) Get-QomonContact -Filter @{ cty = 'Lyon' } } }
        @{ Name = 'a misspelt address part'; ErrorId = 'Qomon.InvalidFilter'; Text = "-Filter 'address.cyty': unknown field; did you mean 'address.city'?"
            Run = { param($t) Get-QomonContact -Filter @{ 'address.cyty' = 'Lyon' } } }
        @{ Name = 'a form label used as a -Filter key'; ErrorId = 'Qomon.InvalidFilter'
            Text = "-Filter 'Level of support': unknown field; 'Level of support' is a form: name it form:Level of support; -Filter searches contact fields, not answers: search answers with -Query *attr = 'form'; ope = 'eql'; form_id = 47570;*"
            Run = { param($t) Get-QomonContact -Filter @{ 'Level of support' = 'Support' } } }
        @{ Name = 'a form:<label> -Filter key'; ErrorId = 'Qomon.InvalidFilter'
            Text = "-Filter 'form:Level of support': -Filter searches contact fields, not answers: search answers with -Query *form_id = 47570*"
            Run = { param($t) Get-QomonContact -Filter @{ 'form:Level of support' = 'Support' } } }
        @{ Name = 'a wildcard on a date field'; ErrorId = 'Qomon.InvalidFilter'; Text = "-Filter 'birthdate': '`*' wildcards work on text fields only, and birthdate holds a date; give the exact value."
            Run = { param($t) Get-QomonContact -Filter @{ birthdate = '1980*' } } }
        @{ Name = 'a wildcard on the tags'; ErrorId = 'Qomon.InvalidFilter'; Text = "-Filter 'tags': '`*' wildcards work on text fields only, and tags holds tag names*"
            Run = { param($t) Get-QomonContact -Filter @{ tags = 'vol*' } } }
        @{ Name = 'two bad keys, each named (in the hashtable''s order)'; ErrorId = 'Qomon.InvalidFilter'; Text = "-Filter '*': *[.?] '*': *"
            Run = { param($t) Get-QomonContact -Filter @{ cty = 'Lyon'; id = $t } } }
        @{ Name = "-UpdatedSince 'yesterday', with the date math meant"; ErrorId = 'Qomon.InvalidUpdatedSince'
            Text = "-UpdatedSince 'yesterday' is not a date or date math; did you mean 'now-1d/d'? -UpdatedSince takes a ``[datetime``]*(Get-Date).AddDays(-1)*'2026-01-31'*'2026-01-31T08:00:00Z'*'now-1h'*'now-1d/d'*"
            Run = { param($t) Get-QomonContact -UpdatedSince 'yesterday' } }
        @{ Name = '-UpdatedSince given a number'; ErrorId = 'Qomon.InvalidUpdatedSince'; Text = '-UpdatedSince got a value of type Int32, not a date. -UpdatedSince takes*'
            Run = { param($t) Get-QomonContact -UpdatedSince 42 -Count } }
    ) {
        Assert-BadInputRefused -Run $Run -Emulator $script:emulator -Target $script:target -ErrorId $ErrorId -Text $Text `
            -SentCount { (Get-EmulatorStats $script:emulator).requestsTotal }
    }

    It 'reports under the InvalidArgument category and never names an internal parameter' {
        foreach ($run in { Get-QomonContact -Filter @{ cty = 'Lyon' } }, { Get-QomonContact -UpdatedSince 'yesterday' }) {
            $err = $run | Should -Throw -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Not -Match '\(Parameter '
        }
        $both = { Get-QomonContact -Filter @{ cty = 'Lyon'; id = 1 } } | Should -Throw -PassThru
        $both.Exception.Message | Should -BeLike "*'cty': unknown field; did you mean 'City'?*"
        $both.Exception.Message | Should -BeLike "*'id': search by id is not possible; use -Id*"
    }
}

Describe "Get-QomonContact -Filter with '*' wildcards" {
    BeforeAll {
        $script:names = 'Wildcardson', 'Wildcardsen', 'Xwildcardson', 'Wildcard'
        $script:byName = @{}
        foreach ($name in $script:names) { $script:byName[$name] = New-TestContact -Contact @{ firstname = 'Wil'; surname = $name; mail = "$($name.ToLowerInvariant())@example.org" } }
    }

    It "'<Pattern>' finds <Expected>" -TestCases @(
        @{ Pattern = 'Wildcards*'; Expected = @('Wildcardsen', 'Wildcardson') }
        @{ Pattern = 'wildcard*on'; Expected = @('Wildcardson') }
        @{ Pattern = '*cardson'; Expected = @('Wildcardson', 'Xwildcardson') }
        @{ Pattern = '*ILDCARD*'; Expected = @('Wildcard', 'Wildcardsen', 'Wildcardson', 'Xwildcardson') }
    ) {
        $found = @(Get-QomonContact -Filter @{ surname = $Pattern; firstname = 'Wil' } -All)
        @($found.surname | Sort-Object) | Should -Be $Expected
        Get-QomonContact -Filter @{ surname = $Pattern; firstname = 'Wil' } -Count | Should -Be $Expected.Count
    }

    It 'works on the mail too, where -Filter is otherwise exact' {
        @(Get-QomonContact -Filter @{ mail = 'wildcards*@example.org' } -All).surname | Sort-Object | Should -Be @('Wildcardsen', 'Wildcardson')
    }
}

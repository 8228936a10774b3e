# Bad input beyond the write suite's corpus (Write/BadInput.Tests.ps1, 46 cases, nearly all Set-QomonContact):
# CSV quirks as Import-Csv/ConvertFrom-Csv deliver them, odd encodings and dates, and the other commands
# (New-QomonContact, Get-QomonContact, Get-QomonForm, Invoke-QomonRequest, Connect-Qomon). Each case gives an error
# with a stable id whose message names the record (or the parameter) and the problem, and the emulator saw no
# request while it ran.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 5 -Settings @{ burst = 100; rate = 500 }
    Connect-TestEmulator $script:emulator
    $null = Get-QomonForm   # forms cached now, so a case's traffic is its own
    $script:target = (Get-QomonContact -First 1).id
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Bad input to every command is refused before anything is sent' {
    It 'refuses <Name>' -TestCases @(
        # CSV quirks (Set-QomonContact fed by ConvertFrom-Csv, as Import-Csv would feed it)
        @{ Name = 'a header whose BOM was read as Latin-1 (ï»¿Id)'; ErrorId = 'Qomon.MissingId'; Text = "The input has no Id column*Columns found: ï»¿Id, mobile.*byte order mark*-Encoding utf8." 
            Run = { param($t) ConvertFrom-Csv "ï»¿Id,mobile`n$t,+33 6 00 00 00 01" | Set-QomonContact } }
        @{ Name = 'a semicolon-separated file read as comma-separated'; ErrorId = 'Qomon.MissingId'; Text = "The input has no Id column*Columns found: Id;mobile.*-Delimiter ';'." 
            Run = { param($t) ConvertFrom-Csv "Id;mobile`n$t;+33 6 00 00 00 01" | Set-QomonContact } }
        @{ Name = 'a quoted line break inside a phone number'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): mobile: line breaks are not allowed*'
            Run = { param($t) ConvertFrom-Csv "Id,mobile`n$t,`"+33 6 00`n00 00 01`"" | Set-QomonContact } }
        @{ Name = 'an empty header cell (a column named H1)'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): H1: unknown field*'
            Run = { param($t) ConvertFrom-Csv "Id,,mobile`n$t,x,+33 6 00 00 00 01" | Set-QomonContact } }
        @{ Name = 'an id written with thousands separators'; ErrorId = 'Qomon.InvalidId'; Text = "record 1: Id: the contact id '83 000 001' is not a number*"
            Run = { param($t) ConvertFrom-Csv "Id,mobile`n`"83 000 001`",+33 6 00 00 00 01" | Set-QomonContact } }
        # Odd encodings and dates
        @{ Name = 'an id in full-width digits'; ErrorId = 'Qomon.InvalidId'; Text = 'record 1: Id: the contact id * is not a number*'
            Run = { param($t) @{ Id = '８３０００００１'; mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'a birthdate in US order (02/30/1980)'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1 (contact *): birthdate: '02/30/1980' is not a valid date*"
            Run = { param($t) @{ Id = $t; birthdate = '02/30/1980' } | Set-QomonContact } }
        @{ Name = 'a birthdate in the year 2999'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1 (contact *): birthdate: * is out of range*'
            Run = { param($t) @{ Id = $t; birthdate = '2999-01-01' } | Set-QomonContact } }
        # New-QomonContact
        @{ Name = 'a new contact with an unknown field'; ErrorId = 'Qomon.InvalidInput'; Text = "record 1: mobil: unknown field; did you mean 'mobile'?*"
            Run = { param($t) New-QomonContact -Property @{ firstname = 'Typo'; mobil = '+33 6 00 00 00 01' } } }
        @{ Name = 'a new contact with a 100,000-character name'; ErrorId = 'Qomon.InvalidInput'; Text = 'record 1: firstname: text of 100000 characters is longer than the limit*'
            Run = { param($t) New-QomonContact -Property @{ firstname = 'A' * 100000 } } }
        # Get-QomonContact
        @{ Name = 'a -Filter value that is a nested object'; ErrorId = 'Qomon.InvalidFilter'; Text = "*'surname'*nested object*"
            Run = { param($t) Get-QomonContact -Filter @{ surname = @{ ope = 'like'; value = 'x' } } } }
        @{ Name = 'a -Query that is truncated JSON'; ErrorId = 'Qomon.InvalidArgument'; Text = '*not valid JSON*'
            Run = { param($t) Get-QomonContact -Query '{"$all":[' } }
        @{ Name = '-Id together with -Filter'; ErrorId = 'AmbiguousParameterSet'; Text = '*Parameter set cannot be resolved*'
            Run = { param($t) Get-QomonContact -Id $t -Filter @{ surname = 'x' } } }
        @{ Name = 'a page size above the API maximum of 1000'; ErrorId = 'ParameterArgumentValidationError'; Text = "*'PageSize'*1000*"
            Run = { param($t) Get-QomonContact -PageSize 5000 } }
        # Get-QomonForm
        @{ Name = 'a negative form id'; ErrorId = 'ParameterArgumentValidationError'; Text = "*'Id'*"
            Run = { param($t) Get-QomonForm -Id -1 } }
        @{ Name = 'a form -Kind together with -Id'; ErrorId = 'AmbiguousParameterSet'; Text = '*Parameter set cannot be resolved*'
            Run = { param($t) Get-QomonForm -Kind survey -Id 47580 } }
        # Invoke-QomonRequest
        @{ Name = 'an HTTP method the API does not use (TRACE)'; ErrorId = 'ParameterArgumentValidationError'; Text = "*'Method'*TRACE*"
            Run = { param($t) Invoke-QomonRequest -Method TRACE -Path "/contacts/$t" } }
        # Connect-Qomon
        @{ Name = 'an empty API key'; ErrorId = 'Qomon.NoApiKey'; Text = 'The API key is empty*'
            Run = { param($t) Connect-Qomon -ApiKey ([securestring]::new()) -BaseUri $script:emulator.Url -PassThru } }
        @{ Name = 'a relative -BaseUri'; ErrorId = 'Qomon.InvalidArgument'; Text = "-BaseUri must be absolute*'/contacts'*"
            Run = { param($t) Connect-Qomon -ApiKey $script:emulator.SecureApiKey -BaseUri '/contacts' -PassThru } }
        @{ Name = 'a timeout of zero seconds'; ErrorId = 'ParameterArgumentValidationError'; Text = "*'TimeoutSec'*"
            Run = { param($t) Connect-Qomon -ApiKey $script:emulator.SecureApiKey -BaseUri $script:emulator.Url -TimeoutSec 0 -PassThru } }
        @{ Name = 'a negative retry count'; ErrorId = 'ParameterArgumentValidationError'; Text = "*'MaxRetryCount'*"
            Run = { param($t) Connect-Qomon -ApiKey $script:emulator.SecureApiKey -BaseUri $script:emulator.Url -MaxRetryCount -1 -PassThru } }
    ) {
        # Every request counts: these inputs must be refused before the module reads anything either.
        Assert-BadInputRefused -Run $Run -Emulator $script:emulator -Target $script:target -ErrorId $ErrorId -Text $Text `
            -SentCount { (Get-EmulatorStats $script:emulator).requestsTotal }
    }
}

# The punctuation of what the module says when things go wrong. Messages are composed of parts (the record,
# the request line, the server's problem text, a reason that ends in its own period), and a part's period
# followed by the sentence's own gave "..", ".:" or " .". Each case below provokes one kind of error or warning
# through the real module against the emulator; every text a user or script sees (ErrorDetails, the exception's
# message, the recommended action, warnings) is checked. The bad-input suites (Trust/BadInput.Tests.ps1,
# Write/BadInput.Tests.ps1) check their own 60-odd messages the same way, through Assert-BadInputRefused.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 5 -Settings @{ burst = 100; rate = 500 }
    Connect-TestEmulator $script:emulator
    $script:target = (Get-QomonContact -First 1).id

    # Every text a case produced: its errors' messages and recommended actions, and its warnings.
    function Get-CaseText([scriptblock] $Run) {
        $WarningPreference = 'Continue'
        $records = try { @(& $Run 2>&1 3>&1) } catch { @($_) }
        $texts = foreach ($record in $records) {
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $record.Exception.Message
                if ($record.ErrorDetails) { $record.ErrorDetails.Message; $record.ErrorDetails.RecommendedAction }
            }
            elseif ($record -is [System.Management.Automation.WarningRecord]) { $record.Message }
        }
        @($texts | Where-Object { $_ })
    }
}

AfterAll {
    Get-QomonConnection -ErrorAction SilentlyContinue | Out-Null
    Disconnect-Qomon -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:emulator
}

Describe 'Error and warning texts' {
    It '<Name> reads without doubled punctuation' -TestCases @(
        @{ Name = 'a contact id that does not exist (Get)'; Run = { Get-QomonContact -Id 99999997 } }
        @{ Name = 'a contact id that does not exist (Set)'; Run = { Set-QomonContact -Id 99999997 -Property @{ mobile = '+33 6 00 00 00 01' } } }
        @{ Name = 'a contact id that does not exist (Remove)'; Run = { Remove-QomonContact -Id 99999997 -Confirm:$false } }
        @{ Name = 'a form id that does not exist'; Run = { Get-QomonForm -Id 99999997 } }
        @{ Name = 'a path the API does not have'; Run = { Invoke-QomonRequest -Method GET -Path '/nothing-here' } }
        @{ Name = 'a body the API rejects (422)'; Run = { Invoke-QomonRequest -Method POST -Path '/contacts' -Body @{ data = @{ contact = @{ mail = 'not an address'; birthdate = 'soon' } } } } }
        @{ Name = 'an unknown filter field'; Run = { Get-QomonContact -Filter @{ cty = 'Lyon' } } }
        @{ Name = 'an -UpdatedSince that is not a date'; Run = { Get-QomonContact -UpdatedSince 'yesterday' } }
        @{ Name = 'a -Query that is not JSON'; Run = { Get-QomonContact -Query '{"$all":[' } }
        @{ Name = 'an unknown field (Set)'; Run = { @{ Id = $script:target; mobil = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'an unknown form value'; Run = { @{ Id = $script:target; 'form:Level of support' = 'Maybe' } | Set-QomonContact } }
        @{ Name = 'a record without id'; Run = { [pscustomobject]@{ mobile = '+33 6 00 00 00 01' } | Set-QomonContact } }
        @{ Name = 'the same contact twice in a batch'; Run = { @{ Id = $script:target; mobile = '+33 6 00 00 00 03' }, @{ Id = $script:target; mobile = '+33 6 00 00 00 02' } | Set-QomonContact -WhatIf } }
        @{ Name = 'blank cells that change nothing'; Run = { [pscustomobject]@{ Id = $script:target; mobile = ''; city = '' } | Set-QomonContact } }
        @{ Name = '-Replace in a session that cannot ask'; Run = { Set-QomonContact -Id $script:target -Property @{ mobile = '+33 6 00 00 00 04' } -Replace } }
        @{ Name = 'an edit of a field the server changed meanwhile'; Run = {
                $mine = Get-QomonContact -Id $script:target
                Set-QomonContact -Id $script:target -Property @{ mobile = '+33 6 00 00 00 05' }
                $mine.mobile = '+33 6 00 00 00 06'
                $mine | Set-QomonContact } }
        @{ Name = 'an API key the server refuses'; Run = {
                $wrong = Connect-Qomon -ApiKey (ConvertTo-SecureString 'wrong-key' -AsPlainText -Force) -BaseUri $script:emulator.Url -SkipValidation -PassThru
                Get-QomonContact -First 1 -Connection $wrong } }
        @{ Name = 'a server that answers 500'; Run = {
                $fragile = Connect-TestEmulator $script:emulator -PassThru -Parameters @{ MaxRetryCount = 0 }
                Set-EmulatorConfig $script:emulator @{ faultRate = 1 }
                try { Get-QomonContact -Id $script:target -Connection $fragile; Set-QomonContact -Id $script:target -Property @{ mobile = '+33 6 00 00 00 07' } -Connection $fragile }
                finally { Set-EmulatorConfig $script:emulator @{ faultRate = 0 } } } }
        @{ Name = 'a connection reset'; Run = {
                $fragile = Connect-TestEmulator $script:emulator -PassThru -Parameters @{ MaxRetryCount = 0 }
                Set-EmulatorConfig $script:emulator @{ resetRate = 1 }
                try { Get-QomonContact -Id $script:target -Connection $fragile }
                finally { Set-EmulatorConfig $script:emulator @{ resetRate = 0 } } } }
        @{ Name = 'a rate limit that holds (429)'; Run = {
                $fragile = Connect-TestEmulator $script:emulator -PassThru -Parameters @{ MaxRetryCount = 0 }
                Set-EmulatorConfig $script:emulator @{ burst = 3; rate = 100; retryAfter = 'none' }
                try { Set-QomonContact -Id $script:target -Property @{ mobile = '+33 6 00 00 00 08' } -Connection $fragile }
                finally { Set-EmulatorConfig $script:emulator @{ burst = 100; rate = 500; retryAfter = 'seconds' } } } }
        @{ Name = 'nothing listening at -BaseUri'; Run = {
                $nowhere = Connect-Qomon -ApiKey $script:emulator.SecureApiKey -BaseUri 'http://127.0.0.1:9/' -SkipValidation -MaxRetryCount 0 -TimeoutSec 5 -PassThru
                Get-QomonContact -First 1 -Connection $nowhere } }
        @{ Name = 'a relative -BaseUri'; Run = { Connect-Qomon -ApiKey $script:emulator.SecureApiKey -BaseUri '/contacts' -PassThru } }
        @{ Name = 'an empty API key'; Run = { Connect-Qomon -ApiKey ([securestring]::new()) -BaseUri $script:emulator.Url -PassThru } }
        @{ Name = 'a connection used after Disconnect-Qomon'; Run = {
                $closed = Connect-TestEmulator $script:emulator -PassThru
                Disconnect-Qomon -Connection $closed
                Get-QomonContact -First 1 -Connection $closed } }
        @{ Name = 'no connection at all'; Run = {
                Disconnect-Qomon
                try { Get-QomonContact -First 1 } finally { Connect-TestEmulator $script:emulator } } }
    ) {
        $texts = Get-CaseText $Run
        $texts | Should -Not -BeNullOrEmpty -Because 'the case must produce an error or a warning to check'
        @($texts | ForEach-Object { Get-PunctuationProblem $_ }) | Should -BeNullOrEmpty
    }
}

# Bulk merge updates under the budget: two consecutive pipelines of 300 updates each, with the emulator's bucket
# scaled up (burst 100, 500 tokens/s), finish with zero 429 answers, because every request waits for its tokens
# in the connection's shared budget, which carries from one command to the next. No timing is asserted.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 600
    $script:ids = @(Get-QomonContact -First 600 | ForEach-Object id)
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Two pipelines of 300 merge updates' {
    BeforeAll {
        $script:before = Get-EmulatorStats $script:emulator
        $script:first = @($script:ids[0..299] | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = "+33 7 00 00 $_" } } |
                Set-QomonContact -InformationVariable info1)
        $script:info1 = $info1
        $script:between = Get-EmulatorStats $script:emulator
        $script:second = @($script:ids[300..599] | ForEach-Object { [pscustomobject]@{ Id = $_; 'form:Main concern' = 'Environment'; mobile = "+33 7 11 11 $_" } } |
                Set-QomonContact -InformationVariable info2)
        $script:info2 = $info2
        $script:after = Get-EmulatorStats $script:emulator
    }

    It 'updates all 600 contacts' {
        $script:info1.MessageData.Updated + $script:info1.MessageData.Unchanged | Should -Be 300
        $script:info2.MessageData.Updated + $script:info2.MessageData.Unchanged | Should -Be 300
        $script:info1.MessageData.Failed + $script:info2.MessageData.Failed + $script:info1.MessageData.OutcomeUnknown + $script:info2.MessageData.OutcomeUnknown | Should -Be 0
    }

    It 'gets zero 429 answers in either pipeline' {
        $script:between.throttled - $script:before.throttled | Should -Be 0
        $script:after.throttled - $script:between.throttled | Should -Be 0
        $script:info1.MessageData.Throttled + $script:info2.MessageData.Throttled | Should -Be 0 -Because 'the client saw none either'
    }

    It 'spends one read per record plus one write per changed record' {
        $reads = $script:after.requests.'GET /contacts/{id}'.'200' - $(if ($script:before.requests.PSObject.Properties['GET /contacts/{id}']) { $script:before.requests.'GET /contacts/{id}'.'200' } else { 0 })
        $reads | Should -Be 600
        $updated = $script:info1.MessageData.Updated + $script:info2.MessageData.Updated
        $script:after.requests.'PATCH /contacts/{id}'.'200' | Should -Be $updated
        $script:after.tokensSpent - $script:before.tokensSpent | Should -Be (600 + 5 * $updated)
    }

    It 'changed exactly the named fields (checked on a sample)' {
        foreach ($id in $script:ids[0], $script:ids[299]) { (Get-LastWrite $script:emulator $id).Changed | Should -Be @('mobile') }
        foreach ($id in $script:ids[300], $script:ids[599]) {
            $changed = (Get-LastWrite $script:emulator $id).Changed
            $changed | Should -Contain 'mobile'
            @($changed | Where-Object { $_ -notin 'mobile', 'form:47580' }) | Should -BeNullOrEmpty
        }
    }

    It 'reports the run''s tokens in the summary' {
        $script:info2.MessageData.TokensSpent | Should -BeGreaterThan 0
        "$($script:info2.MessageData)" | Should -BeLike 'Set-QomonContact: * updated, * unchanged, 0 conflicts, 0 failed (* tokens, * s waiting for budget).'
    }
}

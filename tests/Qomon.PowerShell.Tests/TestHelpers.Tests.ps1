# The emulator helpers that every Pester suite (reading and writing) builds on.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 5 -Settings @{ 'cost-read' = 1 }
    Connect-TestEmulator $script:emulator
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Emulator test helpers' {
    It 'Start-TestEmulator returns the URL, the key and the process' {
        $script:emulator.Url | Should -Match '^http://127\.0\.0\.1:\d+$'
        $script:emulator.ApiKey | Should -Not -BeNullOrEmpty
        $script:emulator.SecureApiKey | Should -BeOfType [securestring]
        $script:emulator.Process.HasExited | Should -BeFalse
    }

    It 'Get-EmulatorStats and Measure-EmulatorTraffic count requests by route' {
        $traffic = Measure-EmulatorTraffic $script:emulator { Get-QomonContact -First 2 }
        $traffic.Output.Count | Should -Be 2
        $traffic.Routes['POST /search'] | Should -Be 1
        $traffic.Throttled | Should -Be 0
        (Get-EmulatorStats $script:emulator).requestsTotal | Should -BeGreaterThan 0
    }

    It 'Set-EmulatorConfig changes settings at run time' {
        Set-EmulatorConfig $script:emulator @{ 'cost-read' = 3 }
        $before = (Get-EmulatorStats $script:emulator).tokensSpent
        $null = Invoke-QomonRequest -Path /v1/forms/type/consent
        (Get-EmulatorStats $script:emulator).tokensSpent | Should -Be ($before + 3)
        Set-EmulatorConfig $script:emulator @{ costRead = 1 }
    }

    It 'New-TestContact creates a contact and Get-ContactHistory lists its versions' {
        $id = New-TestContact @{ firstname = 'History'; surname = 'Test' }
        $null = Invoke-QomonRequest -Method PATCH -Path "/contacts/$id" -Body @{ data = @{ contact = @{ firstname = 'History'; surname = 'Changed' } } }
        $history = Get-ContactHistory $script:emulator -Id $id
        $history.Count | Should -Be 2
        $history[0].surname | Should -Be 'Test'
        $history[1].surname | Should -Be 'Changed'
    }

    It 'Start-TestEmulator passes QOMON_TEST_EMULATOR_PROFILE as --profile, before the suite''s own settings' {
        $saved = $env:QOMON_TEST_EMULATOR_PROFILE
        $env:QOMON_TEST_EMULATOR_PROFILE = 'harsh'
        try { $harsh = Start-TestEmulator -Seed 1 -Settings @{ 'retry-after' = 'date' } }
        finally { $env:QOMON_TEST_EMULATOR_PROFILE = $saved }
        try {
            $config = Invoke-RestMethod -Uri "$($harsh.Url)/_emulator/config"
            $config.profile | Should -Be 'harsh'
            $config.customFieldsKey | Should -Be 'customfields'
            $config.unknownFields | Should -Be 'store'
            $config.retryAfter | Should -Be 'date' -Because 'a setting the suite gives overrides the profile'
        }
        finally { Stop-TestEmulator $harsh }
    }

    It 'Get-ContactAnswer returns the live rows under either custom-field key, without soft-deleted ones' {
        $contact = [pscustomobject]@{
            formdatas    = @([pscustomobject]@{ form_id = 1; data = 'kept'; deleted_at = $null }, [pscustomobject]@{ form_id = 1; data = 'gone'; deleted_at = '2026-01-01T00:00:00Z' }, [pscustomobject]@{ form_id = 2; data = 'other' })
            customfields = @([pscustomobject]@{ form_id = 9; data = 'custom'; deleted_at = $null }, [pscustomobject]@{ form_id = 9; data = 'old'; deleted_at = '2026-01-01T00:00:00Z' })
        }
        @(Get-ContactAnswer $contact -FormId 1 | ForEach-Object data) | Should -Be @('kept')
        @(Get-ContactAnswer $contact | ForEach-Object data) | Should -Be @('kept', 'other')
        @(Get-ContactAnswer $contact -Custom | ForEach-Object data) | Should -Be @('custom')
        $contact.psobject.Properties.Remove('customfields')
        $contact | Add-Member custom_fields @([pscustomobject]@{ form_id = 9; data = 'underscore' })
        @(Get-ContactAnswer $contact -Custom -FormId 9 | ForEach-Object data) | Should -Be @('underscore')
    }

    It 'Reset-Emulator zeroes the stats and re-seeds the data' {
        $id = New-TestContact @{ firstname = 'Gone'; surname = 'AfterReset' }
        Reset-Emulator $script:emulator
        (Get-EmulatorStats $script:emulator).requestsTotal | Should -Be 0
        $null = Get-QomonContact -Id $id -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

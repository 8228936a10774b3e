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

    It 'Reset-Emulator zeroes the stats and re-seeds the data' {
        $id = New-TestContact @{ firstname = 'Gone'; surname = 'AfterReset' }
        Reset-Emulator $script:emulator
        (Get-EmulatorStats $script:emulator).requestsTotal | Should -Be 0
        $null = Get-QomonContact -Id $id -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

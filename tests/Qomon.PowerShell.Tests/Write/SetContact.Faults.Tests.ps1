# A bulk merge while the emulator fails requests (500/502/503 and reset connections, none of them applied):
# every record is either written exactly as intended or reported in an error that names it, and no field that
# the input did not name changes anywhere. Lost answers are read back before anything is sent again.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 50
    $script:ids = @(Get-QomonContact -First 50 | ForEach-Object id)
    $script:original = @{}
    foreach ($id in $script:ids) { $script:original[$id] = (Get-ContactHistory $script:emulator $id)[-1] }
    Set-EmulatorConfig $script:emulator @{ faultRate = 0.1; resetRate = 0.1; randomSeed = 7 }
    $script:results = @($script:ids | ForEach-Object { @{ Id = $_; mobile = "+33 7 22 22 $_" } } |
            Set-QomonContact -PassThru -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info)
    $script:errors = @($errors)
    $script:summary = $info.MessageData
    Set-EmulatorConfig $script:emulator @{ faultRate = 0; resetRate = 0 }
    $script:stats = Get-EmulatorStats $script:emulator
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'A bulk merge through injected faults' {
    It 'met faults' {
        $script:stats.faultsInjected | Should -BeGreaterThan 0
    }

    It 'accounts for every record: updated, or reported by id' {
        $reported = @($script:errors | ForEach-Object TargetObject)
        $script:summary.Updated + $script:summary.Failed | Should -Be 50
        $script:results.Count | Should -Be $script:summary.Updated
        foreach ($id in $script:ids) {
            $stored = (Get-ContactHistory $script:emulator $id)[-1]
            if ($stored.mobile -ne "+33 7 22 22 $id") { $reported | Should -Contain $id -Because "contact $id was not updated, so it must be reported" }
        }
    }

    It 'changed no field the input did not name' {
        foreach ($id in $script:ids) {
            $changed = Get-ChangedField -Before $script:original[$id] -After (Get-ContactHistory $script:emulator $id)[-1]
            @($changed | Where-Object { $_ -ne 'mobile' }) | Should -BeNullOrEmpty -Because "contact $id"
        }
    }

    It 'reports as written only contacts that hold the new value' {
        foreach ($contact in $script:results) {
            (Get-ContactHistory $script:emulator $contact.id)[-1].mobile | Should -Be "+33 7 22 22 $($contact.id)"
        }
    }
}

# What a host sees of a bulk run: progress records while it runs, and a stop (Ctrl+C, PowerShell.Stop()) that
# ends the command without ever reporting a record as written that was not. Each run is hosted in its own
# [powershell] instance so its streams can be read and it can be stopped from outside.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 200
    $script:ids = @(Get-QomonContact -First 200 | ForEach-Object id)

    function New-HostedRun([scriptblock] $Script, [object[]] $Arguments) { New-ConnectedRunspace $script:emulator $Script $Arguments }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Write-Progress' {
    It 'reports records done, unchanged, failed, tokens and budget wait, then completes' {
        $ps = New-HostedRun { param($ids) $ids | ForEach-Object { @{ Id = $_; phone = "+33 1 44 44 $_" } } | Set-QomonContact -BatchSize 10 } @(, $script:ids[0..29])
        try {
            $null = $ps.Invoke()
            $records = @($ps.Streams.Progress | Where-Object Activity -EQ 'Set-QomonContact')
            $records.Count | Should -BeGreaterOrEqual 2
            $records[0].StatusDescription | Should -BeLike '* done: * written, * unchanged, * failed or in conflict; * tokens, * s waiting for budget'
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Stopping a bulk run' {
    It 'stops, and every contact it reported as written was written' {
        Set-EmulatorConfig $script:emulator @{ latencyMs = 40 }
        try {
            $patches = Get-EmulatorRequestCount $script:emulator 'PATCH /contacts/{id}'
            $ps = New-HostedRun { param($ids) $ids | ForEach-Object { @{ Id = $_; mobile = "+33 7 55 55 $_" } } | Set-QomonContact -PassThru -BatchSize 20 } @(, $script:ids[30..199])
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            try {
                $run = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while ((Get-EmulatorRequestCount $script:emulator 'PATCH /contacts/{id}') -lt $patches + 30 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $ps.Stop()
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $written = @($output | Where-Object { $_.psobject.Properties['id'] })
                $written.Count | Should -BeGreaterThan 0
                $written.Count | Should -BeLessThan 170
                foreach ($contact in $written) {
                    (Get-ContactHistory $script:emulator $contact.id)[-1].mobile | Should -Be "+33 7 55 55 $($contact.id)"
                }
            }
            finally { $ps.Dispose() }
        }
        finally { Set-EmulatorConfig $script:emulator @{ latencyMs = 0 } }
    }
}

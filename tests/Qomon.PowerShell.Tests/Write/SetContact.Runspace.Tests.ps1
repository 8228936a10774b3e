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
            $records[0].StatusDescription | Should -BeLike '* done: * written, * unchanged, * failed or in conflict; * token*, * s waiting for budget'
            $records[-1].RecordType | Should -Be 'Completed'
            # Records piped one by one cannot be counted ahead: no "of M", no percentage, no time left.
            $records[0].StatusDescription | Should -Match '^\d+ done: '
            @($records | Where-Object { $_.PercentComplete -ge 0 -or $_.SecondsRemaining -ge 0 }) | Should -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
    }

    It 'counts "N of M" with a percentage and the time left when the records are given as a parameter' {
        # 100 ms per request and two at a time: the run lasts seconds, so progress is shown past its first record.
        Set-EmulatorConfig $script:emulator @{ latencyMs = 100 }
        $ps = New-HostedRun { param($ids) Set-QomonContact -ThrottleLimit 2 -InputObject @($ids | ForEach-Object { @{ Id = $_; phone = "+33 1 45 45 $_" } }) } @(, $script:ids[0..29])
        try {
            $null = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $records = @($ps.Streams.Progress | Where-Object { $_.Activity -eq 'Set-QomonContact' -and $_.RecordType -ne 'Completed' })
            $records[0].StatusDescription | Should -BeLike '0 of 30 done: *'
            $later = @($records | Where-Object PercentComplete -GT 0)
            $later | Should -Not -BeNullOrEmpty
            foreach ($record in $later) {
                $record.StatusDescription -match '^(\d+) of 30 done: ' | Should -BeTrue
                $record.PercentComplete | Should -Be ([math]::Floor([int]$Matches[1] * 100 / 30))
                $record.SecondsRemaining | Should -BeGreaterOrEqual 0
            }
        }
        finally {
            $ps.Dispose()
            Set-EmulatorConfig $script:emulator @{ latencyMs = 0 }
        }
    }

    It 'counts "N of about M" against the search''s count when Get-QomonContact -All pipes the contacts in' {
        $lyon = Get-QomonContact -Filter @{ 'address.city' = 'Lyon' } -Count
        $ps = New-HostedRun { Get-QomonContact -Filter @{ 'address.city' = 'Lyon' } -All -PageSize 5 | Set-QomonContact -AddTag 'Progress Lyon' }
        try {
            $null = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $records = @($ps.Streams.Progress | Where-Object { $_.Activity -eq 'Set-QomonContact' -and $_.RecordType -ne 'Completed' })
            $records[0].StatusDescription | Should -BeLike "0 of about $lyon done: *"
        }
        finally { $ps.Dispose() }
    }
}

# Both ways of writing. By PATCH each record is reported as its PATCH answers. By upsert (Auto) a record is reported
# only once a read shows it applied, 4.5 s or more after its write; without a budget all 170 upserts would be sent
# within a second and the run would end moments after the first reports, before the stop. A paced bucket (about 2
# tokens a record: its read and its upsert) keeps the run sending for several seconds after those first reports.
Describe 'Stopping a bulk run (-WriteMethod <Method>)' -ForEach @(
    @{ Method = 'Patch'; Settings = @{ latencyMs = 40 }; Mobile = '+33 7 55 55' }
    @{ Method = 'Auto'; Settings = @{ latencyMs = 40; burst = 20; rate = 30 }; Mobile = '+33 7 55 66' }
) {
    It 'stops, and every contact it reported as written was written' {
        Set-EmulatorConfig $script:emulator $Settings
        try {
            $writes = Get-WriteCount $script:emulator
            $ps = New-HostedRun { param($ids, $method, $mobile) $ids | ForEach-Object { @{ Id = $_; mobile = "$mobile $_" } } | Set-QomonContact -PassThru -BatchSize 20 -WriteMethod $method } @((, $script:ids[30..199]) + $Method + $Mobile)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            try {
                $run = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                # Upserted records are reported once a read shows them applied, seconds after their write: wait for both.
                while (((Get-WriteCount $script:emulator) -lt $writes + 30 -or $output.Count -lt 5) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $ps.Stop()
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $written = @($output | Where-Object { $_.psobject.Properties['id'] })
                $written.Count | Should -BeGreaterThan 0
                $written.Count | Should -BeLessThan 170
                foreach ($contact in $written) {
                    (Get-ContactHistory $script:emulator $contact.id)[-1].mobile | Should -Be "$Mobile $($contact.id)"
                }
            }
            finally { $ps.Dispose() }
        }
        finally { Set-EmulatorConfig $script:emulator @{ latencyMs = 0; burst = 100; rate = 500 } }
    }
}

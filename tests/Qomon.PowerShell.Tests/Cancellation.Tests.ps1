# Ctrl+C (PowerShell.Stop) ends a running command, whether it waits on the network or on the token budget.
# The limits below only guard against a hang; they are far above what a stop takes and far below the wait.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 50

    # Runs a script in its own runspace with the module connected; returns the PowerShell and its async handle.
    function Start-BackgroundCommand([scriptblock] $Script) {
        # One script, not a batch of statements: a stopped batch keeps a thread-pool item that outlives Dispose.
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $url, $key, $command)
                Import-Module $module
                Connect-Qomon -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -BaseUri $url -SkipValidation
                Write-Information 'started'
                & ([scriptblock]::Create($command))
            }).AddArgument($env:QOMON_TEST_MODULE).AddArgument($script:emulator.Url).AddArgument($script:emulator.ApiKey).AddArgument($Script.ToString())
        $handle = $ps.BeginInvoke()
        # Let it get going: wait until the module is imported and connected, then give the command a moment.
        $deadline = [datetime]::UtcNow.AddSeconds(20)
        while ([datetime]::UtcNow -lt $deadline -and -not $handle.IsCompleted -and $ps.Streams.Information.Count -eq 0) {
            Start-Sleep -Milliseconds 50
        }
        Start-Sleep -Milliseconds 500
        [pscustomobject]@{ PowerShell = $ps; Handle = $handle }
    }

    function Stop-BackgroundCommand($Command) {
        $stop = $Command.PowerShell.BeginStop($null, $null)
        $stopped = $stop.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(30))
        $state = $Command.PowerShell.InvocationStateInfo.State
        $Command.PowerShell.Dispose()
        [pscustomobject]@{ Stopped = $stopped; State = $state }
    }
}

AfterAll { Stop-TestEmulator $script:emulator }

Describe 'Stopping a command' {
    AfterEach { Set-EmulatorConfig $script:emulator @{ 'latency-ms' = 0; burst = 100; rate = 10 } }

    It 'ends a request that waits on a slow server' {
        Set-EmulatorConfig $script:emulator @{ 'latency-ms' = 300000 }
        $command = Start-BackgroundCommand { Get-QomonContact -All }
        $command.Handle.IsCompleted | Should -BeFalse
        $result = Stop-BackgroundCommand $command
        $result.Stopped | Should -BeTrue
        $result.State | Should -Be 'Stopped'
    }

    It 'ends a wait for the token budget' {
        # A bucket that refills one token every 100 s: after the first answers the client must wait for each read.
        Set-EmulatorConfig $script:emulator @{ burst = 3; rate = 0.01 }
        $command = Start-BackgroundCommand { Get-QomonContact -First 50 -PageSize 1 | Out-Null; 'done' }
        $command.Handle.IsCompleted | Should -BeFalse
        $result = Stop-BackgroundCommand $command
        $result.Stopped | Should -BeTrue
        $result.State | Should -Be 'Stopped'
    }

    It 'ends reads by id in flight from the pipeline' {
        Set-EmulatorConfig $script:emulator @{ 'latency-ms' = 300000 }
        $command = Start-BackgroundCommand { 1..500 | ForEach-Object { 83000000 + $_ } | Get-QomonContact -ErrorAction SilentlyContinue }
        $result = Stop-BackgroundCommand $command
        $result.Stopped | Should -BeTrue
        $result.State | Should -Be 'Stopped'
    }
}

Describe 'Stopping a write command while the command before it works' {
    BeforeAll {
        # Ten contacts in two batches of five, written as they come; then the input waits, and the stop comes once the
        # emulator has seen ten writes by the route the method uses (each method writes its own values). Returns the warnings the host showed and the ids.
        function Stop-WriteWhileInputWaits([string] $Method, [string] $Route) {
            . (Join-Path $PSScriptRoot 'TestHelpers/RecordingHost.ps1')
            $recorded = New-RecordedPowerShell
            $recording, $runspace, $ps = $recorded.Host, $recorded.Runspace, $recorded.PowerShell
            Connect-TestEmulator $script:emulator
            $ids = @(Get-QomonContact -First 10 | ForEach-Object { [long] $_.id })
            Disconnect-Qomon
            $null = $ps.AddScript({
                    param($module, $url, $key, $method, $ids)
                    Import-Module $module
                    Connect-Qomon -ApiKey $key -BaseUri $url
                    & { $ids | ForEach-Object { @{ Id = $_; mobile = "+33 7 10 $($method.Length) $_" } }; Start-Sleep -Seconds 300 } | Set-QomonContact -WriteMethod $method -BatchSize 5
                }).AddArgument($env:QOMON_TEST_MODULE).AddArgument($script:emulator.Url).AddArgument($script:emulator.SecureApiKey).AddArgument($Method).AddArgument($ids)
            try {
                $writes = Get-EmulatorRequestCount $script:emulator $Route
                $run = $ps.BeginInvoke()
                $deadline = [datetime]::UtcNow.AddSeconds(60)
                while ((Get-EmulatorRequestCount $script:emulator $Route) -lt $writes + 10 -and -not $run.IsCompleted -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $run.IsCompleted | Should -BeFalse
                (Get-EmulatorRequestCount $script:emulator $Route) | Should -Be ($writes + 10)
                $stop = $ps.BeginStop($null, $null)
                $stop.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(30)) | Should -BeTrue
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            finally {
                $ps.Dispose()
                $runspace.Dispose()
            }
            [pscustomobject]@{ Warnings = @($recording.Warnings); Ids = $ids }
        }
    }

    It 'says on the host how many contacts it had written by PATCH, and that the rest of its input was not' {
        $stopped = Stop-WriteWhileInputWaits -Method Patch -Route 'PATCH /contacts/{id}'
        $stopped.Warnings | Should -Be @('Set-QomonContact was stopped. It had updated 10 contacts; the rest of its input was not written.')
    }

    It 'names, by Auto, every upsert still in flight or not yet reported: each contact once, as written or as being written' {
        # Upserted records stay in flight across batches and are reported as later input comes; none came, so the
        # stop names each of the ten, as seen applied or as maybe applied.
        $stopped = Stop-WriteWhileInputWaits -Method Auto -Route 'POST /contacts/upsert'
        $stopped.Warnings.Count | Should -Be 1
        $warning = $stopped.Warnings[0]
        $warning | Should -Match '^Set-QomonContact was stopped\. It had updated (?<count>\d+) contacts? \(0 reported above\)|^Set-QomonContact was stopped\. It had updated 0 contacts; the rest of its input was not written, except the writes under way named below\.'
        $written = if ($warning -match 'Written before the stop: (?<list>[^.]+)\.') { @([regex]::Matches($Matches.list, '\d+').Value) } else { @() }
        $inFlight = if ($warning -match 'Being written when stopped \(may or may not be applied; check them\): (?<list>[^.]+)\.') { @([regex]::Matches($Matches.list, '\d+').Value) } else { @() }
        @(($written + $inFlight) | ForEach-Object { [long] $_ } | Sort-Object) | Should -Be @($stopped.Ids | Sort-Object)
        if ($written.Count -gt 0) { $warning | Should -Match "It had updated $($written.Count) contact" }
    }
}

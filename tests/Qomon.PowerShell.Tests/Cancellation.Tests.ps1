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

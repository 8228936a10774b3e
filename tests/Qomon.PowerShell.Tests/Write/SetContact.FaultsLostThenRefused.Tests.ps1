# A write whose answer was lost, read back too early to see it (the server is still working on it), resent, and
# the resend refused: the first write still lands afterwards. The record must then be reported as
# Qomon.WriteOutcomeUnknown ("may or may not have been applied: check it"), never as plainly failed, or the summary
# would miss a write that did happen. A -Replace -Force sends its PATCH without a read; the emulator holds it 6 s
# (applied at the end, past the client's 3 s timeout); once the PATCH is admitted, slow responses stop and writes
# cost more than the bucket holds, so the read back answers at once ("not applied" yet) and the resend meets 429
# until the client gives up.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 5 -Settings @{ burst = 100; rate = 1; randomSeed = 3 }
    $script:id = [long](Get-QomonContact -First 1).id
    $script:before = (Get-ContactHistory $script:emulator $script:id).Count
    $ready = [System.Threading.ManualResetEventSlim]::new($false)
    $go = [System.Threading.ManualResetEventSlim]::new($false)
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
            param($module, $url, $key, $id, $ready, $go)
            Import-Module $module
            Connect-Qomon -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -BaseUri $url -SkipValidation -TimeoutSec 3 -MaxRetryCount 2 -RetryTimeLimitSec 8
            $null = Get-QomonForm   # cached: the Set below sends its PATCH and nothing before it
            $ready.Set(); $go.Wait()
            @{ Id = $id; firstname = 'Lou'; surname = 'Martin'; mobile = '+33 7 00 00 00 01' } |
                Set-QomonContact -Replace -Force -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
            [pscustomobject]@{ Errors = @($failures); Summary = ($info | Where-Object Tags -Contains 'Qomon.Summary').MessageData }
        }).AddArgument($env:QOMON_TEST_MODULE).AddArgument($script:emulator.Url).AddArgument($script:emulator.ApiKey).AddArgument($script:id).AddArgument($ready).AddArgument($go)
    $running = $ps.BeginInvoke()
    if (-not $ready.Wait(60000)) { throw 'The writing runspace did not get ready.' }
    Set-EmulatorConfig $script:emulator @{ slowRate = 1; slowMs = 6000; retryAfter = 'seconds' }
    $tokensBefore = (Get-EmulatorStats $script:emulator).tokensSpent
    $go.Set()
    # Once the PATCH is admitted (5 tokens), no response is slow any more and no later PATCH fits the bucket.
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ((Get-EmulatorStats $script:emulator).tokensSpent -lt $tokensBefore + 5 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
    Set-EmulatorConfig $script:emulator @{ slowRate = 0; costWrite = 1000 }
    $script:result = $ps.EndInvoke($running) | Select-Object -First 1
    $ps.Dispose()
    # The held PATCH lands 6 s after it was admitted.
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while ((Get-ContactHistory $script:emulator $script:id).Count -eq $script:before -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'A lost write, read back too early, whose resend is refused' {
    It 'really was written by the first, lost attempt' {
        $history = (Get-ContactHistory $script:emulator $script:id)
        $history.Count | Should -Be ($script:before + 1)
        $history[-1].mobile | Should -Be '+33 7 00 00 00 01'
        $history[-1].firstname | Should -Be 'Lou'
    }

    It 'is reported as an unknown outcome naming the contact, not as a plain failure' {
        $script:result.Errors.Count | Should -Be 1
        $script:result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.WriteOutcomeUnknown*'
        $script:result.Errors[0].TargetObject | Should -Be $script:id
        $script:result.Errors[0].ToString() | Should -Match 'may or may not have been applied'
    }

    It 'is never counted as updated' {
        $script:result.Summary.Updated | Should -Be 0
    }
}

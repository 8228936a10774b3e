# The summary a write command ends with, as a script decides on it: the information record tagged Qomon.Summary
# whose MessageData is a Qomon.RunSummary, the same for Set-, New- and Remove-QomonContact, and the -WhatIf total.
# How a scheduled script turns it into an exit code is the README's scheduled-run-exit-code recipe, run in a child
# pwsh by Readme.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 30
    $script:ids = @(Get-QomonContact -First 30 | ForEach-Object { [long]$_.id })

    function Get-RunSummary($Information) { @($Information | Where-Object Tags -Contains 'Qomon.Summary').MessageData }

    # The lines a -WhatIf run writes the way Write-Host does (the total), not ShouldProcess's own lines.
    function Get-HostLine($Records) { @($Records | Where-Object { $_ -is [System.Management.Automation.InformationRecord] -and $_.Tags -contains 'PSHOST' } | ForEach-Object { "$($_.MessageData)" }) }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'The run summary' {
    It 'counts a Set-QomonContact run record by record, with the tokens the emulator counted and the time it took' {
        $tokensBefore = (Get-EmulatorStats $script:emulator).tokensSpent
        $rows = @(
            @{ Id = $script:ids[0]; mobile = '+33 6 11 22 33 01' }
            @{ Id = $script:ids[1]; mobile = '+33 6 11 22 33 02' }
            @{ Id = $script:ids[2]; surname = (Get-QomonContact -Id $script:ids[2]).surname }
            @{ Id = 99999999; mobile = '+33 6 11 22 33 03' }
            @{ Id = $script:ids[3]; 'form:No such form' = 'x' }
        )
        $tokensBefore += 1   # the read of the unchanged row's surname above
        $rows | Set-QomonContact -InformationVariable info -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $summary = Get-RunSummary $info
        $summary.Count | Should -Be 1
        $summary[0].pstypenames[0] | Should -Be 'Qomon.RunSummary'
        $summary[0].Command | Should -Be 'Set-QomonContact'
        $summary[0].Updated | Should -Be 2
        $summary[0].Unchanged | Should -Be 1
        $summary[0].Failed | Should -Be 2
        $summary[0].Conflicts + $summary[0].OutcomeUnknown + $summary[0].Skipped | Should -Be 0
        $summary[0].Total | Should -Be 5
        $summary[0].AnyFailed | Should -BeTrue
        $summary[0].TokensSpent | Should -Be ((Get-EmulatorStats $script:emulator).tokensSpent - $tokensBefore)
        $summary[0].Elapsed | Should -BeGreaterThan ([timespan]::Zero)
        $summary[0].KeyFingerprint | Should -Be (Get-QomonConnection).KeyFingerprint
    }

    It 'is the same object for New-QomonContact and Remove-QomonContact' {
        $created = New-QomonContact -Property @{ firstname = 'Run'; surname = 'Summary' } -InformationVariable newInfo
        $created.id, 99999998 | Remove-QomonContact -Confirm:$false -InformationVariable removeInfo -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $new = Get-RunSummary $newInfo
        $new.pstypenames[0] | Should -Be 'Qomon.RunSummary'
        $new.Created | Should -Be 1
        $new.AnyFailed | Should -BeFalse
        $removed = Get-RunSummary $removeInfo
        $removed.pstypenames[0] | Should -Be 'Qomon.RunSummary'
        $removed.Removed | Should -Be 1
        $removed.Failed | Should -Be 1
        "$removed" | Should -BeLike 'Remove-QomonContact: 1 removed, 1 failed (2 tokens, * s waiting for budget).'
    }

    It 'shows as a table that names the command, the key and the counts' {
        Set-QomonContact -Id $script:ids[4] -Property @{ mobile = '+33 6 11 22 33 04' } -InformationVariable info
        $text = (Get-RunSummary $info) | Out-String -Width 80
        $text | Should -Match 'Command: Set-QomonContact'
        $text | Should -Match 'Key\s+Written\s+Unchanged\s+Conflicts\s+Failed\s+Unknown\s+Skipped\s+Elapsed\s+Tokens'
        $text | Should -Match ('{0}\s+1\s+0\s+0\s+0\s+0\s+0\s+\d\d:\d\d:\d\d\s+6' -f (Get-QomonConnection).KeyFingerprint)
    }
}

Describe '-WhatIf' {
    It 'ends with what the run would have done: "would update N contacts; N unchanged", and failures' {
        $rows = @(
            @{ Id = $script:ids[10]; mobile = '+33 6 99 00 00 10' }
            @{ Id = $script:ids[11]; mobile = '+33 6 99 00 00 11' }
            @{ Id = $script:ids[12]; mobile = '+33 6 99 00 00 12' }
            @{ Id = $script:ids[13]; surname = (Get-QomonContact -Id $script:ids[13]).surname }
            @{ Id = 99999999; mobile = '+33 6 99 00 00 13' }
        )
        $writes = Get-WriteCount $script:emulator
        $records = $rows | Set-QomonContact -WhatIf -InformationVariable info -ErrorAction SilentlyContinue 6>&1
        Get-HostLine $records | Should -Be 'What if: Set-QomonContact would update 3 contacts; 1 unchanged, 1 failed.'
        (Get-RunSummary $info).WhatIf | Should -BeTrue
        (Get-RunSummary $info).Skipped | Should -Be 3
        Get-WriteCount $script:emulator | Should -Be $writes
    }

    It 'says "would remove" and "would create" for the other write commands' {
        Get-HostLine ($script:ids[20..21] | Remove-QomonContact -WhatIf 6>&1) | Should -Be 'What if: Remove-QomonContact would remove 2 contacts.'
        Get-HostLine (New-QomonContact -Property @{ firstname = 'Not'; surname = 'Created' } -WhatIf 6>&1) | Should -Be 'What if: New-QomonContact would create 1 contact.'
    }

    It 'writes no total without -WhatIf' {
        Get-HostLine (Set-QomonContact -Id $script:ids[22] -Property @{ mobile = '+33 6 99 00 00 22' } 6>&1) | Should -BeNullOrEmpty
    }
}

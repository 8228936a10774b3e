# Issue 13 at Qomon's real bucket shape (burst 100, 10 tokens/s), with its 2 s upsert delay and 2 s search-index
# lag: contacts from Get-QomonContact -All are upserted, verified by search page, and two that carry a value Qomon
# drops in silence go by PATCH after the wait. Upserts, checks, verifying reads and fallbacks share the
# connection's one budget: no 429 once the connection knows what an upsert costs. Few contacts, so that the file
# stays short at 10 tokens/s (FakeTime does not reach across processes). No timing is asserted.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 60 -Settings @{ burst = 100; rate = 10; 'upsert-delay-ms' = 2000; 'search-index-delay-ms' = 2000 }
    Send-UpsertProbe
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Get-QomonContact -All | Set-QomonContact -WriteMethod Upsert at 10 tokens/s' {
    BeforeAll {
        $contacts = @(Get-QomonContact -All)
        foreach ($contact in $contacts) { $contact.surname = "Real$($contact.id)" }
        # The module's cached forms list a value the space does not have: the client accepts it, Qomon drops the upsert.
        $form = Get-QomonForm | Where-Object Label -EQ 'Main concern'
        $form.RefValues.Add([Qomon.Client.Model.QomonRefValue]@{ Id = 999003; FormId = $form.Id; Value = 'juggling'; Label = 'Juggling' })
        $script:dropped = @($contacts | Where-Object { $_.Answers.psobject.Properties['Main concern'] } | Select-Object -First 2 | ForEach-Object id)
        $script:dropped.Count | Should -Be 2 -Because 'the seed answers Main concern for some contacts'
        try {
            foreach ($contact in $contacts | Where-Object { $script:dropped -contains $_.id }) { $contact.Answers.'Main concern' = 'Juggling' }
            $script:traffic = Measure-EmulatorTraffic $script:emulator {
                $contacts | Set-QomonContact -WriteMethod Upsert -BatchSize 60 -ThrottleLimit 32 -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
                [pscustomobject]@{ Errors = @($errors); Summary = @($info | Where-Object { $_.Tags -contains 'Qomon.Summary' })[-1].MessageData }
            }
        }
        finally { $null = $form.RefValues.Remove(($form.RefValues | Where-Object Id -EQ 999003)) }
        $script:contacts = $contacts
    }

    It 'meets no 429' {
        $script:traffic.Throttled | Should -Be 0
    }

    It 'updates every other contact by upsert, once' {
        $summary = $script:traffic.Output.Summary
        $summary.UpdatedByUpsert | Should -Be ($script:contacts.Count - 2)
        foreach ($contact in $script:contacts | Where-Object { $script:dropped -notcontains $_.id }) {
            $history = Get-ContactHistory $script:emulator -Id $contact.id
            $history.Count | Should -Be 2
            $history[-1].surname | Should -Be "Real$($contact.id)"
        }
    }

    It 'ends the two dropped upserts as the PATCH fallback''s 422, with Qomon''s reason, and writes nothing for them' {
        $summary = $script:traffic.Output.Summary
        $summary.UpsertFallbacks | Should -Be 2
        $summary.Failed | Should -Be 2
        $script:traffic.Output.Errors.Count | Should -Be 2
        $script:traffic.Output.Errors | ForEach-Object { $_.ErrorDetails.Message | Should -BeLike '*422*is not a value of form*' }
        foreach ($id in $script:dropped) { (Get-ContactHistory $script:emulator -Id $id).Count | Should -Be 1 }
    }
}

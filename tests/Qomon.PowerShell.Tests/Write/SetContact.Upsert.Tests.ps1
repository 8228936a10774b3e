# Set-QomonContact -WriteMethod: Upsert sends only the changed fields by POST /contacts/upsert and reports a record
# updated only once a read shows it applied; a change upsert cannot say goes by PATCH; an upsert Qomon drops in
# silence ends by PATCH with Qomon's own answer; input from Get-QomonContact is not read again; Patch is the old path;
# Auto turns to PATCH when upsert costs as much. Each test asserts on what the emulator saw and stored.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 80 -Settings @{ burst = 100; rate = 500; 'upsert-delay-ms' = 300 }
    $script:ids = @(Get-QomonContact -First 80 | ForEach-Object id)

    # What a write sent: the requests on a route during the command (0 when none).
    function Get-Sent($Traffic, [string] $Route) { [int] $Traffic.Routes[$Route] }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Set-QomonContact -WriteMethod Upsert' {
    It 'applies a field change by one upsert and no PATCH, and reports it updated with the value read back' {
        $id = $script:ids[0]
        $before = (Get-EmulatorStats $script:emulator).upsertsApplied
        $traffic = Measure-EmulatorTraffic $script:emulator {
            $stored = Set-QomonContact -Id $id -Property @{ firstname = 'Upserted' } -WriteMethod Upsert -PassThru -InformationVariable info
            [pscustomobject]@{ Stored = $stored; Summary = $info.MessageData }
        }
        Get-Sent $traffic 'POST /contacts/upsert' | Should -Be 1
        Get-Sent $traffic 'PATCH /contacts/{id}' | Should -Be 0
        # Qomon applies the upsert 300 ms after its 202: the contact written out is the read that saw it applied.
        $traffic.Output.Stored.firstname | Should -Be 'Upserted'
        (Get-EmulatorStats $script:emulator).upsertsApplied | Should -Be ($before + 1)
        $history = Get-ContactHistory $script:emulator -Id $id
        $history.Count | Should -Be 2
        $history[-1].firstname | Should -Be 'Upserted'
        $history[-1].surname | Should -Be $history[0].surname
        $summary = $traffic.Output.Summary
        $summary.Updated | Should -Be 1
        $summary.UpdatedByUpsert | Should -Be 1
        $summary.UpdatedByPatch | Should -Be 0
        $summary.UpsertFallbacks | Should -Be 0
    }

    It 'sends by PATCH a change upsert cannot express, and says why in -Verbose' {
        $id = $script:ids[1]
        $contact = Get-QomonContact -Id $id
        $contact.mobile | Should -Not -BeNullOrEmpty
        $traffic = Measure-EmulatorTraffic $script:emulator {
            $verbose = Set-QomonContact -Id $id -Property @{ mobile = $null } -WriteMethod Upsert -Verbose -InformationVariable info 4>&1
            [pscustomobject]@{ Verbose = @($verbose | ForEach-Object Message); Summary = $info.MessageData }
        }
        Get-Sent $traffic 'POST /contacts/upsert' | Should -Be 0
        Get-Sent $traffic 'PATCH /contacts/{id}' | Should -Be 1
        $traffic.Output.Verbose -match "by PATCH \(clears 'mobile'\)" | Should -Not -BeNullOrEmpty
        (Get-ContactHistory $script:emulator -Id $id)[-1].mobile | Should -BeNullOrEmpty
        $traffic.Output.Summary.UpdatedByPatch | Should -Be 1
        $traffic.Output.Summary.UpdatedByUpsert | Should -Be 0
    }

    It 'says under -WhatIf which way each record would go, and writes nothing' {
        $id = $script:ids[2]
        $transcript = Join-Path $TestDrive 'whatif.txt'
        $traffic = Measure-EmulatorTraffic $script:emulator {
            $null = Start-Transcript -Path $transcript
            try {
                Set-QomonContact -Id $id -Property @{ firstname = 'Never' } -WriteMethod Upsert -WhatIf
                Set-QomonContact -Id $id -Property @{ mail = $null } -WriteMethod Upsert -WhatIf
            }
            finally { $null = Stop-Transcript }
        }
        $text = Get-Content $transcript -Raw
        $text | Should -BeLike '*What if: Performing the operation "Update fields: firstname (by upsert, verified by a read)"*'
        $text | Should -BeLike "*What if: Performing the operation ""Update fields: mail (by PATCH: clears 'mail')""*"
        Get-Sent $traffic 'POST /contacts/upsert' | Should -Be 0
        Get-Sent $traffic 'PATCH /contacts/{id}' | Should -Be 0
        (Get-ContactHistory $script:emulator -Id $id).Count | Should -Be 1
    }

    It 'makes no second read of contacts piped from Get-QomonContact, and verifies them by search page' {
        $piped = @($script:ids[10..19])
        $contacts = @($piped | ForEach-Object { Get-QomonContact -Id $_ })
        foreach ($contact in $contacts) { $contact.firstname = "Bulk$($contact.id)" }
        $traffic = Measure-EmulatorTraffic $script:emulator {
            # Not -ErrorAction Stop (Pester's preference here), which writes one record at a time.
            $contacts | Set-QomonContact -WriteMethod Upsert -InformationVariable info -ErrorAction Continue
            $info
        }
        Get-Sent $traffic 'GET /contacts/{id}' | Should -Be 0
        Get-Sent $traffic 'POST /contacts/upsert' | Should -Be 10
        Get-Sent $traffic 'PATCH /contacts/{id}' | Should -Be 0
        Get-Sent $traffic 'POST /search' | Should -BeLessThan 10
        $traffic.Output.MessageData.UpdatedByUpsert | Should -Be 10
        foreach ($id in $piped) { (Get-ContactHistory $script:emulator -Id $id)[-1].firstname | Should -Be "Bulk$id" }
    }

    It 'ends an upsert Qomon dropped in silence (a value removed since the forms were read) as the PATCH fallback''s 422, with Qomon''s reason' {
        $id = $script:ids[5]
        # The module's cached forms still list a value the space no longer has: the client accepts it, Qomon does not.
        $form = Get-QomonForm | Where-Object Label -EQ 'Main concern'
        $form.RefValues.Add([Qomon.Client.Model.QomonRefValue]@{ Id = 999002; FormId = $form.Id; Value = 'juggling'; Label = 'Juggling' })
        try {
            $before = (Get-EmulatorStats $script:emulator).upsertsDropped
            $traffic = Measure-EmulatorTraffic $script:emulator {
                Set-QomonContact -Id $id -Property @{ 'form:Main concern' = 'Juggling' } -WriteMethod Upsert -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
                [pscustomobject]@{ Errors = @($errors); Summary = $info.MessageData }
            }
        }
        finally { $null = $form.RefValues.Remove(($form.RefValues | Where-Object Id -EQ 999002)) }
        (Get-EmulatorStats $script:emulator).upsertsDropped | Should -Be ($before + 1)
        Get-Sent $traffic 'POST /contacts/upsert' | Should -Be 1
        Get-Sent $traffic 'PATCH /contacts/{id}' | Should -Be 1
        $traffic.Output.Errors.Count | Should -Be 1
        $traffic.Output.Errors[0].ErrorDetails.Message | Should -BeLike '*422*is not a value of form*'
        $traffic.Output.Summary.Failed | Should -Be 1
        $traffic.Output.Summary.UpsertFallbacks | Should -Be 1
        (Get-ContactHistory $script:emulator -Id $id).Count | Should -Be 1
    }

    It 'ends an upsert Qomon dropped in silence (the contact deleted meanwhile) as an error from the PATCH fallback, counted as a fallback' {
        $id = $script:ids[20]
        $contact = Get-QomonContact -Id $id
        $contact.firstname = 'Gone'
        Remove-QomonContact -Id $id -Confirm:$false
        $before = (Get-EmulatorStats $script:emulator).upsertsDropped
        $contact | Set-QomonContact -WriteMethod Upsert -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
        (Get-EmulatorStats $script:emulator).upsertsDropped | Should -Be ($before + 1)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.ContactNotFound*'
        $info.MessageData.Failed | Should -Be 1
        $info.MessageData.UpsertFallbacks | Should -Be 1
        $info.MessageData.Updated | Should -Be 0
    }
}

Describe 'Set-QomonContact -Replace -WriteMethod Upsert' {
    It 'replaces by PATCH, and says in -Verbose that -WriteMethod does not apply' {
        $id = $script:ids[4]
        $contact = Get-QomonContact -Id $id
        $contact.firstname = 'Replaced'
        $traffic = Measure-EmulatorTraffic $script:emulator {
            @($contact | Set-QomonContact -Replace -Force -WriteMethod Upsert -Verbose 4>&1 | ForEach-Object Message)
        }
        $traffic.Output -like '*-WriteMethod Upsert does not apply: -Replace sets the whole contact*' | Should -Not -BeNullOrEmpty
        Get-Sent $traffic 'POST /contacts/upsert' | Should -Be 0
        Get-Sent $traffic 'PATCH /contacts/{id}' | Should -Be 1
        (Get-ContactHistory $script:emulator -Id $id)[-1].firstname | Should -Be 'Replaced'
    }
}

Describe 'Set-QomonContact -WriteMethod Patch' {
    It 'reads and PATCHes as before, with no upsert' {
        $id = $script:ids[3]
        $traffic = Measure-EmulatorTraffic $script:emulator {
            Set-QomonContact -Id $id -Property @{ firstname = 'Patched' } -WriteMethod Patch -InformationVariable info
            Set-QomonContact -Id $id -Property @{ surname = 'Default' } -InformationVariable info2
            $info; $info2
        }
        Get-Sent $traffic 'POST /contacts/upsert' | Should -Be 0
        Get-Sent $traffic 'GET /contacts/{id}' | Should -Be 2
        Get-Sent $traffic 'PATCH /contacts/{id}' | Should -Be 2
        $traffic.Output.MessageData.Updated | Should -Be 1, 1
        $traffic.Output.MessageData.UpdatedByUpsert | Should -Be 0, 0
        (Get-ContactHistory $script:emulator -Id $id)[-1].firstname | Should -Be 'Patched'
    }
}

Describe 'Set-QomonContact -WriteMethod Auto when an upsert costs 5 tokens' {
    BeforeAll { Set-EmulatorConfig $script:emulator @{ 'cost-upsert' = 5 } }

    It 'learns the cost and writes most records by PATCH' {
        # Eight records in flight are chosen before the first is measured; over 40 records most go by PATCH.
        $batch = @($script:ids[40..79])
        $traffic = Measure-EmulatorTraffic $script:emulator {
            Set-QomonContact -Id $batch -Property @{ firstname = 'Auto' } -WriteMethod Auto -InformationVariable info -ErrorAction Continue
            $info
        }
        $summary = $traffic.Output.MessageData
        $summary.Updated | Should -Be $batch.Count
        $summary.UpdatedByPatch | Should -BeGreaterThan $summary.UpdatedByUpsert
        Get-Sent $traffic 'POST /contacts/upsert' | Should -Be $summary.UpdatedByUpsert
        Get-Sent $traffic 'PATCH /contacts/{id}' | Should -Be $summary.UpdatedByPatch
        foreach ($id in $batch) { (Get-ContactHistory $script:emulator -Id $id)[-1].firstname | Should -Be 'Auto' }
    }
}

Describe 'Set-QomonContact -WriteMethod Auto under -ErrorAction Stop' {
    BeforeAll { Set-EmulatorConfig $script:emulator @{ 'cost-upsert' = 1 } }

    It 'writes by PATCH, one record at a time, and says why in -Verbose' {
        # Under Stop records are written one at a time; an upsert waiting seconds for Qomon would make the run crawl.
        $batch = @($script:ids[30..34])
        $traffic = Measure-EmulatorTraffic $script:emulator {
            Set-QomonContact -Id $batch -Property @{ surname = 'Stopper' } -WriteMethod Auto -ErrorAction Stop -Verbose -InformationVariable info 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            $info | Where-Object Tags -Contains 'Qomon.Summary' | ForEach-Object MessageData
        }
        Get-Sent $traffic 'POST /contacts/upsert' | Should -Be 0
        Get-Sent $traffic 'PATCH /contacts/{id}' | Should -Be $batch.Count
        $traffic.Output | Where-Object { $_ -is [string] } | Where-Object { $_ -like '*-WriteMethod Auto writes by PATCH under -ErrorAction Stop*' } | Should -HaveCount 1
        ($traffic.Output | Where-Object { $_ -isnot [string] }).Updated | Should -Be $batch.Count
        foreach ($id in $batch) { (Get-ContactHistory $script:emulator -Id $id)[-1].surname | Should -Be 'Stopper' }
    }
}

# Issue 13: no upserted record is reported updated before a read shows it applied, however the answer or the read
# is delayed. A lost 202 (Qomon applied the upsert but its answer never came: the emulator holds upserts, and only
# upserts, past the client's timeout, then applies them; fault-routes) ends Updated once a read shows it and is
# never sent twice; input read by Get-QomonContact -All is verified by search pages despite the search index's
# 2 s lag, with no record read by GET and none written by PATCH.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 60 -Settings @{ burst = 100; rate = 500; 'upsert-delay-ms' = 300 }
    $script:ids = @(Get-QomonContact -First 60 | ForEach-Object { [long]$_.id })
    $script:profileLag = (Invoke-RestMethod -Uri "$($script:emulator.Url)/_emulator/config").searchIndexDelayMs

    function Get-Summary($Info) { @($Info | Where-Object { $_.Tags -contains 'Qomon.Summary' })[-1].MessageData }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'An upsert Qomon applied but whose 202 was lost' {
    BeforeAll {
        # The upsert is held 3 s, past this connection's 2 s timeout, then applied 300 ms later; reads answer at once.
        $impatient = Connect-TestEmulator $script:emulator -PassThru -Parameters @{ TimeoutSec = 2 }
        $script:byId = @($script:ids[0..4])
        $piped = @(Get-QomonContact -Id $script:ids[5..9] -Connection $impatient)
        foreach ($contact in $piped) { $contact.firstname = 'Lost202' }
        $script:piped = @($piped | ForEach-Object id)
        $faultsBefore = (Get-EmulatorStats $script:emulator).faultsInjected
        Set-EmulatorConfig $script:emulator @{ faultRoutes = 'POST /contacts/upsert'; slowRate = 1; slowMs = 3000 }
        try {
            $script:traffic = Measure-EmulatorTraffic $script:emulator {
                # By id the upserts are verified by GET; piped from Get-QomonContact, by search page.
                $verbose = @(
                    Set-QomonContact -Id $script:byId -Property @{ firstname = 'Lost202' } -WriteMethod Upsert -Connection $impatient -Verbose -ErrorAction Continue -InformationVariable byIdInfo 4>&1
                    $piped | Set-QomonContact -WriteMethod Upsert -Connection $impatient -Verbose -ErrorAction Continue -InformationVariable pipedInfo 4>&1
                )
                [pscustomobject]@{ Verbose = @($verbose | ForEach-Object Message); ById = Get-Summary $byIdInfo; Piped = Get-Summary $pipedInfo }
            }
        }
        finally { Set-EmulatorConfig $script:emulator @{ slowRate = 0; faultRoutes = 'all' } }
        $script:faults = (Get-EmulatorStats $script:emulator).faultsInjected - $faultsBefore
    }

    It 'lost the answer of every upsert, and of nothing else' {
        $script:faults | Should -Be 10
        @($script:traffic.Output.Verbose -like "*the upsert's answer was lost; reading the contact*").Count | Should -Be 10
    }

    It 'reports every record updated by upsert once a read showed it applied, with no fallback' {
        foreach ($summary in $script:traffic.Output.ById, $script:traffic.Output.Piped) {
            $summary.UpdatedByUpsert | Should -Be 5
            $summary.UpsertFallbacks | Should -Be 0
            $summary.Failed + $summary.OutcomeUnknown | Should -Be 0
        }
    }

    It 'sent each upsert once and wrote nothing by PATCH: one new version per contact' {
        $script:traffic.Routes['POST /contacts/upsert'] | Should -Be 10
        [int]$script:traffic.Routes['PATCH /contacts/{id}'] | Should -Be 0
        foreach ($id in $script:byId + $script:piped) {
            $history = Get-ContactHistory $script:emulator -Id $id
            $history.Count | Should -Be 2 -Because "contact $id was written once"
            $history[-1].firstname | Should -Be 'Lost202'
        }
    }
}

Describe 'Input from Get-QomonContact -All while the search index lags 2 s behind writes' {
    BeforeAll {
        Set-EmulatorConfig $script:emulator @{ searchIndexDelayMs = 2000; upsertDelayMs = 2000 }
        try {
            $script:range = @($script:ids[20..59])
            $contacts = @(Get-QomonContact -All | Where-Object { $script:range -contains $_.id })
            foreach ($contact in $contacts) { $contact.surname = "Lagged$($contact.id)" }
            $script:traffic = Measure-EmulatorTraffic $script:emulator {
                $contacts | Set-QomonContact -WriteMethod Upsert -BatchSize 40 -ThrottleLimit 40 -ErrorAction Continue -InformationVariable info
                Get-Summary $info
            }
        }
        finally { Set-EmulatorConfig $script:emulator @{ searchIndexDelayMs = $script:profileLag; upsertDelayMs = 300 } }
    }

    It 'verifies every record by upsert and none falls back to PATCH' {
        $script:traffic.Output.UpdatedByUpsert | Should -Be 40
        $script:traffic.Output.UpsertFallbacks | Should -Be 0
        [int]$script:traffic.Routes['PATCH /contacts/{id}'] | Should -Be 0
    }

    It 'reads no contact by GET: search pages serve both the check for changes since the read and the verification' {
        [int]$script:traffic.Routes['GET /contacts/{id}'] | Should -Be 0
        $script:traffic.Routes['POST /search'] | Should -BeLessThan 20
    }

    It 'stores each new value once' {
        foreach ($id in $script:range) {
            $history = Get-ContactHistory $script:emulator -Id $id
            $history.Count | Should -Be 2
            $history[-1].surname | Should -Be "Lagged$id"
        }
    }
}

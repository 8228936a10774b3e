# The default write method, Auto, on the bad API of BadBody.Bulk.Tests.ps1. Auto reads the bases by GET (or takes
# them from search pages), writes by upsert (202, no body) and sees each upsert applied on a shared search page or by
# GET before it reports it. So a bad answer can meet a base read or a verification read:
# - a bad base must end its record with nothing written (Qomon.UnexpectedResponse);
# - a bad verification page or GET must never make a record count as updated, nor fail one that was applied: the
#   record is verified again.
# Two bulk merges of 1,000 contacts: one with 15% bad bodies on every read route, one with 60% of the search pages bad
# and every other answer good. After each, the history proves nothing was written from a bad base (every version the
# run stored differs from the one before only in mobile, set to the intended value), and every record is accounted
# for once. Which request meets which bad body depends on the order of concurrent requests, so no assertion names a
# contact.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Write/WriteTestHelpers.psm1') -Force

    # One merge of every seeded contact's mobile by the default write method under bad-body-rate; what it did and what
    # the emulator's history shows after it.
    # BucketRate: tokens per second. Fast by default; a slower bucket spreads the run over many verification pages
    # (they gather the records that ask within 1.5 s, so a run sent within a second needs one page).
    function Invoke-BadBodyMerge([double] $Rate, [string] $Routes, [int] $Seed, [int] $BucketRate = 2000) {
        $emulator = Start-TestEmulator -Seed 1000 -Settings @{ burst = 100; rate = $BucketRate; randomSeed = 11 }
        try {
            Connect-TestEmulator $emulator
            $null = Get-QomonForm
            $all = @(Get-QomonContact -All | ForEach-Object { [long]$_.id })
            $versionsBefore = @{}
            foreach ($id in $all) { $versionsBefore[$id] = (Get-ContactHistory $emulator $id).Count }

            Set-EmulatorConfig $emulator @{ badBodyRate = $Rate; badBodyKinds = 'all'; badBodyRoutes = $Routes; randomSeed = $Seed }
            $before = Get-EmulatorStats $emulator
            $upsertsBefore = Get-EmulatorRequestCount $emulator 'POST /contacts/upsert'
            $searchesBefore = Get-EmulatorRequestCount $emulator 'POST /search'
            $runErrors = $null
            $info = $null
            $output = @($all | ForEach-Object { @{ Id = $_; mobile = (Get-IntendedMobile $_) } } |
                    Set-QomonContact -PassThru -BatchSize 100 -ErrorVariable runErrors -ErrorAction SilentlyContinue -InformationVariable info)
            Set-EmulatorConfig $emulator @{ badBodyRate = 0 }
            $after = Get-EmulatorStats $emulator

            $byKind = @{}
            foreach ($kind in $after.badBodies.psobject.Properties.Name) {
                $was = $before.badBodies.psobject.Properties[$kind]
                $byKind[$kind] = $after.badBodies.$kind - $(if ($was) { $was.Value } else { 0 })
            }
            $redirects = $after.requests.'POST /search'.psobject.Properties['302']
            $redirectsBefore = $before.requests.'POST /search'.psobject.Properties['302']
            $run = [pscustomobject]@{
                All            = $all
                VersionsBefore = $versionsBefore
                Errors         = @($runErrors)
                Summary        = @($info | Where-Object { $_.Tags -contains 'Qomon.Summary' })[-1].MessageData
                OutputIds      = @($output | ForEach-Object { [long]$_.id })
                FailedIds      = @($runErrors | ForEach-Object { [long]$_.TargetObject })
                ByKind         = $byKind
                BadBodies      = [int](($byKind.Values | Measure-Object -Sum).Sum)
                # Bad search pages the stats can tell apart: redirects on the search route, and pages missing an id.
                BadSearchPages = $(if ($redirects) { $redirects.Value } else { 0 }) - $(if ($redirectsBefore) { $redirectsBefore.Value } else { 0 }) + [int]$byKind['search-missing-id']
                Searches       = (Get-EmulatorRequestCount $emulator 'POST /search') - $searchesBefore
                Upserts        = (Get-EmulatorRequestCount $emulator 'POST /contacts/upsert') - $upsertsBefore
                History        = @{}
            }
            foreach ($id in $all) { $run.History[$id] = Get-ContactHistory $emulator $id }
            Write-Host ("    1,000 contacts by Auto: {0} updated ({1} by upsert, {2} by PATCH), {3} failed; {4} bad bodies ({5}); {6} searches, {7} of them bad at least; {8} upserts; errors: {9}" -f
                $run.OutputIds.Count, $run.Summary.UpdatedByUpsert, $run.Summary.UpdatedByPatch, $run.FailedIds.Count, $run.BadBodies,
                (($byKind.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', '), $run.Searches, $run.BadSearchPages, $run.Upserts,
                (($run.Errors | Group-Object { $_.FullyQualifiedErrorId.Split(',')[0] } | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '))
            $run
        }
        finally {
            Disconnect-Qomon -ErrorAction SilentlyContinue
            Stop-TestEmulator $emulator
        }
    }

    function Get-IntendedMobile([long] $Id) { "+33 7 16 $Id" }

    function Get-VersionNotFromTheRun($Run) {
        foreach ($id in $Run.All) {
            $versions = $Run.History[$id]
            for ($v = $Run.VersionsBefore[$id]; $v -lt $versions.Count; $v++) {
                $changed = Get-ChangedField -Before $versions[$v - 1] -After $versions[$v]
                if (($changed -join ',') -ne 'mobile' -or $versions[$v].mobile -ne (Get-IntendedMobile $id)) { "contact $id version $($v + 1): changed $($changed -join ', ')" }
            }
        }
    }

    function Assert-EveryRecordOnce($Run) {
        @($Run.OutputIds + $Run.FailedIds | Sort-Object) | Should -Be @($Run.All | Sort-Object)
        @($Run.FailedIds | Sort-Object -Unique).Count | Should -Be $Run.FailedIds.Count
        $Run.Summary.Updated | Should -Be $Run.OutputIds.Count
        $Run.Summary.Failed + $Run.Summary.OutcomeUnknown | Should -Be $Run.FailedIds.Count
        foreach ($id in $Run.OutputIds) {
            $Run.History[$id][-1].mobile | Should -Be (Get-IntendedMobile $id) -Because "contact $id was reported updated"
            $Run.History[$id].Count | Should -Be ($Run.VersionsBefore[$id] + 1) -Because "contact $id was written once"
        }
    }
}

Describe 'A bulk merge of 1,000 contacts by Auto (the default) with 15% bad bodies on every read' {
    BeforeAll { $script:run = Invoke-BadBodyMerge -Rate 0.15 -Routes 'GET /contacts/{id},POST /search' -Seed 16 }

    It 'met bad bodies, and wrote by upsert' {
        $script:run.BadBodies | Should -BeGreaterThan 50
        $script:run.Upserts | Should -BeGreaterThan 500
        $script:run.Summary.UpdatedByUpsert | Should -BeGreaterThan 500
    }

    It 'stored no version built from a bad base: each differs from the one before only in mobile, set to the intended value' {
        @(Get-VersionNotFromTheRun $script:run) | Should -BeNullOrEmpty
    }

    It 'accounts for every record once: updated (output, written once, holding the value) or reported by id' {
        Assert-EveryRecordOnce $script:run
    }

    It 'ends a record whose base read was bad as Qomon.UnexpectedResponse, with nothing written for that contact' {
        $unexpected = @($script:run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'Qomon.UnexpectedResponse,*' })
        $unexpected.Count | Should -BeGreaterThan 0
        @($script:run.Errors | Where-Object { $_ -notin $unexpected }) | Should -BeNullOrEmpty
        foreach ($e in $unexpected) {
            $e.CategoryInfo.Category | Should -Be 'InvalidResult'
            $script:run.History[[long]$e.TargetObject].Count | Should -Be $script:run.VersionsBefore[[long]$e.TargetObject]
        }
    }
}

Describe 'A bulk merge of 1,000 contacts by Auto with 60% of its search pages bad' {
    # 200 tokens/s: about 10 s of sending, so several pages, most of them bad.
    BeforeAll { $script:run = Invoke-BadBodyMerge -Rate 0.6 -Routes 'POST /search' -Seed 17 -BucketRate 200 }

    It 'met bad search pages, and wrote by upsert' {
        $script:run.BadBodies | Should -BeGreaterThan 0
        $script:run.BadSearchPages + [int]$script:run.ByKind['data-null'] + [int]$script:run.ByKind['html'] | Should -Be $script:run.BadBodies -Because 'only search pages got bad bodies'
        $script:run.Upserts | Should -BeGreaterThan 500
        $script:run.Searches | Should -BeGreaterThan 3 -Because 'the run should meet several pages, not one'
    }

    It 'updated every contact once, by a verified upsert or its PATCH, and failed none: a bad page is read again' {
        $script:run.Errors | Should -BeNullOrEmpty
        Assert-EveryRecordOnce $script:run
        $script:run.OutputIds.Count | Should -Be 1000
    }

    It 'stored no version but the intended one' {
        @(Get-VersionNotFromTheRun $script:run) | Should -BeNullOrEmpty
    }
}

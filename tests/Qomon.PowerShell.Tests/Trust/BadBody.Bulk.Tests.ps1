# Issue 15, "Done when": a bulk merge of 1,000 contacts by PATCH while the emulator answers 5% of contact reads and
# writes with a body that is not the contact (every kind, writes applied or not by the dice). Afterwards:
# - the history proves nothing was written from a bad base: every version the run stored differs from the one
#   before it only in mobile, the field the run changed, and holds the intended value;
# - every record is accounted for: updated (output) or reported once, by id;
# - each bad answer to a read ended exactly one record in an error: a first read as Qomon.UnexpectedResponse, a
#   read-back after a write's odd answer as Qomon.WriteOutcomeUnknown "reading the contact back failed too". So
#   those errors number exactly the emulator's bad read answers (its bad bodies minus those given to writes). No
#   read is retried (no other fault is on), so each bad read is one request.
# Which request meets which bad body depends on the order of concurrent requests, so no assertion names a contact.
# The 1,000 are every seeded contact, a third of which hold the same answer twice (the merge keeps every copy).
# -WriteMethod Patch: these rules are about PATCH's answers and the read-back after an odd one. The default, Auto,
# writes by upsert, whose 202 has no body: BadBody.Upsert.Bulk.Tests.ps1 holds its own bulk run.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Write/WriteTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 1000 -Settings @{ burst = 100; rate = 2000; randomSeed = 11 }
    Connect-TestEmulator $script:emulator
    $null = Get-QomonForm
    $script:all = @(Get-QomonContact -All | ForEach-Object { [long]$_.id })
    function Get-IntendedMobile([long] $Id) { "+33 7 15 $Id" }
    $script:versionsBefore = @{}
    foreach ($id in $script:all) { $script:versionsBefore[$id] = (Get-ContactHistory $script:emulator $id).Count }
    $script:ids = $script:all

    Set-EmulatorConfig $script:emulator @{ badBodyRate = 0.05; badBodyKinds = 'all'; randomSeed = 15 }
    $before = Get-EmulatorStats $script:emulator
    $runErrors = $null
    $info = $null
    $script:output = @($script:ids | ForEach-Object { @{ Id = $_; mobile = (Get-IntendedMobile $_) } } |
            Set-QomonContact -WriteMethod Patch -PassThru -BatchSize 100 -ErrorVariable runErrors -ErrorAction SilentlyContinue -InformationVariable info)
    $script:errors = @($runErrors)
    $script:summary = @($info | Where-Object { $_.Tags -contains 'Qomon.Summary' })[-1].MessageData
    Set-EmulatorConfig $script:emulator @{ badBodyRate = 0 }
    $after = Get-EmulatorStats $script:emulator

    $script:badBodies = 0
    foreach ($kind in $after.badBodies.psobject.Properties) {
        $was = $before.badBodies.psobject.Properties[$kind.Name]
        $script:badBodies += $kind.Value - $(if ($was) { $was.Value } else { 0 })
    }
    $script:badWrites = ($after.badBodyWritesApplied - $before.badBodyWritesApplied) + ($after.badBodyWritesNotApplied - $before.badBodyWritesNotApplied)
    $script:badReads = $script:badBodies - $script:badWrites
    $script:byKind = $after.badBodies

    $script:history = @{}
    foreach ($id in $script:all) { $script:history[$id] = Get-ContactHistory $script:emulator $id }
    $script:outputIds = @($script:output | ForEach-Object { [long]$_.id })
    $script:failedIds = @($script:errors | ForEach-Object { [long]$_.TargetObject })
    $script:unexpected = @($script:errors | Where-Object { $_.FullyQualifiedErrorId -like 'Qomon.UnexpectedResponse,*' })
    $script:unknown = @($script:errors | Where-Object { $_.FullyQualifiedErrorId -like 'Qomon.WriteOutcomeUnknown,*' })
    $script:readBackFailed = @($script:unknown | Where-Object { $_.ErrorDetails.Message -like '*reading the contact back failed too*' })
    Write-Host ("    1,000 contacts: {0} updated, {1} failed; {2} bad bodies ({3} to reads, {4} to writes; {5}); {6} Qomon.UnexpectedResponse, {7} Qomon.WriteOutcomeUnknown ({8} after a failed read-back)" -f
        $script:outputIds.Count, $script:failedIds.Count, $script:badBodies, $script:badReads, $script:badWrites,
        (($script:byKind.psobject.Properties | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', '),
        $script:unexpected.Count, $script:unknown.Count, $script:readBackFailed.Count)
}

AfterAll {
    Disconnect-Qomon -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:emulator
}

Describe 'A bulk merge of 1,000 contacts with 5% bad bodies' {
    It 'met bad bodies of every contact kind, on reads and on writes' {
        $script:badReads | Should -BeGreaterThan 20
        $script:badWrites | Should -BeGreaterThan 10
        foreach ($kind in 'data-null', 'contact-null', 'contact-empty', 'other-contact', 'array', 'contact-array', 'no-formdatas', 'no-custom-fields', 'html', 'redirect') {
            $script:byKind.psobject.Properties[$kind] | Should -Not -BeNullOrEmpty -Because "the dice should pick $kind at least once in ~100 bad bodies"
        }
    }

    It 'stored no version built from a bad base: each differs from the one before only in mobile, set to the intended value' {
        $bad = foreach ($id in $script:all) {
            $versions = $script:history[$id]
            for ($v = $script:versionsBefore[$id]; $v -lt $versions.Count; $v++) {
                $changed = Get-ChangedField -Before $versions[$v - 1] -After $versions[$v]
                if (($changed -join ',') -ne 'mobile' -or $versions[$v].mobile -ne (Get-IntendedMobile $id)) { "contact $id version $($v + 1): changed $($changed -join ', ')" }
            }
        }
        @($bad) | Should -BeNullOrEmpty
    }

    It 'took 1,000 contacts and left every contact outside the input alone' {
        $script:ids.Count | Should -Be 1000
        $outside = @($script:all | Where-Object { $_ -notin $script:ids })
        $outside.Count | Should -Be ($script:all.Count - 1000)
        foreach ($id in $outside) { $script:history[$id].Count | Should -Be $script:versionsBefore[$id] }
    }

    It 'accounts for every record once: updated and output, or reported by id' {
        @($script:outputIds + $script:failedIds | Sort-Object) | Should -Be @($script:ids | Sort-Object)
        @($script:failedIds | Sort-Object -Unique).Count | Should -Be $script:failedIds.Count
        $script:summary.Updated | Should -Be $script:outputIds.Count
        $script:summary.Failed + $script:summary.OutcomeUnknown | Should -Be $script:failedIds.Count
        $script:summary.OutcomeUnknown | Should -Be $script:unknown.Count
        foreach ($id in $script:outputIds) { $script:history[$id][-1].mobile | Should -Be (Get-IntendedMobile $id) }
    }

    It 'reports a bad first read as Qomon.UnexpectedResponse, with nothing written for that contact' {
        $script:unexpected.Count | Should -BeGreaterThan 0
        foreach ($e in $script:unexpected) {
            $e.CategoryInfo.Category | Should -Be 'InvalidResult'
            $script:history[[long]$e.TargetObject].Count | Should -Be $script:versionsBefore[[long]$e.TargetObject]
        }
        @($script:errors | Where-Object { $_ -notin $script:unexpected -and $_ -notin $script:unknown }) | Should -BeNullOrEmpty
    }

    It 'ends exactly one record per bad read answer: errors from a bad first read or read-back = the emulator''s bad read answers' {
        ($script:unexpected.Count + $script:readBackFailed.Count) | Should -Be $script:badReads
    }
}

# Every recipe in README.md (a ```powershell block right after a <!-- recipe: name --> marker) runs here, as a
# user would paste it, against the emulator: Import-Module Qomon by name, Connect-Qomon from the environment, a
# stand-in for Read-Host, Get-Secret and Get-AutomationPSCredential (which only exist at a console, with
# SecretManagement, or in Azure Automation). Each recipe is then checked by what it did to the emulator's data.
BeforeDiscovery {
    $readme = Get-Content (Join-Path $PSScriptRoot '../../../README.md') -Raw
    $pattern = '<!-- recipe: (?<name>[\w-]+) -->\s*```powershell\r?\n(?<code>.*?)```'
    $script:recipes = foreach ($match in [regex]::Matches($readme, $pattern, 'Singleline')) {
        @{ Name = $match.Groups['name'].Value; Code = $match.Groups['code'].Value }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    $emulator = Start-TestEmulator -Seed 300
    $moduleRoot = Split-Path (Split-Path $env:QOMON_TEST_MODULE -Parent) -Parent
    $savedModulePath = $env:PSModulePath
    $env:PSModulePath = $moduleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
    $env:QOMON_API_KEY = $emulator.ApiKey
    $env:QOMON_BASE_URI = $emulator.Url
    $workDirectory = Join-Path ([IO.Path]::GetTempPath()) ("qomon-readme-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $workDirectory | Out-Null
    Copy-Item (Join-Path $PSScriptRoot '../../../examples/contacts-update.csv') $workDirectory

    # many-spaces: two more emulators, two spaces of a federation, each with its own key, data and budget: a small
    # bucket and a different refill each, so that each run spends several times its burst (120 and 180 tokens, about
    # 5 s at its own refill) and is paced by its own budget. Qomon's ratio of refill to burst is kept loose enough
    # that a busy machine's scheduling delays do not matter.
    $spaces = @(
        [pscustomobject]@{ Space = 'Lyon'; Emulator = (Start-TestEmulator -Seed 20 -Settings @{ burst = 20; rate = 20 }); Burst = 20 }
        [pscustomobject]@{ Space = 'Lille'; Emulator = (Start-TestEmulator -Seed 30 -Settings @{ burst = 30; rate = 30 }); Burst = 30 }
    )
    $global:QomonReadmeSecrets = @{}
    foreach ($space in $spaces) { $global:QomonReadmeSecrets["Qomon-$($space.Space)"] = $space.Emulator.SecureApiKey }
    $spaces | ForEach-Object { [pscustomobject]@{ Space = $_.Space; KeySecret = "Qomon-$($_.Space)"; BaseUri = $_.Emulator.Url } } |
        Export-Csv (Join-Path $workDirectory 'spaces.csv') -NoTypeInformation
    # scheduled-run-exit-code runs as the scheduled task would: a child pwsh -NonInteractive -File.
    Import-Module (Join-Path $PSScriptRoot '../Trust/TrustHelpers.psm1') -Force

    $global:QomonReadmeKey = $emulator.SecureApiKey
    function global:Read-Host { param([switch] $AsSecureString, [Parameter(ValueFromRemainingArguments)] $Prompt) $global:QomonReadmeKey }
    function global:Get-Secret { param([string] $Name) if ($global:QomonReadmeSecrets.ContainsKey($Name)) { $global:QomonReadmeSecrets[$Name] } else { $global:QomonReadmeKey } }
    function global:Get-AutomationPSCredential { param([string] $Name) [pscredential]::new('qomon', $global:QomonReadmeKey) }

    function Invoke-Recipe([string] $Name) {
        $recipe = $script:allRecipes | Where-Object Name -eq $Name
        Push-Location $workDirectory
        # As typed at a fresh prompt: pwsh's default preference, Continue (the test runner's Stop would make every
        # write one at a time, and Auto write by PATCH); any error still fails the test through $Error.
        $ErrorActionPreference = 'Continue'
        try { & ([scriptblock]::Create($recipe.Code)) *>&1 | Out-String }
        finally { Pop-Location }
    }
    $script:allRecipes = $recipes

    # The scheduled-run recipe is a script file run by a child pwsh, as a scheduled task runs it: with four rows of
    # eight failing (contacts that do not exist) it must exit 1, print the summary and write the other four; with
    # every row good it must exit 0.
    function Test-ScheduledRun([string] $Code) {
        $script = Join-Path $workDirectory 'nightly-update.ps1'
        Set-Content -LiteralPath $script -Value $Code -Encoding utf8
        $csv = Join-Path $workDirectory 'nightly-update.csv'
        $good = 83000020..83000023 | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = "+33 6 20 20 $_" } }
        $missing = 99999991..99999994 | ForEach-Object { [pscustomobject]@{ Id = $_; mobile = '+33 6 20 20 00 00' } }
        @($good[0..1]) + @($missing) + @($good[2..3]) | Export-Csv $csv -NoTypeInformation

        $failing = Invoke-FreshPwsh -File $script -WorkingDirectory $workDirectory
        $failing.ExitCode | Should -Be 1 -Because "four records failed. Output: $($failing.Output) Errors: $($failing.Error)"
        $failing.Output | Should -Match 'WARNING: Set-QomonContact: 4 updated, 0 unchanged, 0 conflicts, 4 failed'
        $failing.Output | Should -Match 'Command: Set-QomonContact'
        foreach ($id in 99999991..99999994) { $failing.Error | Should -Match "$id" }
        foreach ($row in $good) { (Get-ContactHistory $emulator -Id $row.Id)[-1].mobile | Should -Be $row.mobile }

        $good | ForEach-Object { $_.mobile = $_.mobile -replace '20 20', '21 21' }
        $good | Export-Csv $csv -NoTypeInformation
        $passing = Invoke-FreshPwsh -File $script -WorkingDirectory $workDirectory
        $passing.ExitCode | Should -Be 0 -Because "no record failed. Output: $($passing.Output) Errors: $($passing.Error)"
        $passing.Error | Should -BeNullOrEmpty
        foreach ($row in $good) { (Get-ContactHistory $emulator -Id $row.Id)[-1].mobile | Should -Be $row.mobile }
    }
}

AfterAll {
    Remove-Item Function:\Read-Host, Function:\Get-Secret, Function:\Get-AutomationPSCredential, Variable:\QomonReadmeKey, Variable:\QomonReadmeSecrets -ErrorAction SilentlyContinue
    $spaces.Emulator | Stop-TestEmulator
    $env:PSModulePath = $savedModulePath
    Remove-Item Env:\QOMON_API_KEY, Env:\QOMON_BASE_URI -ErrorAction SilentlyContinue
    Stop-TestEmulator $emulator
    Remove-Item $workDirectory -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'README recipes' {
    It 'has the recipes the README promises' {
        $recipes.Name | Should -Be @('connect-interactive', 'connect-scheduled', 'connect-runbook', 'csv-round-trip', 'bulk-update-from-csv', 'bulk-journal-resume', 'undo-run',
            'upsert-bulk', 'tag-city', 'clear-field', 'edit-object', 'export-changed', 'replace-contact', 'create-remove', 'scheduled-run-exit-code', 'many-spaces')
    }

    It 'runs recipe <Name> without an error' -ForEach $recipes {
        if ($Name -eq 'scheduled-run-exit-code') { Test-ScheduledRun $Code; return }
        $Error.Clear()
        # The recipes before this one may have upserted too (Auto is the default): count this recipe's own.
        $upsertsBefore = Get-EmulatorRequestCount $emulator 'POST /contacts/upsert'
        $global:QomonRecipeOutput = Invoke-Recipe $Name
        $Error | Should -BeNullOrEmpty
        switch ($Name) {
            'connect-interactive' {
                $global:QomonRecipeOutput | Should -Match ([regex]::Escape($emulator.Url))
            }
            'connect-scheduled' {
                $global:QomonRecipeOutput.Trim() | Should -Be '300'
            }
            'csv-round-trip' {
                $rows = @(Import-Csv (Join-Path $workDirectory 'lyon.csv'))
                $rows.Count | Should -BeGreaterThan 1
                # The edited row's contact was written once (-WhatIf wrote nothing), and only its mobile number changed.
                $history = Get-ContactHistory $emulator -Id $rows[0].Id
                $history.Count | Should -Be 2
                $history[-1].mobile | Should -Be '+33 6 12 34 56 78'
                $history[-1].firstname | Should -Be $history[0].firstname
                @(Get-ContactAnswer $history[-1]).Count | Should -Be @(Get-ContactAnswer $history[0]).Count
                # Every other row came back unchanged: no write at all.
                foreach ($row in $rows[1..($rows.Count - 1)]) { (Get-ContactHistory $emulator -Id $row.Id).Count | Should -Be 1 }
            }
            'bulk-update-from-csv' {
                $rows = Import-Csv (Join-Path $workDirectory 'contacts-update.csv')
                $first = $rows[0]
                $history = Get-ContactHistory $emulator -Id $first.Id
                $history[-1].mobile | Should -Be $first.mobile
                # -WhatIf first, then one real write per changed row: never two writes for one row.
                ($history | Measure-Object).Count | Should -BeLessOrEqual 2
            }
            'bulk-journal-resume' {
                $rows = @(Import-Csv (Join-Path $workDirectory 'contacts-update.csv'))
                $records = @(Get-QomonJournal (Join-Path $workDirectory 'contacts-update.jsonl'))
                # The first run journaled every row (already written by the recipe before: unchanged); the second skipped them all.
                $records.Count | Should -Be $rows.Count
                @($records | Where-Object Outcome -NotIn 'updated', 'unchanged') | Should -BeNullOrEmpty
                $global:QomonRecipeOutput | Should -Match "Records\s*:\s*$($rows.Count)"
                $global:QomonRecipeOutput | Should -Match 'Runs\s*:\s*2'
            }
            'upsert-bulk' {
                # Every Lyon contact with a mobile number now has it in the national form, each by one upsert seen applied.
                $lyon = @(Get-QomonContact -Filter @{ 'address.city' = 'Lyon' } -All | Where-Object mobile)
                $lyon.Count | Should -BeGreaterThan 0
                foreach ($contact in $lyon) { $contact.mobile | Should -Match '^06 ' }
                (Get-EmulatorRequestCount $emulator 'POST /contacts/upsert') - $upsertsBefore | Should -Be $lyon.Count
                $global:QomonRecipeOutput | Should -Match "UpdatedByUpsert\s*:\s*$($lyon.Count)"
                $global:QomonRecipeOutput | Should -Match 'UpsertFallbacks\s*:\s*0'
            }
            'tag-city' {
                $lyon = @(Get-QomonContact -Filter @{ 'address.city' = 'Lyon' } -All)
                $lyon.Count | Should -BeGreaterThan 0
                foreach ($contact in $lyon) { $contact.tags.name | Should -Contain 'Lyon canvass 2026' }
            }
            'clear-field' {
                $contact = Get-QomonContact -Id 83000012
                $contact.mobile | Should -BeNullOrEmpty
                $contact.Answers.'Favourite food' | Should -BeNullOrEmpty
                $before = (Get-ContactHistory $emulator -Id 83000012)[0]
                $contact.surname | Should -Be $before.surname
            }
            'edit-object' {
                (Get-ContactHistory $emulator -Id 83000012)[-1].mail | Should -Be 'new.address@example.org'
                $global:QomonRecipeOutput | Should -Match '83000012'
            }
            'export-changed' {
                $exported = @(Import-Csv (Join-Path $workDirectory 'changed-since-yesterday.csv'))
                # The recipes above changed contact 83000012 and the CSV's contacts today.
                $exported.Id | Should -Contain '83000012'
            }
            'replace-contact' {
                $stored = (Get-ContactHistory $emulator -Id 83000012)[-1]
                $stored.firstname | Should -Be 'Ana'
                $stored.mail | Should -Be 'ana.lopez@example.org'
                $stored.mobile | Should -BeNullOrEmpty
                @($stored.tags).Count | Should -Be 0
            }
            'create-remove' {
                (Get-EmulatorRequestCount $emulator 'POST /contacts') | Should -Be 1
                (Get-EmulatorRequestCount $emulator 'DELETE /contacts/{id}') | Should -Be 1
            }
            'undo-run' {
                # Each contact in Lille was tagged by the run and untagged by the undo: two writes, and its tags as before.
                $lille = @(Get-QomonContact -Filter @{ 'address.city' = 'Lille' } -All)
                $lille.Count | Should -BeGreaterThan 0
                foreach ($contact in $lille) {
                    $history = Get-ContactHistory $emulator -Id $contact.id
                    $history[-1].tags.name | Should -Not -Contain 'Mailing 2026'
                    $history[-2].tags.name | Should -Contain 'Mailing 2026'
                    @($history[-1].tags.name | Sort-Object) | Should -Be @($history[-3].tags.name | Sort-Object)
                }
                @(Get-QomonJournal (Join-Path $workDirectory 'lille.jsonl') | Group-Object Run).Count | Should -Be 2
            }
            'many-spaces' {
                foreach ($space in $spaces) {
                    $seeded = Get-QomonContact -Connection ($connection = Connect-TestEmulator $space.Emulator -PassThru) -Count
                    $tagged = @(Get-QomonContact -Connection $connection -All | Where-Object { $_.tags.name -contains 'Federal campaign 2026' })
                    $tagged.Count | Should -Be $seeded -Because "every contact of $($space.Space) is tagged"
                    $stats = Get-EmulatorStats $space.Emulator
                    # No cross-talk: each contact of the space written once (by PATCH or upsert), by its own key (another key is a 401).
                    (Get-EmulatorRequestCount $space.Emulator 'PATCH /contacts/{id}') + (Get-EmulatorRequestCount $space.Emulator 'POST /contacts/upsert') |
                        Should -Be $seeded -Because "$($space.Space) saw one write per contact of its own"
                    @($stats.requests.PSObject.Properties.Value | ForEach-Object { $_.PSObject.Properties.Name } | Where-Object { $_ -notin '200', '202' }) |
                        Should -BeNullOrEmpty -Because "$($space.Space) answered every request with 200 or an upsert's 202 (no 401 for another space's key, no 429)"
                    # Each space's own budget paced it: more tokens than its bucket holds, and never a 429.
                    $stats.throttled | Should -Be 0
                    $stats.tokensSpent | Should -BeGreaterThan $space.Burst
                    $global:QomonRecipeOutput | Should -Match $connection.KeyFingerprint -Because 'the summaries name each space by its key'
                    Disconnect-Qomon -Connection $connection
                }
            }
        }
    }
}

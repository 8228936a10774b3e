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

    $global:QomonReadmeKey = $emulator.SecureApiKey
    function global:Read-Host { param([switch] $AsSecureString, [Parameter(ValueFromRemainingArguments)] $Prompt) $global:QomonReadmeKey }
    function global:Get-Secret { param([string] $Name) $global:QomonReadmeKey }
    function global:Get-AutomationPSCredential { param([string] $Name) [pscredential]::new('qomon', $global:QomonReadmeKey) }

    function Invoke-Recipe([string] $Name) {
        $recipe = $script:allRecipes | Where-Object Name -eq $Name
        Push-Location $workDirectory
        try { & ([scriptblock]::Create($recipe.Code)) *>&1 | Out-String }
        finally { Pop-Location }
    }
    $script:allRecipes = $recipes
}

AfterAll {
    Remove-Item Function:\Read-Host, Function:\Get-Secret, Function:\Get-AutomationPSCredential, Variable:\QomonReadmeKey -ErrorAction SilentlyContinue
    $env:PSModulePath = $savedModulePath
    Remove-Item Env:\QOMON_API_KEY, Env:\QOMON_BASE_URI -ErrorAction SilentlyContinue
    Stop-TestEmulator $emulator
    Remove-Item $workDirectory -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'README recipes' {
    It 'has the recipes the README promises' {
        $recipes.Name | Should -Be @('connect-interactive', 'connect-scheduled', 'connect-runbook', 'csv-round-trip', 'bulk-update-from-csv', 'tag-city',
            'clear-field', 'edit-object', 'export-changed', 'replace-contact', 'create-remove')
    }

    It 'runs recipe <Name> without an error' -ForEach $recipes {
        $Error.Clear()
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
        }
    }
}

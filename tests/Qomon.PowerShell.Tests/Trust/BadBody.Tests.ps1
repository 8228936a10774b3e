# Issue 15, "Never write from a read you cannot trust": the emulator answers every contact read (and write, and
# search) with one kind of bad body (bad-body-rate 1, bad-body-kinds <kind>). A merge must write nothing and
# report Qomon.UnexpectedResponse for the record; Get-QomonContact must give an error, never an empty contact.
BeforeDiscovery {
    $kinds = @('data-null', 'contact-null', 'contact-empty', 'other-contact', 'array', 'contact-array',
        'no-formdatas', 'no-custom-fields', 'html', 'redirect')
    # Each kind on a contact of its own, so one case's history says nothing about another's.
    $script:cases = @(for ($i = 0; $i -lt $kinds.Count; $i++) { @{ Kind = $kinds[$i]; Index = $i } })
}

BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 20 -Settings @{ burst = 100; rate = 500; randomSeed = 15 }
    Connect-TestEmulator $script:emulator
    $null = Get-QomonForm
    $script:ids = @(Get-QomonContact -First 20 | ForEach-Object { [long]$_.id })

    # Runs the block with every answer of the given kind bad, then turns the fault off; says what the emulator saw.
    function Invoke-WithBadBodies([string] $Kind, [scriptblock] $Block) {
        $faults = (Get-EmulatorStats $script:emulator).faultsInjected
        $reads = Get-EmulatorRequestCount $script:emulator 'GET /contacts/{id}'
        $patches = Get-EmulatorRequestCount $script:emulator 'PATCH /contacts/{id}'
        Set-EmulatorConfig $script:emulator @{ badBodyRate = 1; badBodyKinds = $Kind }
        try { $output = & $Block }
        finally { Set-EmulatorConfig $script:emulator @{ badBodyRate = 0; badBodyKinds = 'all' } }
        [pscustomobject]@{
            Output    = $output
            Patches   = (Get-EmulatorRequestCount $script:emulator 'PATCH /contacts/{id}') - $patches
            Reads     = (Get-EmulatorRequestCount $script:emulator 'GET /contacts/{id}') - $reads
            BadBodies = (Get-EmulatorStats $script:emulator).faultsInjected - $faults
        }
    }
}

AfterAll {
    Disconnect-Qomon -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:emulator
}

Describe 'Set-QomonContact -Id N -Property @{ mobile = ... } when the read is not the contact (<Kind>)' -ForEach $script:cases {
    BeforeAll {
        $script:kind = $Kind
        $script:id = $script:ids[$Index]
        $script:historyBefore = Get-ContactHistory $script:emulator $script:id
        $script:errors = $null
        $script:seen = Invoke-WithBadBodies $script:kind {
            Set-QomonContact -Id $script:id -Property @{ mobile = '+33 6 99 00 00 01' } -PassThru -ErrorVariable script:errors -ErrorAction SilentlyContinue
        }
        $script:historyAfter = Get-ContactHistory $script:emulator $script:id
    }

    It 'sends no write and stores no version' {
        $script:seen.Reads | Should -Be 1
        $script:seen.BadBodies | Should -Be 1
        $script:seen.Patches | Should -Be 0
        $script:historyAfter.Count | Should -Be $script:historyBefore.Count
        ($script:historyAfter[-1] | ConvertTo-Json -Depth 10 -Compress) | Should -Be ($script:historyBefore[-1] | ConvertTo-Json -Depth 10 -Compress)
    }

    It 'reports the record as Qomon.UnexpectedResponse, naming the problem without personal data' {
        $script:seen.Output | Should -BeNullOrEmpty
        $script:errors.Count | Should -Be 1
        $e = $script:errors[0]
        $e.FullyQualifiedErrorId | Should -BeLike 'Qomon.UnexpectedResponse,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidResult'
        $e.TargetObject | Should -Be $script:id
        $e.ErrorDetails.Message | Should -BeLike "*GET /contacts/$($script:id) failed: *Unexpected response*"
        $stored = $script:historyBefore[-1]
        foreach ($value in @($stored.firstname, $stored.surname, $stored.mail, $stored.mobile) | Where-Object { $_ }) {
            $e.ErrorDetails.Message | Should -Not -BeLike "*$value*"
            $e.Exception.Message | Should -Not -BeLike "*$value*"
        }
    }
}

Describe 'What each kind is called in the error' {
    It '<Kind> is named as "<Named>"' -ForEach @(
        @{ Kind = 'data-null'; Named = 'data is null' }
        @{ Kind = 'contact-null'; Named = 'data.contact is null' }
        @{ Kind = 'contact-empty'; Named = 'data.contact is an empty object' }
        @{ Kind = 'other-contact'; Named = 'data.contact is contact * where * was asked for' }
        @{ Kind = 'array'; Named = 'the body is an array, not an object' }
        @{ Kind = 'contact-array'; Named = 'data.contact is an array' }
        @{ Kind = 'no-formdatas'; Named = 'data.contact has no formdatas list' }
        @{ Kind = 'no-custom-fields'; Named = 'data.contact has no custom-field list (custom_fields or customfields)' }
        @{ Kind = 'html'; Named = 'the body is not JSON; it looks like an HTML page (text/html, *' }
        @{ Kind = 'redirect'; Named = 'a redirect (302 Found) to http://127.0.0.2:*/contacts/*, which API calls never follow*' }
    ) {
        $seen = Invoke-WithBadBodies $Kind { Get-QomonContact -Id $script:ids[0] -ErrorAction Continue 2>&1 }
        $errors = @($seen.Output)
        $errors.Count | Should -Be 1
        $errors[0] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $errors[0].ErrorDetails.Message | Should -BeLike "*$Named*"
    }
}

Describe 'Get-QomonContact -Id when the answer is data: null' {
    It 'gives a Qomon.UnexpectedResponse error per id, never an empty contact, and goes on with the next id' {
        $seen = Invoke-WithBadBodies 'data-null' { Get-QomonContact -Id $script:ids[0], $script:ids[1] -ErrorAction Continue 2>&1 }
        @($seen.Output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $errors = @($seen.Output)
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Qomon.UnexpectedResponse,*' }
        @($errors | ForEach-Object TargetObject) | Should -Be @($script:ids[0], $script:ids[1])
    }
}

Describe 'A search page with a contact that has no id' {
    It 'fails the search with Qomon.UnexpectedResponse instead of skipping the contact' {
        $seen = Invoke-WithBadBodies 'search-missing-id' {
            try { Get-QomonContact -First 10; $null } catch { $_ }
        }
        $failure = @($seen.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.UnexpectedResponse,*'
        $failure[0].ErrorDetails.Message | Should -BeLike '*contact * of data.contacts has no id*'
        @($seen.Output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
    }
}

Describe 'New-QomonContact answered with something other than the created contact (<Effect>)' -ForEach @(
    @{ Effect = 'applied' }
    @{ Effect = 'unapplied' }
) {
    It 'sends the create once and reports Qomon.WriteOutcomeUnknown, never a created contact' {
        $posts = Get-EmulatorRequestCount $script:emulator 'POST /contacts'
        $seen = Invoke-WithBadBodies "data-null,contact-empty,html,redirect,$Effect" {
            New-QomonContact -Property @{ firstname = 'Grace'; surname = 'Hopper'; mobile = '+33 6 99 00 00 02' } -WarningAction SilentlyContinue -ErrorAction Continue 2>&1
        }
        (Get-EmulatorRequestCount $script:emulator 'POST /contacts') - $posts | Should -Be 1
        $errors = @($seen.Output)
        $errors.Count | Should -Be 1
        $errors[0] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.WriteOutcomeUnknown,*'
        $errors[0].ErrorDetails.Message | Should -BeLike '*POST /contacts failed: *Unexpected response*'
        $errors[0].ErrorDetails.Message | Should -Not -BeLike '*Hopper*'
    }
}

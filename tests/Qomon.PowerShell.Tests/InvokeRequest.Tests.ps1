# Invoke-QomonRequest against the emulator: any endpoint through the same auth, budget and retry.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 30
    Connect-TestEmulator $script:emulator
    $script:id = (Get-QomonContact -First 1).id
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Invoke-QomonRequest' {
    It 'GETs a path and writes the parsed body as objects' {
        $response = Invoke-QomonRequest -Path "/contacts/$script:id"
        $response.status | Should -Be 'success'
        $response.data.contact.id | Should -Be $script:id
    }

    It 'accepts a path without its leading slash' {
        (Invoke-QomonRequest "contacts/$script:id").data.contact.id | Should -Be $script:id
    }

    It 'POSTs a hashtable body' {
        $body = @{ data = @{ advanced_search = @{ per_page = 5; page = 0; query = @{ '$all' = @() } } } }
        $response = Invoke-QomonRequest -Method POST -Path /search -Body $body
        @($response.data.contacts).Count | Should -Be 5
    }

    It 'POSTs a JSON string body' {
        $response = Invoke-QomonRequest -Method POST -Path /kpi -Body '{"data":{"advanced_search":{"query":{"$all":[]}}}}'
        $response.data.total | Should -Be (Get-QomonContact -Count)
    }

    It 'POSTs a PSCustomObject body from the pipeline' {
        $body = [pscustomobject]@{ data = [pscustomobject]@{ advanced_search = [pscustomobject]@{ per_page = 2; query = @{ '$all' = @() } } } }
        @(($body | Invoke-QomonRequest -Method POST -Path /search).data.contacts).Count | Should -Be 2
    }

    It 'writes the JSON text with -Raw' {
        $raw = Invoke-QomonRequest -Path "/contacts/$script:id" -Raw
        $raw | Should -BeOfType [string]
        ($raw | ConvertFrom-Json).data.contact.id | Should -Be $script:id
    }

    It 'writes a non-terminating error with the right category for a failed request' {
        $null = Invoke-QomonRequest -Path '/contacts/999999999' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.NotFound*'
        $problems[0].TargetObject | Should -Be '/contacts/999999999'
    }

    It 'refuses a string body that is not JSON' {
        $null = Invoke-QomonRequest -Method POST -Path /search -Body '{not json' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.InvalidArgument*'
    }

    It 'counts its requests on the connection' {
        $before = (Get-QomonConnection).Requests
        $null = Invoke-QomonRequest -Path /v1/forms/type/consent
        (Get-QomonConnection).Requests | Should -Be ($before + 1)
    }

    It 'writes nothing for an empty body (DELETE answers 204)' {
        $doomed = New-TestContact @{ firstname = 'Delete'; surname = 'Me' }
        Invoke-QomonRequest -Method DELETE -Path "/contacts/$doomed" | Should -BeNullOrEmpty
        $null = Get-QomonContact -Id $doomed -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

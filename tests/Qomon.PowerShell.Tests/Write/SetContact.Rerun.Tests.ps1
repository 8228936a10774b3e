# A re-run is cheap and quiet: a record whose requested values the server already holds is unchanged (one read,
# no write, no error) whatever UpdatedAt it carries, so re-importing a CSV after a successful run reports no
# conflict. And UpdatedAt given as a local [datetime] is the instant it means here, not read as UTC.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1')

    # The UpdatedAt the server holds, as the exact instant it sent (not as ConvertFrom-Json turned it into a date).
    function Get-ServerUpdatedAt([long] $Id) {
        $raw = (Invoke-WebRequest -Uri "$($script:emulator.Url)/_emulator/contacts/$Id/history").Content
        $versions = [System.Text.Json.Nodes.JsonNode]::Parse($raw).AsArray()
        [DateTimeOffset]::Parse($versions[$versions.Count - 1]['UpdatedAt'].ToString(), [cultureinfo]::InvariantCulture)
    }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Re-importing a CSV that carries UpdatedAt after a successful run' {
    BeforeAll {
        $script:ids = @(1..3 | ForEach-Object { New-TestContact -Contact (New-RichContactBody) })
        $csv = Join-Path $TestDrive 'contacts.csv'
        $script:ids | ForEach-Object {
            [pscustomobject]@{ Id = $_; UpdatedAt = (Get-ServerUpdatedAt $_).ToString('o'); mobile = "+33 6 44 44 44 $($_ % 100)" }
        } | Export-Csv -Path $csv
        Import-Csv $csv | Set-QomonContact -ErrorVariable firstErrors -ErrorAction SilentlyContinue -InformationVariable firstInfo
        $script:first = $firstInfo.MessageData
        $script:firstErrors = $firstErrors
        $script:traffic = Measure-EmulatorTraffic $script:emulator {
            Import-Csv $csv | Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -InformationVariable info
            $script:errors = $errors
            $script:warnings = $warnings
            $script:second = $info.MessageData
        }
    }

    It 'updates every contact the first time' {
        $script:firstErrors | Should -BeNullOrEmpty
        $script:first.Updated | Should -Be 3
    }

    It 'reports every record unchanged the second time, without an error or a warning' {
        $script:errors | Should -BeNullOrEmpty
        $script:warnings | Should -BeNullOrEmpty
        $script:second.Unchanged | Should -Be 3
        $script:second.Conflicts | Should -Be 0
    }

    It 'spends one read per record and writes nothing the second time' {
        $script:traffic.Routes['GET /contacts/{id}'] | Should -Be 3
        $script:traffic.Routes['PATCH /contacts/{id}'] | Should -Be 0
    }

    It 'still refuses a record that changes something on a contact changed after its UpdatedAt' {
        $row = [pscustomobject]@{ Id = $script:ids[0]; UpdatedAt = '2001-01-01T00:00:00Z'; mobile = '+33 6 45 45 45 45' }
        $row | Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.Conflict*'
    }
}

Describe 'UpdatedAt given as a local [datetime]' {
    BeforeAll {
        # A machine west of UTC, where reading local time as UTC puts UpdatedAt hours before the real instant.
        $script:zone = $env:TZ
        $env:TZ = 'America/New_York'
        [TimeZoneInfo]::ClearCachedData()
    }

    AfterAll {
        $env:TZ = $script:zone
        [TimeZoneInfo]::ClearCachedData()
    }

    It 'is the instant it means in local time: the server''s own UpdatedAt, as local time, is no conflict' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $local = (Get-ServerUpdatedAt $id).LocalDateTime
        $local.Kind | Should -Be 'Local'
        [TimeZoneInfo]::Local.GetUtcOffset($local) | Should -Not -Be ([TimeSpan]::Zero)
        [pscustomobject]@{ Id = $id; UpdatedAt = $local; mobile = '+33 6 46 46 46 46' } |
            Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info
        $errors | Should -BeNullOrEmpty
        $info.MessageData.Updated | Should -Be 1
    }

    It 'is a conflict when it is, in local time, before the server''s UpdatedAt' {
        $id = New-TestContact -Contact (New-RichContactBody)
        $local = (Get-ServerUpdatedAt $id).LocalDateTime.AddMinutes(-1)
        [pscustomobject]@{ Id = $id; UpdatedAt = $local; mobile = '+33 6 47 47 47 47' } |
            Set-QomonContact -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.Conflict*'
    }
}

# The spreadsheet round trip, through real files: Get-QomonContact -Flat | Export-Csv, then Import-Csv | Set-QomonContact.
# The space holds every shape a real one does: repeated text, number and date answers (the seed gives every third
# contact two "Not home" notes and more), checkboxes with several values, custom fields, a field the module does not
# know (stored by the emulator), a text answer holding the separator, and a contact with almost every field empty.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 12 -Settings @{ burst = 100; rate = 500; 'unknown-fields' = 'store' }
    # Read by id: a search may not find a contact created a moment ago (search-index-delay-ms in the harsh profile).
    $seeded = @(Get-QomonContact -All | ForEach-Object id)
    $script:unknown = New-TestContact @{ firstname = 'Odile'; surname = 'Inconnue'; favourite_colour = 'teal' }
    $script:sparse = New-TestContact @{ firstname = 'Solo' }
    Set-QomonContact -Id $script:sparse -Property @{ 'form:Survey comment' = 'Call back;; after 6;Not home' }
    $script:ids = $seeded + $script:unknown + $script:sparse

    $script:file = Join-Path $TestDrive 'contacts.csv'
    $script:ids | Get-QomonContact -Flat | Export-Csv -LiteralPath $script:file
    $script:rows = @(Import-Csv -LiteralPath $script:file)
    $script:forms = @(Get-QomonForm)

    # Runs an import and says what it did: the summary, warnings, errors and the requests the emulator saw.
    function Invoke-Import([string] $Path) {
        $traffic = Measure-EmulatorTraffic $script:emulator {
            Import-Csv -LiteralPath $Path | Set-QomonContact -InformationVariable info -WarningVariable warnings -ErrorVariable errors -ErrorAction SilentlyContinue
            [pscustomobject]@{ Summary = $info.MessageData; Warnings = @($warnings); Errors = @($errors) }
        }
        $traffic.Output | Add-Member -PassThru -NotePropertyName Routes -NotePropertyValue $traffic.Routes
    }

    # Writes of either kind: the default, Auto, sends a change by upsert while upsert is cheaper, else by PATCH.
    function Get-TrafficWriteCount($Result) { [int] $Result.Routes['PATCH /contacts/{id}'] + [int] $Result.Routes['POST /contacts/upsert'] }

    # A row whose cell for the form holds the same value twice (a repeated answer), and a checkbox cell with several.
    function Find-Row([string] $Column, [scriptblock] $Where) { $script:rows | Where-Object { & $Where @($_.$Column -split ';' | Where-Object { $_ }) } | Select-Object -First 1 }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'The flat export' {
    It 'has one row per contact, Id first, the columns Set-QomonContact reads and nothing Qomon sets' {
        $script:rows.Count | Should -Be 14
        $columns = @($script:rows[0].psobject.Properties.Name)
        $columns[0] | Should -Be 'Id'
        $columns | Should -Contain 'mail'
        $columns | Should -Contain 'tags'
        $columns | Should -Contain 'address.city'
        foreach ($name in 'UpdatedAt', 'CreatedAt', 'lastchange', 'user_id', 'group_id', 'action_ids', 'notes', 'TagNames', 'Answers', 'formdatas', 'custom_fields', 'favourite_colour') {
            $columns | Should -Not -Contain $name
        }
    }

    It 'has a column for every form of the space, answered or not' {
        $columns = @($script:rows[0].psobject.Properties.Name)
        foreach ($form in $script:forms) {
            $prefix = if ($form.Kind -eq 'custom_fields') { 'custom:' } else { 'form:' }
            $columns | Should -Contain ($prefix + $form.Label)
        }
    }

    It 'holds repeated answers and several checkbox values joined by ;, and a ; inside a value doubled' {
        Find-Row 'form:Survey comment' { param($values) $values.Count -gt (@($values | Sort-Object -Unique)).Count } | Should -Not -BeNullOrEmpty
        Find-Row 'custom:Skills' { param($values) $values.Count -ge 2 } | Should -Not -BeNullOrEmpty
        ($script:rows | Where-Object Id -EQ $script:sparse).'form:Survey comment' | Should -BeExactly 'Call back;; after 6;Not home'
    }

    It 'writes dates as Qomon sent them and every value as text' {
        $contact = Get-QomonContact -Id $script:rows[0].Id -Flat
        foreach ($property in $contact.psobject.Properties) { $property.Value | Should -BeOfType [string] }
        $json = Invoke-QomonRequest -Method GET -Path "/contacts/$($script:rows[0].Id)"
        $script:rows[0].birthdate | Should -BeExactly ([string]$json.data.contact.birthdate)
        $contact.psobject.TypeNames[0] | Should -Be 'Qomon.ContactRow'
    }

    It 'adds UpdatedAt after Id only with -IncludeUpdatedAt' {
        $row = Get-QomonContact -Id $script:rows[0].Id -Flat -IncludeUpdatedAt
        @($row.psobject.Properties.Name)[0..1] | Should -Be 'Id', 'UpdatedAt'
        $row.UpdatedAt | Should -Match '^\d{4}-\d\d-\d\dT'
    }

    It 'comes from a search as well' {
        $found = @(Get-QomonContact -First 3 -Flat)
        $found.Count | Should -Be 3
        $found | ForEach-Object { $_.psobject.TypeNames[0] | Should -Be 'Qomon.ContactRow' }
        @($found[0].psobject.Properties.Name) | Should -Be @($script:rows[0].psobject.Properties.Name)
    }

    It 'refuses <Parameters> before anything is sent' -ForEach @(
        @{ Parameters = '-IncludeUpdatedAt without -Flat'; Splat = @{ IncludeUpdatedAt = $true } }
        @{ Parameters = '-Flat with -Count'; Splat = @{ Flat = $true; Count = $true } }
    ) {
        $traffic = Measure-EmulatorTraffic $script:emulator { try { Get-QomonContact @Splat; $null } catch { $_ } }
        $traffic.Output.FullyQualifiedErrorId | Should -BeLike 'Qomon.ConflictingParameters,*'
        $traffic.RequestsTotal | Should -Be 0
    }
}

Describe 'Re-importing the file unchanged' {
    BeforeAll { $script:result = Invoke-Import $script:file }

    It 'sends no write' { Get-TrafficWriteCount $script:result | Should -Be 0 }

    It 'reports every row unchanged, with no error and no warning' {
        $script:result.Errors | Should -BeNullOrEmpty
        $script:result.Warnings | Should -BeNullOrEmpty
        $script:result.Summary.Unchanged | Should -Be $script:rows.Count
        $script:result.Summary.Updated | Should -Be 0
        $script:result.Summary.Failed | Should -Be 0
        $script:result.Summary.OutcomeUnknown | Should -Be 0
    }

    It 'also with the UpdatedAt column' {
        $withDate = Join-Path $TestDrive 'with-updatedat.csv'
        $script:ids | Get-QomonContact -Flat -IncludeUpdatedAt | Export-Csv -LiteralPath $withDate
        $result = Invoke-Import $withDate
        Get-TrafficWriteCount $result | Should -Be 0
        $result.Errors + $result.Warnings | Should -BeNullOrEmpty
        $result.Summary.Unchanged | Should -Be $script:rows.Count
    }
}

Describe 'Re-importing with one cell changed' {
    It 'changes that field of that contact only' {
        $target = Find-Row 'form:Survey comment' { param($values) $values.Count -gt (@($values | Sort-Object -Unique)).Count }
        $edited = Join-Path $TestDrive 'one-cell.csv'
        $script:rows | ForEach-Object { $row = $_.psobject.Copy(); if ($row.Id -eq $target.Id) { $row.mobile = '+33 6 55 44 33 22' }; $row } | Export-Csv -LiteralPath $edited

        $result = Invoke-Import $edited

        $result.Errors + $result.Warnings | Should -BeNullOrEmpty
        Get-TrafficWriteCount $result | Should -Be 1
        $result.Summary.Updated | Should -Be 1
        $result.Summary.Unchanged | Should -Be ($script:rows.Count - 1)
        $write = Get-LastWrite $script:emulator $target.Id
        $write.Changed | Should -Be @('mobile')
        $write.After.mobile | Should -Be '+33 6 55 44 33 22'
    }

    It 'changes a multi-value checkbox cell to exactly the values it lists, the repeated answers kept' {
        $target = Find-Row 'custom:Skills' { param($values) $values.Count -ge 2 }
        $skills = ($script:forms | Where-Object Label -EQ 'Skills')
        $others = @($skills.Values | Where-Object { $_ -notin @($target.'custom:Skills' -split ';') })
        $wanted = @(@($target.'custom:Skills' -split ';')[0]) + @($others | Select-Object -First 2)
        $edited = Join-Path $TestDrive 'multi-value.csv'
        # A fresh export: the file of the test before holds the mobile number it changed.
        $script:ids | Get-QomonContact -Flat | ForEach-Object { $row = $_.psobject.Copy(); if ($row.Id -eq $target.Id) { $row.'custom:Skills' = $wanted -join ';' }; $row } | Export-Csv -LiteralPath $edited

        $result = Invoke-Import $edited

        $result.Errors + $result.Warnings | Should -BeNullOrEmpty
        $result.Summary.Updated | Should -Be 1
        $write = Get-LastWrite $script:emulator $target.Id
        $write.Changed | Should -Be @("custom:$($skills.Id)")
        (Get-QomonContact -Id $target.Id -Flat).'custom:Skills' -split ';' | Sort-Object | Should -Be ($wanted | Sort-Object)
    }
}

Describe 'A file without an Id column' {
    BeforeAll {
        $script:noId = Join-Path $TestDrive 'no-id.csv'
        $script:rows | Select-Object -ExcludeProperty Id -Property * | Export-Csv -LiteralPath $script:noId
        $script:traffic = Measure-EmulatorTraffic $script:emulator {
            try { Import-Csv -LiteralPath $script:noId | Set-QomonContact -ErrorVariable errors; $null }
            catch { [pscustomobject]@{ Caught = $_; Errors = @($errors) } }
        }
    }

    It 'stops once, with one error' {
        $script:traffic.Output | Should -Not -BeNullOrEmpty -Because 'the error is terminating'
        $script:traffic.Output.Caught.FullyQualifiedErrorId | Should -BeLike 'Qomon.MissingId,*'
        $script:traffic.Output.Errors.Count | Should -Be 1
    }

    It 'names the columns it found and what it needs' {
        $message = $script:traffic.Output.Caught.Exception.Message
        $message | Should -BeLike '*no Id column*'
        $message | Should -BeLike '*Columns found: firstname, surname, married_name*'
        $message | Should -BeLike '*needs an Id (or ContactId) column*'
    }

    It 'sends nothing' { $script:traffic.RequestsTotal | Should -Be 0 }
}

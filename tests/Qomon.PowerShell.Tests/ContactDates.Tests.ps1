# The dates of a Qomon.Contact: typed (moments as [DateTimeOffset], days as [datetime] of Kind Utc), so that
# Where-Object and Sort-Object compare dates, not text; exported as the ISO 8601 text Qomon sent, whatever the
# culture; and written back exactly: a date left as read is no change and is stored as it was, a date the caller
# sets is sent in the form Qomon takes, a [datetime] read as its calendar day in every time zone.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 40 -Settings @{ burst = 100; rate = 500 }

    # The stored versions as the emulator writes them, dates as text (Invoke-RestMethod would make them DateTime).
    function Get-RawHistory([long] $Id) {
        $content = (Invoke-WebRequest -Uri "$($script:emulator.Url)/_emulator/contacts/$Id/history").Content
        , @([System.Text.Json.Nodes.JsonNode]::Parse($content).AsArray())
    }

    function Get-DateTexts($Version) {
        $texts = [ordered]@{}
        foreach ($key in 'CreatedAt', 'birthdate') { $texts[$key] = $Version[$key].ToJsonString() }
        foreach ($key in 'formdatas', 'custom_fields') {
            foreach ($row in $Version[$key].AsArray()) {
                $texts["$key/$($row['form_id'])/$($row['data'].ToJsonString())"] = $row['date'].ToJsonString()
            }
        }
        $texts
    }

    function Get-DatedContact {
        Get-QomonContact -All | Where-Object { $_.birthdate -and $null -ne $_.Answers.'Member since' } | Select-Object -First 1
    }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Dates of a Qomon.Contact' {
    BeforeAll {
        Connect-TestEmulator $script:emulator
        $script:all = @(Get-QomonContact -All)
    }

    It 'types moments as DateTimeOffset at UTC and days as DateTime of Kind Utc' {
        $contact = $script:all | Where-Object birthdate | Select-Object -First 1
        $contact.UpdatedAt | Should -BeOfType [datetimeoffset]
        $contact.UpdatedAt.Offset | Should -Be ([timespan]::Zero)
        $contact.CreatedAt | Should -BeOfType [datetimeoffset]
        $contact.lastchange | Should -BeOfType [datetimeoffset]
        $contact.birthdate | Should -BeOfType [datetime]
        $contact.birthdate.Kind | Should -Be 'Utc'
        $contact.birthdate.TimeOfDay | Should -Be ([timespan]::Zero)
        @($contact.formdatas)[0].date | Should -BeOfType [datetimeoffset]
        @($contact.notes)[0].created_at | Should -BeOfType [datetimeoffset]
    }

    It 'compares UpdatedAt with a local [datetime] as moments in Where-Object and sorts by moment' {
        $sorted = @($script:all | Sort-Object UpdatedAt)
        $ticks = @($sorted | ForEach-Object { $_.UpdatedAt.UtcTicks })
        $ticks | Should -Be @($ticks | Sort-Object)
        $cut = $sorted[[int]($sorted.Count / 2)].UpdatedAt.LocalDateTime
        $expected = @($script:all | Where-Object { $_.UpdatedAt.UtcTicks -gt $cut.ToUniversalTime().Ticks } | ForEach-Object id | Sort-Object)
        $found = @($script:all | Where-Object UpdatedAt -gt $cut | ForEach-Object id | Sort-Object)
        $expected.Count | Should -BeGreaterThan 0
        $expected.Count | Should -BeLessThan $script:all.Count
        $found | Should -Be $expected
    }

    It 'compares a birthdate with a [datetime] day' {
        $born = @($script:all | Where-Object birthdate)
        $day = [datetime]'1975-01-01'
        $expected = @($born | Where-Object { $_.birthdate.Ticks -lt $day.Ticks } | ForEach-Object id | Sort-Object)
        @($born | Where-Object birthdate -lt $day | ForEach-Object id | Sort-Object) | Should -Be $expected
        @($born | Where-Object birthdate -lt '1975-01-01' | ForEach-Object id | Sort-Object) | Should -Be $expected
        $expected.Count | Should -BeGreaterThan 0
    }

    It 'takes a read UpdatedAt as -UpdatedSince' {
        $sorted = @($script:all | Sort-Object UpdatedAt)
        $since = $sorted[-3].UpdatedAt
        @(Get-QomonContact -UpdatedSince $since -All | ForEach-Object id | Sort-Object) | Should -Be @($sorted[-3..-1] | ForEach-Object id | Sort-Object)
    }

    It 'exports the dates as the ISO 8601 text Qomon sent, whatever the culture' {
        $contact = $script:all | Where-Object birthdate | Select-Object -First 1
        $raw = Invoke-QomonRequest -Path "/contacts/$($contact.id)"
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'fr-FR'
            $row = $contact | Select-Object id, UpdatedAt, birthdate | ConvertTo-Csv | ConvertFrom-Csv
        }
        finally { [cultureinfo]::CurrentCulture = $culture }
        $row.UpdatedAt | Should -BeExactly $raw.data.contact.UpdatedAt
        $row.UpdatedAt | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$'
        $row.birthdate | Should -BeExactly $raw.data.contact.birthdate
        '{0:yyyy-MM-dd}' -f $contact.UpdatedAt | Should -BeExactly $raw.data.contact.UpdatedAt.Substring(0, 10)
    }

    It 'shows a date answer as a [datetime] day' {
        $contact = Get-DatedContact
        $contact.Answers.'Member since' | Should -BeOfType [datetime]
        $contact.Answers.'Member since'.Kind | Should -Be 'Utc'
    }
}

Describe 'Writing back a contact with typed dates' {
    BeforeEach { Connect-TestEmulator $script:emulator }

    It 'stores every untouched date exactly as it was when one field is edited' {
        $contact = Get-DatedContact
        $null = $contact.Answers
        $before = (Get-RawHistory $contact.id)[-1]
        $contact.firstname = 'Renée'
        $contact | Set-QomonContact -Confirm:$false
        $after = (Get-RawHistory $contact.id)[-1]
        $after['firstname'].GetValue[string]() | Should -Be 'Renée'
        $texts = Get-DateTexts $after
        $texts.Count | Should -BeGreaterThan 2
        ($texts.Keys -join ',') | Should -BeExactly ((Get-DateTexts $before).Keys -join ',')
        foreach ($key in $texts.Keys) { $texts[$key] | Should -BeExactly (Get-DateTexts $before)[$key] -Because $key }
    }

    It 'turns a contact read back into JSON with every date byte for byte as Qomon wrote it' {
        $contact = Get-DatedContact
        $null = $contact.Answers
        $raw = (Invoke-QomonRequest -Path "/contacts/$($contact.id)").data.contact
        $json = [Qomon.PowerShell.Infrastructure.PowerShellToJson]::ConvertContact($contact)
        foreach ($key in 'CreatedAt', 'UpdatedAt', 'lastchange', 'birthdate') {
            $json[$key].GetValue[string]() | Should -BeExactly $raw.$key -Because $key
        }
        $rows = @($json['formdatas'].AsArray())
        $rows.Count | Should -Be @($raw.formdatas).Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($key in 'date', 'created_at', 'updated_at') {
                $rows[$i][$key].GetValue[string]() | Should -BeExactly @($raw.formdatas)[$i].$key -Because "formdatas[$i].$key"
            }
        }
        $noted = Get-QomonContact -All | Where-Object notes | Select-Object -First 1
        $rawNote = @((Invoke-QomonRequest -Path "/contacts/$($noted.id)").data.contact.notes)[0]
        $note = @([Qomon.PowerShell.Infrastructure.PowerShellToJson]::ConvertContact($noted)['notes'].AsArray())[0]
        $note['created_at'].GetValue[string]() | Should -BeExactly $rawNote.created_at
        $note['updated_at'].GetValue[string]() | Should -BeExactly $rawNote.updated_at
    }

    It 'writes nothing for a contact whose dates and date answers were only read' {
        $contact = Get-DatedContact
        $null = $contact.Answers.'Member since'
        $versions = (Get-RawHistory $contact.id).Count
        $contact | Set-QomonContact -Confirm:$false
        (Get-RawHistory $contact.id).Count | Should -Be $versions
    }

    It 'takes a date answer only read as no change, so a concurrent edit of it on the server survives' {
        $contact = Get-DatedContact
        $null = $contact.Answers.'Member since'
        Set-QomonContact -Id $contact.id -Property @{ 'custom:Member since' = '2001-02-03' } -Confirm:$false
        $contact.mobile = '+33 6 00 00 00 01'
        $contact | Set-QomonContact -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 0
        $after = (Get-RawHistory $contact.id)[-1]
        $after['mobile'].GetValue[string]() | Should -Be '+33 6 00 00 00 01'
        @($after['custom_fields'].AsArray() | Where-Object { $_['form_id'].GetValue[long]() -eq 879857 } | ForEach-Object { $_['data'].GetValue[string]() }) |
            Should -Be '2001-02-03T00:00:00.000Z'
    }

    It 'writes a day set as [datetime] as that day in a time zone east of Greenwich' {
        $contact = Get-DatedContact
        $zone = $env:TZ
        try {
            $env:TZ = 'Asia/Tokyo'
            [System.TimeZoneInfo]::ClearCachedData()
            [System.TimeZoneInfo]::Local.BaseUtcOffset | Should -Be ([timespan]::FromHours(9))
            $contact.birthdate = [datetime]'1980-05-17'
            $contact.Answers.'Member since' = (Get-Date -Year 2021 -Month 3 -Day 9 -Hour 0 -Minute 0 -Second 0 -Millisecond 0)
            $contact | Set-QomonContact -Confirm:$false
        }
        finally {
            $env:TZ = $zone
            [System.TimeZoneInfo]::ClearCachedData()
        }
        $after = (Get-RawHistory $contact.id)[-1]
        $after['birthdate'].GetValue[string]() | Should -Be '1980-05-17T00:00:00Z'
        @($after['custom_fields'].AsArray() | Where-Object { $_['form_id'].GetValue[long]() -eq 879857 } | ForEach-Object { $_['data'].GetValue[string]() }) |
            Should -Be '2021-03-09T00:00:00.000Z'
    }

    It 'writes a day moved from the one read' {
        $contact = Get-DatedContact
        $expected = $contact.birthdate.AddDays(1).ToString('yyyy-MM-dd')
        $contact.birthdate = $contact.birthdate.AddDays(1)
        $contact | Set-QomonContact -Confirm:$false
        (Get-RawHistory $contact.id)[-1]['birthdate'].GetValue[string]() | Should -Be "${expected}T00:00:00Z"
    }

    It 'refuses a date set as text in no known order, and sends nothing' {
        $contact = Get-DatedContact
        $versions = (Get-RawHistory $contact.id).Count
        $contact.birthdate = '17/05/1980'
        $contact | Set-QomonContact -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.InvalidInput,*'
        "$($problems[0])" | Should -Match "birthdate.*'17/05/1980' is not a valid date"
        (Get-RawHistory $contact.id).Count | Should -Be $versions
    }
}

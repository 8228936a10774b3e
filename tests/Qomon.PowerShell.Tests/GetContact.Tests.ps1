# Get-QomonContact against the emulator: by id (pipeline, order, errors, concurrency under the budget) and by
# search (-Filter, -Query, -UpdatedSince, -All, paging, -Count), plus the Qomon.Contact output shape.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/QomonTestHelpers.psm1') -Force
    # One emulator for the file: 5,000 seeded contacts, a bucket scaled up so bulk reads take seconds.
    $script:emulator = Start-TestEmulator -Seed 5000 -Settings @{ burst = 100; rate = 500 }
    Connect-TestEmulator $script:emulator
    $script:ids = @(Get-QomonContact -First 3000 | ForEach-Object id)
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Get-QomonContact -Id' {
    It 'returns a Qomon.Contact with the API''s field names' {
        $contact = Get-QomonContact -Id $script:ids[0]
        $contact.pstypenames[0] | Should -Be 'Qomon.Contact'
        $contact.id | Should -Be $script:ids[0]
        $contact.Id | Should -BeOfType [long]
        $contact.psobject.Properties.Name | Should -Contain 'firstname'
        $contact.psobject.Properties.Name | Should -Contain 'surname'
    }

    It 'keeps nested objects as objects and arrays as arrays' {
        $contact = Get-QomonContact -Id $script:ids[0]
        $contact.address | Should -BeOfType [pscustomobject]
        , $contact.formdatas | Should -BeOfType [object[]]
    }

    It 'reads friendly aliases defined once for the type' {
        $contact = Get-QomonContact -Id $script:ids[0]
        $contact.Email | Should -Be $contact.mail
        $contact.LastName | Should -Be $contact.surname
        $contact.City | Should -Be $contact.address.city
        $contact.psobject.Properties['Email'].MemberType | Should -Be 'AliasProperty'
        (Get-TypeData Qomon.Contact).Members.Keys | Should -Contain 'Email'
    }

    It 'reads aliases and shows its table under Set-StrictMode, for a contact without address or tags' {
        $id = New-TestContact @{ firstname = 'Strict'; surname = 'Mode' }
        $result = & {
            Set-StrictMode -Version Latest
            $contact = Get-QomonContact -Id $id
            [pscustomobject]@{ City = $contact.City; Tags = $contact.TagNames.Count; Table = $contact | Out-String -Width 80 }
        }
        $result.City | Should -BeNullOrEmpty
        $result.Tags | Should -Be 0
        $result.Table | Should -Match 'Strict'
    }

    It 'sets nested fields through an alias' {
        $contact = Get-QomonContact -Id $script:ids[0]
        $contact.City = 'Elsewhere'
        $contact.address.city | Should -Be 'Elsewhere'
    }

    It 'shows form and custom-field answers by label' {
        $withAnswers = Get-QomonContact -First 200 | Where-Object { @($_.formdatas).Count -gt 0 } | Select-Object -First 1
        $withAnswers | Should -Not -BeNullOrEmpty
        $labels = @($withAnswers.Answers.psobject.Properties.Name)
        $labels.Count | Should -BeGreaterThan 0
        $formLabels = @(Get-QomonForm | ForEach-Object Label)
        $labels | Where-Object { $_ -notin $formLabels -and $_ -notmatch '\[\d+\]$' } | Should -BeNullOrEmpty
    }

    It 'takes ids from the pipeline by value and by property name (Id, ContactId)' {
        $three = $script:ids[0..2]
        @($three | Get-QomonContact).id | Should -Be $three
        @($three | ForEach-Object { [pscustomobject]@{ Id = $_ } } | Get-QomonContact).id | Should -Be $three
        @($three | ForEach-Object { [pscustomobject]@{ ContactId = $_ } } | Get-QomonContact).id | Should -Be $three
        @(Get-QomonContact -Id $three | Get-QomonContact).id | Should -Be $three
    }

    It 'writes a non-terminating ObjectNotFound error per missing id, with the id as target' {
        $found = Get-QomonContact -Id $script:ids[0], 999999991, $script:ids[1], 999999992 -ErrorVariable missing -ErrorAction SilentlyContinue
        @($found).id | Should -Be @($script:ids[0], $script:ids[1])
        $missing.Count | Should -Be 2
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'Qomon.ContactNotFound*'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 999999991
        $missing[1].TargetObject | Should -Be 999999992
    }

    It 'stops at the first missing id with -ErrorAction Stop' {
        { Get-QomonContact -Id 999999993, $script:ids[0] -ErrorAction Stop } | Should -Throw -ErrorId 'Qomon.ContactNotFound*'
    }

    It 'takes the id by position' {
        (Get-QomonContact $script:ids[0]).id | Should -Be $script:ids[0]
    }

    It 'stops with one terminating AuthenticationError when the key is refused' {
        $bad = Connect-Qomon -ApiKey (ConvertTo-SecureString 'revoked-key' -AsPlainText -Force) -BaseUri $script:emulator.Url -SkipValidation -PassThru
        $err = { $script:ids[0..49] | Get-QomonContact -Connection $bad } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Qomon.AuthenticationFailed*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        { Get-QomonContact -Connection $bad } | Should -Throw -ErrorId 'Qomon.AuthenticationFailed*'
        $bad | Disconnect-Qomon
    }

    It 'refuses ids that are not positive' {
        { Get-QomonContact -Id 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'reads 3,000 contacts through the pipeline in input order without a single 429' {
        $traffic = Measure-EmulatorTraffic $script:emulator { $script:ids | Get-QomonContact -ThrottleLimit 8 }
        $traffic.Output.Count | Should -Be 3000
        # Output keeps input order although requests run concurrently.
        [long[]]$traffic.Output.id | Should -Be ([long[]]$script:ids)
        $traffic.Throttled | Should -Be 0
        $traffic.Routes['GET /contacts/{id}'] | Should -Be 3000
    }

    It 'shares one budget across two pipelines in a row (no 429 when the second starts)' {
        $traffic = Measure-EmulatorTraffic $script:emulator {
            $script:ids[0..599] | Get-QomonContact
            $script:ids[600..1199] | Get-QomonContact
        }
        $traffic.Output.Count | Should -Be 1200
        $traffic.Throttled | Should -Be 0
        (Get-QomonConnection).Throttled | Should -Be 0
    }

    It 'stops fetching when Select-Object -First has enough' {
        $traffic = Measure-EmulatorTraffic $script:emulator { $script:ids | Get-QomonContact | Select-Object -First 5 }
        $traffic.Output.Count | Should -Be 5
        # At most the requests in flight when the fifth arrived, not 3,000.
        $traffic.Routes['GET /contacts/{id}'] | Should -BeLessThan 100
    }

    It 'keeps the contact as read for Set-QomonContact to merge only what changed' {
        $contact = Get-QomonContact -Id $script:ids[0]
        $cityAsRead = $contact.address.city
        $contact.City = 'Changed-In-Place'
        $original = $null; $current = $null
        [Qomon.PowerShell.Output.ContactSnapshots]::TryGetEdit($contact, [ref]$original, [ref]$current) | Should -BeTrue
        $original['address']['city'].ToString() | Should -Be $cityAsRead
        $current['address']['city'].ToString() | Should -Be 'Changed-In-Place'
        $current.ContainsKey('Email') | Should -BeFalse -Because 'type-level aliases are views, not data'
        [Qomon.PowerShell.Output.ContactSnapshots]::TryGetOriginal([pscustomobject]@{ id = 1 }, [ref]$original) | Should -BeFalse
    }

    It 'reads with an explicit -Connection' {
        $other = Connect-TestEmulator $script:emulator -PassThru
        $traffic = Measure-EmulatorTraffic $script:emulator { Get-QomonContact -Id $script:ids[0] -Connection $other }
        $traffic.Output.id | Should -Be $script:ids[0]
        $other.Requests | Should -BeGreaterThan 0
        $other | Disconnect-Qomon
    }

    It 'writes one verbose line per request on the pipeline thread' {
        $verbose = Get-QomonContact -Id $script:ids[0..1] -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -Match 'GET /contacts/\d+').Count | Should -Be 2
    }

    It 'applies -Skip and -First to the contacts read, and reads no further' {
        $traffic = Measure-EmulatorTraffic $script:emulator { $script:ids[0..199] | Get-QomonContact -Skip 1 -First 2 }
        @($traffic.Output).id | Should -Be $script:ids[1..2]
        $traffic.Routes['GET /contacts/{id}'] | Should -BeLessThan 100
    }
}

Describe 'Get-QomonContact search' {
    It 'returns one page and warns once that more exist' {
        $page = Get-QomonContact -PageSize 50 -WarningVariable warnings -WarningAction SilentlyContinue
        @($page).Count | Should -Be 50
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match '-All'
    }

    It 'does not warn when the page holds everything' {
        $null = Get-QomonContact -Filter @{ surname = 'Nobody-Has-This-Name' } -WarningVariable warnings
        @($warnings).Count | Should -Be 0
    }

    It '-All over 5,000 contacts returns each exactly once' {
        $traffic = Measure-EmulatorTraffic $script:emulator { Get-QomonContact -All 3>&1 }
        @($traffic.Output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -BeNullOrEmpty -Because 'nothing changed during the read'
        $ids = @($traffic.Output | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] } | ForEach-Object id)
        $ids.Count | Should -Be (Get-QomonContact -Count)
        $ids.Count | Should -BeGreaterOrEqual 5000
        ($ids | Sort-Object -Unique).Count | Should -Be $ids.Count
        # -All streams pages of 200: about 25 searches for 5,000 contacts, not one per contact.
        $traffic.Routes['POST /search'] | Should -BeLessOrEqual ([math]::Ceiling($ids.Count / 200) + 1)
    }

    It 'shows progress per page for -All, with the total from /kpi, and completes it' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $url, $key)
                    Import-Module $module
                    Connect-Qomon -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -BaseUri $url -SkipValidation
                    Get-QomonContact -All | Out-Null
                }).AddArgument($env:QOMON_TEST_MODULE).AddArgument($script:emulator.Url).AddArgument($script:emulator.ApiKey)
            $null = $ps.Invoke()
            $records = @($ps.Streams.Progress | Where-Object Activity -EQ 'Reading Qomon contacts')
            @($records | Where-Object RecordType -EQ 'Processing').Count | Should -BeGreaterOrEqual 5
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }

    It 'asks Qomon''s count once per -All read, for progress and to check nothing slipped by' {
        $traffic = Measure-EmulatorTraffic $script:emulator { & { $ProgressPreference = 'SilentlyContinue'; Get-QomonContact -All -PageSize 1000 | Select-Object -First 1 } }
        [int]$traffic.Routes['POST /kpi'] | Should -Be 1
    }

    It 'respects -All:$false' {
        @(Get-QomonContact -All:$false -PageSize 10 -WarningAction SilentlyContinue).Count | Should -Be 10
    }

    It 'streams: Select-Object -First stops after the first page' {
        # Counted by this connection as it sends, not by the emulator as it answers: an earlier test's page still on its
        # way when that test stopped would otherwise land in this count on a loaded machine.
        $before = (Get-QomonConnection).Requests
        $output = @(Get-QomonContact -All -PageSize 100 | Select-Object -First 5)
        $sent = (Get-QomonConnection).Requests - $before
        $output.Count | Should -Be 5
        # Of the 50 pages: Qomon's count (for progress), the first page, and at most the next one already on its way.
        $sent | Should -BeLessOrEqual 3
    }

    It 'pages with -First and -Skip, across page boundaries' {
        $all = @(Get-QomonContact -First 30 -PageSize 1000).id
        $all.Count | Should -Be 30
        @(Get-QomonContact -Skip 10 -First 5).id | Should -Be $all[10..14]
        @(Get-QomonContact -Skip 10 -First 15 -PageSize 7).id | Should -Be $all[10..24]
    }

    It 'sends nothing and returns nothing with -First 0' {
        $traffic = Measure-EmulatorTraffic $script:emulator { Get-QomonContact -First 0; Get-QomonContact -First 0 -All -Filter @{ surname = 'Martin' } }
        @($traffic.Output).Count | Should -Be 0
        $traffic.RequestsTotal | Should -Be 0
        $traffic = Measure-EmulatorTraffic $script:emulator { $script:ids[0..9] | Get-QomonContact -First 0 }
        @($traffic.Output).Count | Should -Be 0
        $traffic.RequestsTotal | Should -Be 0
    }

    It 'with -First 0 -IncludeTotalCount asks only for the total' {
        $traffic = Measure-EmulatorTraffic $script:emulator { Get-QomonContact -First 0 -IncludeTotalCount }
        @($traffic.Output).Count | Should -Be 1
        $traffic.Routes['POST /kpi'] | Should -Be 1
        [int]$traffic.Routes['POST /search'] | Should -Be 0
    }

    It 'reports the total first with -IncludeTotalCount' {
        $result = @(Get-QomonContact -First 2 -IncludeTotalCount)
        $result.Count | Should -Be 3
        [long]$result[0].psobject.BaseObject | Should -Be (Get-QomonContact -Count)
    }

    It 'counts through /kpi with -Count' {
        $traffic = Measure-EmulatorTraffic $script:emulator { Get-QomonContact -Count }
        $traffic.Output | Should -BeOfType [long]
        $traffic.Output | Should -BeGreaterOrEqual 5000
        $traffic.Routes['POST /kpi'] | Should -Be 1
        [int]$traffic.Routes['POST /search'] | Should -Be 0
    }

    Context 'exact -Filter where the server matches loosely' {
        BeforeAll {
            $script:marker = 'Filter' + [guid]::NewGuid().ToString('N').Substring(0, 8)
            $script:exactId = New-TestContact @{ firstname = 'Exact'; surname = $script:marker; address = @{ city = 'Test' } }
            $script:looseId = New-TestContact @{ firstname = 'Loose'; surname = $script:marker; address = @{ city = 'Testville' } }
        }

        It 'the server''s eql matches both Test and Testville' {
            $query = @{ '$all' = @(@{ '$all' = @(
                @{ '$condition' = @{ attr = 'address.city'; ope = 'eql'; value = 'Test' } },
                @{ '$condition' = @{ attr = 'surname'; ope = 'eql'; value = $script:marker } }) }) }
            @(Get-QomonContact -Query $query).id | Sort-Object | Should -Be (@($script:exactId, $script:looseId) | Sort-Object)
        }

        It '-Filter returns only the exact match' {
            @(Get-QomonContact -Filter @{ 'address.city' = 'Test'; surname = $script:marker }).id | Should -Be $script:exactId
        }

        It '-Filter -Count counts only exact matches' {
            Get-QomonContact -Filter @{ 'address.city' = 'Test'; surname = $script:marker } -Count | Should -Be 1
        }

        It '-Query takes a JSON string' {
            $json = '{"$all":[{"$all":[{"$condition":{"attr":"surname","ope":"eql","value":"' + $script:marker + '"}}]}]}'
            @(Get-QomonContact -Query $json).Count | Should -Be 2
        }

        It '-Query and -Filter combine' {
            $query = @{ '$all' = @(@{ '$all' = @(@{ '$condition' = @{ attr = 'surname'; ope = 'eql'; value = $script:marker } }) }) }
            @(Get-QomonContact -Query $query -Filter @{ firstname = 'Loose' }).id | Should -Be $script:looseId
        }

        It 'refuses a -Filter naming a field that does not exist, before any request' {
            $traffic = Measure-EmulatorTraffic $script:emulator {
                try { Get-QomonContact -Filter @{ no_such_field = 'x' } } catch { $_ }
            }
            $traffic.Output.FullyQualifiedErrorId | Should -BeLike 'Qomon.InvalidFilter*'
            $traffic.Output.Exception.Message | Should -Match 'no_such_field'
            $traffic.RequestsTotal | Should -Be 0
        }

        It 'refuses a -Query <Name> before any request' -TestCases @(
            @{ Name = 'with a condition directly under the root'; Text = '-Query: $all`[0`]: a $condition must sit inside a group ($all or $at_least_one), not directly under the root*'
                Query = @{ '$all' = @(@{ '$condition' = @{ attr = 'surname'; ope = 'eql'; value = 'x' } }) } }
            @{ Name = 'with an unknown operator'; Text = '-Query: $all`[0`].$all`[0`].$condition.ope: ''equals'' is no Qomon operator; use one of eql, *'
                Query = @{ '$all' = @(@{ '$all' = @(@{ '$condition' = @{ attr = 'surname'; ope = 'equals'; value = 'x' } }) }) } }
            @{ Name = 'with a range lacking its end'; Text = '-Query: *range compares between from and to*'
                Query = '{"$all":[{"$all":[{"$condition":{"attr":"birthdate","ope":"range","from":"1980-01-01"}}]}]}' }
            @{ Name = 'with an unknown attribute'; Text = "-Query: *'surnme' is not a search attribute this module knows; did you mean 'surname'? Known: *Invoke-QomonRequest -Method POST -Path /search*"
                Query = @{ '$at_least_one' = @(@{ '$all' = @(@{ '$condition' = @{ attr = 'surnme'; ope = 'eql'; value = 'x' } }) }) } }
            @{ Name = 'with a form condition without form_id'; Text = '-Query: *a condition on form names its form with form_id*'
                Query = @{ '$all' = @(@{ '$all' = @(@{ '$condition' = @{ attr = 'form'; ope = 'ext' } }) }) } }
        ) {
            $traffic = Measure-EmulatorTraffic $script:emulator {
                try { Get-QomonContact -Query $Query; Get-QomonContact -Query $Query -Count } catch { $_ }
            }
            $traffic.Output.FullyQualifiedErrorId | Should -BeLike 'Qomon.InvalidArgument*'
            $traffic.Output.Exception.Message | Should -BeLike $Text
            $traffic.RequestsTotal | Should -Be 0
        }

        It '-UpdatedSince finds contacts written since a DateTime or a date-math string' {
            $recent = @(Get-QomonContact -UpdatedSince (Get-Date).AddMinutes(-10) -All)
            $recent.id | Should -Contain $script:exactId
            $recent.Count | Should -BeLessThan 5000
            foreach ($contact in $recent) { [datetimeoffset]$contact.UpdatedAt | Should -BeGreaterOrEqual ([datetimeoffset]::UtcNow.AddMinutes(-11)) }
            @(Get-QomonContact -UpdatedSince 'now-1h' -All).id | Should -Contain $script:looseId
        }

        It 'refuses an -UpdatedSince that is no date' {
            { Get-QomonContact -UpdatedSince 'yesterday-ish' } | Should -Throw -ErrorId 'Qomon.InvalidUpdatedSince*'
        }
    }
}

Describe 'Qomon.Contact formatting' {
    It 'has a default table of Id, FirstName, LastName, Email, City, UpdatedAt that fits 80 columns' {
        $lines = Get-QomonContact -Id $script:ids[0..2] | Out-String -Width 80 -Stream | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^\s*Id\s+FirstName\s+LastName\s+Email\s+City\s+UpdatedAt\s*$'
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It 'has a list view that shows each answer on its own line, values joined, and no raw answer rows' {
        $contact = Get-QomonContact -Id $script:ids[0..40] | Where-Object { @($_.Answers.'Volunteer interests').Count -gt 1 -and $_.notes } | Select-Object -First 1
        $contact | Should -Not -BeNullOrEmpty
        $text = $contact | Format-List | Out-String -Width 200
        $text | Should -Not -Match 'System\.(String|Object)\[\]'
        $text | Should -Not -Match 'form_ref_id|formdatas|custom_fields'
        $text | Should -Match ('(?m)^\s*Answers\s*: .*$')
        $interests = ($contact.Answers.'Volunteer interests' -join ', ')
        $text | Should -Match ('(?m)^\s*(Answers\s*:\s*)?Volunteer interests: ' + [regex]::Escape($interests) + '\s*$')
        $answers = @($contact.Answers.psobject.Properties.Name)
        foreach ($label in $answers) { $text | Should -Match ('(?m)^\s*(Answers\s*:\s*)?' + [regex]::Escape($label) + ': ') }
        $text | Should -Match ('(?m)^FirstName\s*: ' + [regex]::Escape($contact.firstname) + '\s*$')
        $text | Should -Match ('(?m)^Tags\s*: ' + [regex]::Escape($contact.TagNames -join ', ') + '\s*$')
        $text | Should -Match '(?m)^UpdatedAt\s*: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\s*$'
        $text | Should -Match ([regex]::Escape(@($contact.notes)[0].data))
    }

    It 'shows the Answers view with lists as lists, and as answers in Format-List *, not System.String[]' {
        $contact = Get-QomonContact -Id $script:ids[0..40] | Where-Object { @($_.Answers.'Volunteer interests').Count -gt 1 } | Select-Object -First 1
        $text = $contact.Answers | Format-List | Out-String -Width 200
        $text | Should -Not -Match 'System\.(String|Object)\[\]'
        $text | Should -Match ('Volunteer interests\s*: \{' + [regex]::Escape($contact.Answers.'Volunteer interests' -join ', ') + '\}')
        $all = ($contact | Format-List * | Out-String -Width 4000 -Stream) -match '^Answers\s*:'
        $all | Should -Match ('Volunteer interests: ' + [regex]::Escape($contact.Answers.'Volunteer interests' -join ', ') + '(;|$)')
        $all | Should -Not -Match 'System\.(String|Object)\[\]'
    }

    It 'declares its output types' {
        (Get-Command Get-QomonContact).OutputType.Name | Should -Contain 'Qomon.Contact'
        foreach ($command in Get-Command -Module Qomon -CommandType Cmdlet) {
            if ($command.Name -match '^(Set|New|Remove)-') { continue }
            $command.OutputType | Should -Not -BeNullOrEmpty -Because "$($command.Name) declares [OutputType]"
        }
    }
}

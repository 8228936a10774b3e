# The API key never shows. One run (BeforeAll) uses every command with -Verbose inside Start-Transcript,
# makes errors happen (401 from a wrong key, 429 with each Retry-After form, injected 500/503, dropped
# connections), formats the connection every way a user might, and exports it with Export-Clixml. Then each test
# searches one kind of output for the key in four forms: the key, "Bearer <key>", and the base64 of each (UTF-8);
# in files also as UTF-16. Connect.Tests.ps1 covers the basic refusal of plain http; here are the look-alikes.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TrustHelpers.psm1') -Force

    # Distinctive keys: nothing else in any output can contain them by chance.
    $script:key = 'QmnTrustKey-' + [guid]::NewGuid().ToString('N')
    $script:wrongKey = 'QmnWrongKey-' + [guid]::NewGuid().ToString('N')
    $script:secrets = foreach ($value in $script:key, $script:wrongKey) {
        $value
        "Bearer $value"
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($value))
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("Bearer $value"))
    }

    # The texts a leak could hide in: { Source, Text }.
    $script:texts = [Collections.Generic.List[object]]::new()
    function Add-Text([string] $Source, $Value) {
        foreach ($item in @($Value)) { if ($null -ne $item) { $script:texts.Add([pscustomobject]@{ Source = $Source; Text = [string]$item }) } }
    }
    function Find-Secret([string] $Text) {
        # The secret forms found in a text (case-insensitive, so 'bearer' and 'BEARER' count too).
        @($script:secrets | Where-Object { $Text.IndexOf($_, [StringComparison]::OrdinalIgnoreCase) -ge 0 })
    }
    function Get-Leak([string] $SourceLike) {
        @(foreach ($text in $script:texts | Where-Object Source -Like $SourceLike) {
                foreach ($found in Find-Secret $text.Text) { "$($text.Source) contains '$found'" }
            })
    }

    # Everything an exception can show: each one in the InnerException chain (and AggregateException's list), its
    # message, ToString (type, message, stack, inner), every property as Format-List shows it, and its Data.
    function Get-ExceptionText($Exception, [int] $Depth = 0) {
        if ($null -eq $Exception -or $Depth -gt 10) { return }
        $Exception.GetType().FullName
        $Exception.Message
        $Exception.ToString()
        $Exception | Format-List * -Force | Out-String -Width 4096
        foreach ($entry in $Exception.Data.GetEnumerator()) { "$($entry.Key)=$($entry.Value)" }
        Get-ExceptionText $Exception.InnerException ($Depth + 1)
        if ($Exception -is [AggregateException]) { foreach ($inner in $Exception.InnerExceptions) { Get-ExceptionText $inner ($Depth + 1) } }
    }
    function Add-ErrorRecordText([string] $Source, $Record) {
        Add-Text "$Source.ToString" $Record.ToString()
        Add-Text "$Source.FullyQualifiedErrorId" $Record.FullyQualifiedErrorId
        Add-Text "$Source.CategoryInfo" $Record.CategoryInfo.ToString()
        if ($Record.ErrorDetails) { Add-Text "$Source.ErrorDetails" ($Record.ErrorDetails.Message, $Record.ErrorDetails.RecommendedAction) }
        Add-Text "$Source.TargetObject" ($Record.TargetObject | Out-String -Width 4096)
        try { Add-Text "$Source.TargetObject" (ConvertTo-Json $Record.TargetObject -Depth 3 -Compress -WarningAction SilentlyContinue) } catch { Add-Text "$Source.TargetObject" $_.Exception.Message }
        Add-Text "$Source.ScriptStackTrace" $Record.ScriptStackTrace
        if ($Record.InvocationInfo) { Add-Text "$Source.InvocationInfo" ($Record.InvocationInfo.PositionMessage, ($Record.InvocationInfo | Format-List * | Out-String -Width 4096)) }
        Add-Text "$Source.Record" ($Record | Format-List * -Force | Out-String -Width 4096)
        Add-Text "$Source.Exception" (Get-ExceptionText $Record.Exception)
    }

    $script:started = [DateTime]::UtcNow.AddSeconds(-2)
    $script:work = New-TrustTempDirectory 'qomon-secrets'
    $script:emulator = Start-TestEmulator -Seed 20 -ApiKey $script:key -Settings @{ burst = 100; rate = 500; 'random-seed' = 7 }
    $secure = ConvertTo-SecureString $script:key -AsPlainText -Force
    $wrongSecure = ConvertTo-SecureString $script:wrongKey -AsPlainText -Force
    $script:transcript = Join-Path $script:work 'transcript.txt'
    $script:clixml = Join-Path $script:work 'connection.clixml'
    $script:caught = [Collections.Generic.List[object]]::new()
    # Runs a command expected to fail; a terminating error is kept (and written out) like a non-terminating one.
    function Invoke-Failing([scriptblock] $Command) { try { & $Command } catch { $script:caught.Add($_); $_ } }
    $Error.Clear()

    $DebugPreference = 'Continue'
    $null = Start-Transcript -Path $script:transcript -IncludeInvocationHeader
    try {
        $script:stream = & {
            # Every command, with -Verbose, succeeding.
            Connect-Qomon -ApiKey $secure -BaseUri $script:emulator.Url -Verbose
            $connection = Get-QomonConnection -Verbose
            $connection
            Get-QomonForm -Verbose | Select-Object -First 2
            Get-QomonForm -Id 47566 -Refresh -Verbose
            $contacts = @(Get-QomonContact -First 3 -Verbose)
            $contacts
            Get-QomonContact -Id $contacts.id -Verbose
            Get-QomonContact -Filter @{ 'address.city' = 'Nice' } -First 2 -Verbose
            Invoke-QomonRequest -Path "/contacts/$($contacts[0].id)" -Verbose
            Invoke-QomonRequest -Method POST -Path '/kpi' -Body @{ data = @{ advanced_search = @{ query = @{ '$all' = @() } } } } -Verbose
            $new = New-QomonContact -Property @{ firstname = 'Trust'; surname = 'Secret'; mail = 'trust.secret@example.org' } -Verbose
            $new
            Set-QomonContact -Id $new.id -Property @{ mobile = '+33 6 99 99 99 01' } -PassThru -Verbose
            $contacts[1] | Set-QomonContact -Property @{ phone = '+33 1 99 99 99 02' } -AddTag trust -Verbose
            Remove-QomonContact -Id $new.id -Confirm:$false -Verbose

            # 404 answers.
            Invoke-Failing { Get-QomonContact -Id 99999999 -Verbose -ErrorAction Continue }
            Invoke-Failing { Invoke-QomonRequest -Path '/contacts/99999998' -Verbose -ErrorAction Continue }

            # 401: a wrong key, validated at connect, and unvalidated then used.
            Invoke-Failing { Connect-Qomon -ApiKey $wrongSecure -BaseUri $script:emulator.Url -PassThru -Verbose }
            $wrong = Connect-Qomon -ApiKey $wrongSecure -BaseUri $script:emulator.Url -SkipValidation -PassThru -Verbose
            Invoke-Failing { Get-QomonContact -First 1 -Connection $wrong -Verbose -ErrorAction Continue }
            Invoke-Failing { Set-QomonContact -Id $contacts[0].id -Property @{ mobile = '+33 6 99 99 99 03' } -Connection $wrong -Verbose -ErrorAction Continue }
            $wrong | Format-List * | Out-String -Width 4096
            $wrong | Disconnect-Qomon -Verbose

            # Faults on a connection that does not retry, so each error shows at once.
            $fragile = Connect-Qomon -ApiKey $secure -BaseUri $script:emulator.Url -MaxRetryCount 0 -PassThru -Verbose
            Set-EmulatorConfig $script:emulator @{ faultRate = 1 }
            Invoke-Failing { Get-QomonContact -Id $contacts[0].id -Connection $fragile -Verbose -ErrorAction Continue }
            Invoke-Failing { Set-QomonContact -Id $contacts[0].id -Property @{ mobile = '+33 6 99 99 99 04' } -Connection $fragile -Verbose -ErrorAction Continue }
            Set-EmulatorConfig $script:emulator @{ faultRate = 0; resetRate = 1 }
            Invoke-Failing { Get-QomonContact -Id $contacts[0].id -Connection $fragile -Verbose -ErrorAction Continue }
            Invoke-Failing { Invoke-QomonRequest -Method POST -Path '/contacts' -Body @{ data = @{ contact = @{ firstname = 'Lost' } } } -Connection $fragile -Verbose -ErrorAction Continue }
            # 429: a PATCH costs 5 tokens and the bucket holds 3, so Qomon refuses it whatever the client waits (an upsert,
            # 1 token, would pass).
            Set-EmulatorConfig $script:emulator @{ resetRate = 0; burst = 3; rate = 100; retryAfter = 'none' }
            Invoke-Failing { Set-QomonContact -Id $contacts[0].id -Property @{ mobile = '+33 6 99 99 99 05' } -WriteMethod Patch -Connection $fragile -Verbose -ErrorAction Continue }
            Set-EmulatorConfig $script:emulator @{ retryAfter = 'seconds' }
            Invoke-Failing { Invoke-QomonRequest -Method PATCH -Path "/contacts/$($contacts[0].id)" -Body @{ data = @{ contact = @{ firstname = 'X' } } } -Connection $fragile -Verbose -ErrorAction Continue }
            Set-EmulatorConfig $script:emulator @{ retryAfter = 'date' }
            Invoke-Failing { New-QomonContact -Property @{ firstname = 'Never' } -Connection $fragile -Verbose -ErrorAction Continue }
            Set-EmulatorConfig $script:emulator @{ burst = 100; rate = 500; retryAfter = 'seconds' }
            # A terminating error, caught.
            Invoke-Failing { Get-QomonContact -Id 99999997 -Connection $fragile -ErrorAction Stop -Verbose }
            $fragile | Disconnect-Qomon

            # The connection, every way it can be shown or saved.
            $connection | Format-List * -Force | Out-String -Width 4096
            $connection | Format-Table * -AutoSize | Out-String -Width 4096
            $connection | Format-Table | Out-String -Width 4096
            $connection | Format-Custom -Depth 3 | Out-String -Width 4096
            $connection.Settings | Format-List * -Force | Out-String -Width 4096
            ConvertTo-Json $connection -Depth 5 -WarningAction SilentlyContinue
            $connection.ToString()
            "$connection"
            $connection | Out-String -Width 4096
            $connection | Select-Object * | Out-String -Width 4096
            $connection.psobject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }
            $connection | Export-Clixml -Path $script:clixml -Depth 5
            Disconnect-Qomon -Verbose
        } *>&1
    }
    finally {
        $null = Stop-Transcript
        $DebugPreference = 'SilentlyContinue'
    }
    $script:errors = @($Error)
    $script:stats = Get-EmulatorStats $script:emulator

    foreach ($record in $script:stream) {
        $kind = $record.GetType().Name
        Add-Text "stream.$kind" ($record | Out-String -Width 4096)
        switch ($record) {
            { $_ -is [System.Management.Automation.ErrorRecord] } { Add-ErrorRecordText 'stream.ErrorRecord' $_ }
            { $_ -is [System.Management.Automation.InformationalRecord] } { Add-Text "stream.$kind" $_.Message }
            { $_ -is [System.Management.Automation.InformationRecord] } { Add-Text "stream.$kind" ([string]$_.MessageData) }
            { $_ -is [string] } { Add-Text 'stream.String' $_ }
        }
    }
    foreach ($record in @($script:errors) + @($script:caught)) { Add-ErrorRecordText '$Error' $record }
    Add-Text 'transcript' (Get-Content $script:transcript -Raw)
    Add-Text 'clixml' (Get-Content $script:clixml -Raw)
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
    Remove-Item $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The run the leak checks search' {
    It 'finds a key planted in a text, in each of the four forms (the search works)' {
        foreach ($form in $script:secrets) { Find-Secret "before $form after" | Should -Contain $form }
        Find-Secret "authorization: bearer $($script:key.ToUpperInvariant())" | Should -Not -BeNullOrEmpty
        Find-Secret 'nothing here' | Should -BeNullOrEmpty
    }

    It 'wrote verbose and debug lines, output, and the transcript and Clixml files' {
        @($script:stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 10
        @($script:stream | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0
        @($script:stream | Where-Object { $_.psobject.TypeNames -contains 'Qomon.Contact' }).Count | Should -BeGreaterThan 3
        (Get-Item $script:transcript).Length | Should -BeGreaterThan 1000
        (Get-Item $script:clixml).Length | Should -BeGreaterThan 100
    }

    It 'made each error happen: 401, 404, 429 (with each Retry-After form), 500/503 and dropped connections' {
        $ids = @(@($script:errors) + @($script:stream | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] } | Sort-Object -Unique)
        foreach ($id in 'Qomon.AuthenticationFailed', 'Qomon.ContactNotFound', 'Qomon.RateLimitExceeded', 'Qomon.ConnectionFailed') { $ids | Should -Contain $id }
        $statuses = @($script:stats.requests.psobject.Properties.Value | ForEach-Object { $_.psobject.Properties.Name })
        foreach ($status in '401', '404', '429') { $statuses | Should -Contain $status }
        @($script:errors | Where-Object { $_.Exception.Message -match 'connection failure' }).Count | Should -BeGreaterOrEqual 2 -Because 'two requests had their connection dropped'
        @($statuses | Where-Object { $_ -in '500', '502', '503' }).Count | Should -BeGreaterThan 0
        $script:stats.throttled | Should -BeGreaterOrEqual 3
        $script:stats.faultsInjected | Should -BeGreaterOrEqual 4
        @($script:errors).Count | Should -BeGreaterOrEqual 10
    }
}

Describe 'The key never shows' {
    It 'is in no stream: output, errors, warnings, verbose, debug, information' {
        @($script:texts | Where-Object Source -Like 'stream.*').Count | Should -BeGreaterThan 50
        Get-Leak 'stream.*' | Should -BeNullOrEmpty
    }

    It 'is in no error record of $Error or caught: ToString, ErrorDetails, TargetObject, ScriptStackTrace, InvocationInfo, the exceptions and their inner exceptions' {
        @($script:texts | Where-Object Source -Like '$Error.Exception').Count | Should -BeGreaterOrEqual 10
        Get-Leak '$Error.*' | Should -BeNullOrEmpty
    }

    It 'is not in the transcript' {
        Get-Leak 'transcript' | Should -BeNullOrEmpty
    }

    It 'is not in the Clixml export of the connection' {
        Get-Leak 'clixml' | Should -BeNullOrEmpty
    }

    It 'is in no process environment variable' {
        $environment = [Environment]::GetEnvironmentVariables().GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }
        @($environment | Where-Object { Find-Secret $_ }) | Should -BeNullOrEmpty
    }

    It 'was written to no file modified since the run began (module folder, home, temp)' {
        $needles = foreach ($secret in $script:secrets) { , [Text.Encoding]::UTF8.GetBytes($secret); , [Text.Encoding]::Unicode.GetBytes($secret) }
        $options = [IO.EnumerationOptions]@{ RecurseSubdirectories = $true; IgnoreInaccessible = $true; AttributesToSkip = [IO.FileAttributes]::ReparsePoint }
        $roots = @(Split-Path $env:QOMON_TEST_MODULE -Parent; $HOME; [IO.Path]::GetTempPath()) | Where-Object { $_ -and (Test-Path $_) }
        $searched = 0
        $leaks = foreach ($root in $roots) {
            foreach ($path in [IO.Directory]::EnumerateFiles($root, '*', $options)) {
                $file = [IO.FileInfo]::new($path)
                if ($file.LastWriteTimeUtc -lt $script:started -or $file.Length -gt 64MB -or $file.Length -eq 0) { continue }
                try { $bytes = [IO.File]::ReadAllBytes($path) } catch { continue }
                $searched++
                # Latin-1 maps each byte to one char, so a byte sequence is found as a substring.
                $text = [Text.Encoding]::Latin1.GetString($bytes)
                foreach ($needle in $needles) {
                    if ($text.IndexOf([Text.Encoding]::Latin1.GetString($needle), [StringComparison]::Ordinal) -ge 0) { $path; break }
                }
            }
        }
        $searched | Should -BeGreaterThan 1 -Because 'at least the transcript and the Clixml file were written during the run'
        @($leaks) | Should -BeNullOrEmpty
    }
}

Describe 'Connect-Qomon and plain http that only looks local' {
    It 'refuses <BaseUri>, also with -SkipValidation' -TestCases @(
        @{ BaseUri = 'http://localhost.example.org' }
        @{ BaseUri = 'http://127.0.0.1.nip.io' }
        @{ BaseUri = 'http://127.0.0.1@qomon.example.org' }
        @{ BaseUri = 'http://0x7f000001.example.org' }
        @{ BaseUri = 'ws://127.0.0.1:5000' }
    ) {
        $before = (Get-EmulatorStats $script:emulator).requestsTotal
        $err = { Connect-Qomon -ApiKey (ConvertTo-SecureString $script:key -AsPlainText -Force) -BaseUri $BaseUri -SkipValidation -PassThru } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Qomon.InsecureBaseUri*'
        Find-Secret $err.ToString() | Should -BeNullOrEmpty
        (Get-EmulatorStats $script:emulator).requestsTotal | Should -Be $before
    }

    It 'allows plain http to the IPv6 loopback [::1]' {
        $port = ([uri]$script:emulator.Url).Port
        $connection = Connect-Qomon -ApiKey (ConvertTo-SecureString $script:key -AsPlainText -Force) -BaseUri "http://[::1]:$port" -SkipValidation -PassThru
        $connection.BaseUri.IsLoopback | Should -BeTrue
        $connection | Disconnect-Qomon
    }
}

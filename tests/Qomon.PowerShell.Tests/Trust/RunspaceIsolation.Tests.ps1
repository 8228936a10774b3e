# Connections in different runspaces with different keys: one emulator with two keys, each its own space (contact
# ids 83xxxxxx and 84xxxxxx) and its own bucket. Runspaces started by ForEach-Object -Parallel and by
# Start-ThreadJob each connect with their own key and read and write at the same time; none sees the other's
# data, default connection or counters, nor the default of the runspace that started them. A connection passed
# explicitly with -Connection works in any runspace.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force

    $script:keyA = 'runspace-a-' + [guid]::NewGuid().ToString('N')
    $script:keyB = 'runspace-b-' + [guid]::NewGuid().ToString('N')
    $script:emulator = Start-TestEmulator -Seed 20 -ApiKey $script:keyA -AdditionalApiKey $script:keyB -Settings @{ burst = 200; rate = 1000 }
    # The starting runspace is connected to space A: the runspaces below must not inherit it.
    Connect-Qomon -ApiKey (ConvertTo-SecureString $script:keyA -AsPlainText -Force) -BaseUri $script:emulator.Url
    $script:parentFingerprint = (Get-QomonConnection).KeyFingerprint

    # What each runspace does: connect with its own key (its default connection), read ten contacts, read some
    # more by id (Reads), merge a marker into its first contact, create a contact with the surname both runspaces
    # use, and find contacts by that surname. Returns what it saw and its connection's counters.
    $script:work = {
        param($Module, $Url, $Key, $Marker, $Reads)
        $ErrorActionPreference = 'Stop'
        Import-Module $Module
        $hadDefault = [bool](Get-QomonConnection)
        Connect-Qomon -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -BaseUri $Url
        $contacts = @(Get-QomonContact -First 10)
        for ($i = 0; $i -lt $Reads; $i++) { $null = Get-QomonContact -Id $contacts[$i % 10].id }
        $merged = Set-QomonContact -Id $contacts[0].id -Property @{ mobile = $Marker } -PassThru
        $created = New-QomonContact -Property @{ firstname = $Marker; surname = 'Runspacetwin' }
        $found = @(Get-QomonContact -Filter @{ surname = 'Runspacetwin' })
        $connection = Get-QomonConnection
        [pscustomobject]@{
            Marker      = $Marker
            HadDefault  = $hadDefault
            Ids         = @($contacts.id)
            MergedId    = $merged.id
            CreatedId   = $created.id
            Found       = @($found.id)
            Fingerprint = $connection.KeyFingerprint
            Requests    = $connection.Requests
            TokensSpent = $connection.TokensSpent
            Runspace    = [runspace]::DefaultRunspace.InstanceId
        }
        Disconnect-Qomon
    }

    # The two results, checked the same way whichever runspace kind ran them.
    function Assert-Apart($A, $B, [int] $ReadsA) {
        $A.HadDefault | Should -BeFalse -Because 'a new runspace starts without a default connection'
        $B.HadDefault | Should -BeFalse
        $A.Runspace | Should -Not -Be $B.Runspace
        @($A.Ids | Where-Object { $_ -notlike '83*' }) | Should -BeNullOrEmpty -Because 'key A reads space 1 only'
        @($B.Ids | Where-Object { $_ -notlike '84*' }) | Should -BeNullOrEmpty -Because 'key B reads space 2 only'
        [string]$A.CreatedId | Should -BeLike '83*'
        [string]$B.CreatedId | Should -BeLike '84*'
        @($A.Found) | Should -Be @($A.CreatedId) -Because 'each finds its own Runspacetwin, not the other''s'
        @($B.Found) | Should -Be @($B.CreatedId)
        $A.Fingerprint | Should -Not -Be $B.Fingerprint
        # Counters: A made ReadsA more requests than B; shared counters would give B at least as many.
        $A.Requests | Should -BeGreaterOrEqual ($ReadsA + 4)
        $B.Requests | Should -BeLessThan $ReadsA
        $B.TokensSpent | Should -BeLessThan $A.TokensSpent
        (Get-ContactHistory $script:emulator $A.MergedId)[-1].mobile | Should -Be $A.Marker
        (Get-ContactHistory $script:emulator $B.MergedId)[-1].mobile | Should -Be $B.Marker
        (Get-ContactHistory $script:emulator $A.CreatedId)[-1].firstname | Should -Be $A.Marker
        (Get-ContactHistory $script:emulator $B.CreatedId)[-1].firstname | Should -Be $B.Marker
        # The starting runspace keeps its own default.
        (Get-QomonConnection).KeyFingerprint | Should -Be $script:parentFingerprint
    }

    function Remove-Twin($A, $B) {
        foreach ($result in $A, $B) {
            $key = if ([string]$result.CreatedId -like '83*') { $script:keyA } else { $script:keyB }
            $connection = Connect-Qomon -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -BaseUri $script:emulator.Url -SkipValidation -PassThru
            Remove-QomonContact -Id $result.CreatedId -Connection $connection -Confirm:$false
            $connection | Disconnect-Qomon
        }
    }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Runspaces with their own keys' {
    It 'keeps data, default connections and counters apart under ForEach-Object -Parallel' {
        $jobs = @(
            [pscustomobject]@{ Key = $script:keyA; Marker = '+33 6 31 31 31 01'; Reads = 30 }
            [pscustomobject]@{ Key = $script:keyB; Marker = '+33 6 31 31 31 02'; Reads = 0 }
        )
        # A script block cannot cross into -Parallel as a $using: value; its text can.
        $workText = $script:work.ToString()
        $modulePath = $env:QOMON_TEST_MODULE
        $url = $script:emulator.Url
        $results = @($jobs | ForEach-Object -ThrottleLimit 2 -Parallel {
                $work = [scriptblock]::Create($using:workText)
                & $work $using:modulePath $using:url $_.Key $_.Marker $_.Reads
            })
        $results.Count | Should -Be 2
        $a = $results | Where-Object Marker -EQ '+33 6 31 31 31 01'
        $b = $results | Where-Object Marker -EQ '+33 6 31 31 31 02'
        Assert-Apart $a $b 30
        Remove-Twin $a $b
    }

    It 'keeps data, default connections and counters apart in thread jobs' {
        $module = Get-Module -ListAvailable Microsoft.PowerShell.ThreadJob, ThreadJob | Select-Object -First 1
        if (-not $module) { Set-ItResult -Skipped -Because 'this pwsh has no ThreadJob module'; return }
        $jobA = Start-ThreadJob -ScriptBlock $script:work -ArgumentList $env:QOMON_TEST_MODULE, $script:emulator.Url, $script:keyA, '+33 6 32 32 32 01', 30
        $jobB = Start-ThreadJob -ScriptBlock $script:work -ArgumentList $env:QOMON_TEST_MODULE, $script:emulator.Url, $script:keyB, '+33 6 32 32 32 02', 0
        $a = $jobA | Receive-Job -Wait -AutoRemoveJob
        $b = $jobB | Receive-Job -Wait -AutoRemoveJob
        Assert-Apart $a $b 30
        Remove-Twin $a $b
    }
}

Describe 'A connection passed with -Connection' {
    It 'works in other runspaces, counts their requests, and sets no default there' {
        $connectionB = Connect-Qomon -ApiKey (ConvertTo-SecureString $script:keyB -AsPlainText -Force) -BaseUri $script:emulator.Url -PassThru
        try {
            $before = $connectionB.Requests
            $modulePath = $env:QOMON_TEST_MODULE
            $results = @(0..2 | ForEach-Object -ThrottleLimit 3 -Parallel {
                    Import-Module $using:modulePath
                    $connection = $using:connectionB
                    $hadDefault = [bool](Get-QomonConnection)
                    $contacts = @(Get-QomonContact -First 5 -Connection $connection)
                    $contact = Get-QomonContact -Id $contacts[$_].id -Connection $connection
                    [pscustomobject]@{ HadDefault = $hadDefault; Ids = @($contacts.id); Read = $contact.id; HasDefaultAfter = [bool](Get-QomonConnection) }
                })
            $results.Count | Should -Be 3
            foreach ($result in $results) {
                $result.HadDefault | Should -BeFalse
                $result.HasDefaultAfter | Should -BeFalse -Because '-Connection never becomes a runspace''s default'
                @($result.Ids | Where-Object { $_ -notlike '84*' }) | Should -BeNullOrEmpty
                [string]$result.Read | Should -BeLike '84*'
            }
            $connectionB.Requests | Should -BeGreaterOrEqual ($before + 6) -Because 'the shared connection counts the requests of every runspace that used it'
            (Get-QomonConnection).KeyFingerprint | Should -Be $script:parentFingerprint
        }
        finally { $connectionB | Disconnect-Qomon }
    }
}

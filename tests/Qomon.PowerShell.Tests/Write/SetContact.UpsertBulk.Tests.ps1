# Issue 13 at scale: 1,000 contacts read by Get-QomonContact -All in pages of 200 flow into
# Set-QomonContact -WriteMethod Upsert, which writes while the later pages are still being read. Every record is
# accounted for, each contact holds exactly one new version with the new value and nothing else changed, and no
# request is refused 429 once the connection knows what an upsert costs. No timing is asserted.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Start-WriteSuite.ps1') -Seed 1000 -Settings @{ burst = 100; rate = 500; 'upsert-delay-ms' = 300 }

    function Get-Summary($Info) { @($Info | Where-Object { $_.Tags -contains 'Qomon.Summary' })[-1].MessageData }

    # Every contact's history at once, by id (one request each, all in flight together: 1,000 in turn take long).
    function Get-Histories([long[]] $Ids) {
        $http = [System.Net.Http.HttpClient]::new()
        try {
            $pending = @($Ids | ForEach-Object { $http.GetStringAsync("$($script:emulator.Url)/_emulator/contacts/$_/history") })
            [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]]$pending)
            $byId = @{}
            for ($i = 0; $i -lt $Ids.Count; $i++) { $byId[$Ids[$i]] = @($pending[$i].Result | ConvertFrom-Json) }
            $byId
        }
        finally { $http.Dispose() }
    }

    # A version as JSON without the field the run set and the stamps the server moves on any write.
    function Get-Rest($Version, [string] $Field) {
        $Version | Select-Object -Property * -ExcludeProperty $Field, 'UpdatedAt', 'lastchange' | ConvertTo-Json -Depth 10 -Compress
    }
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe '1,000 contacts from Get-QomonContact -All, pages of 200, into Set-QomonContact -WriteMethod Upsert' {
    BeforeAll {
        Send-UpsertProbe
        $script:before = Get-EmulatorStats $script:emulator
        $script:seen = [System.Collections.Generic.List[long]]::new()
        Get-QomonContact -All -PageSize 200 |
            ForEach-Object { $_.firstname = "Bulk$($_.id)"; $script:seen.Add([long]$_.id); $_ } |
            Set-QomonContact -WriteMethod Upsert -BatchSize 200 -ThrottleLimit 64 -ErrorAction Continue -InformationVariable info
        $script:summary = Get-Summary $info
        $script:after = Get-EmulatorStats $script:emulator
        function Get-Delta([string] $Route) {
            $sum = { param($Stats) $found = $Stats.requests.psobject.Properties[$Route]; if ($found) { ($found.Value.psobject.Properties | Measure-Object -Property Value -Sum).Sum } else { 0 } }
            (& $sum $script:after) - (& $sum $script:before)
        }
    }

    It 'read each of the 1,000 contacts once' {
        $script:seen.Count | Should -Be 1000
        @($script:seen | Sort-Object -Unique).Count | Should -Be 1000
    }

    It 'accounts for every record: all 1,000 updated by upsert, none failed, unknown or fallen back' {
        $script:summary.Updated | Should -Be 1000
        $script:summary.UpdatedByUpsert | Should -Be 1000
        $script:summary.Failed + $script:summary.OutcomeUnknown + $script:summary.Conflicts | Should -Be 0
        $script:summary.UpsertFallbacks | Should -Be 0
    }

    It 'sent one upsert per contact, no PATCH, and met no 429' {
        Get-Delta 'POST /contacts/upsert' | Should -Be 1000
        Get-Delta 'PATCH /contacts/{id}' | Should -Be 0
        $script:after.throttled - $script:before.throttled | Should -Be 0
    }

    It 'left each contact with exactly one new version holding the new first name, and nothing else changed (every tenth compared whole)' {
        $histories = Get-Histories $script:seen
        for ($i = 0; $i -lt $script:seen.Count; $i++) {
            $id = $script:seen[$i]
            $history = $histories[$id]
            $history.Count | Should -Be 2 -Because "contact $id was written once"
            $history[-1].firstname | Should -Be "Bulk$id"
            if ($i % 10 -eq 0) { Get-Rest $history[-1] 'firstname' | Should -Be (Get-Rest $history[0] 'firstname') -Because "only the first name of contact $id changed" }
        }
    }
}

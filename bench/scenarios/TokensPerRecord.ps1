# Scenario 6, tokens per record, from the emulator's own count: a merge update should cost one read and one
# write (1 + 5 = 6 tokens), an unchanged record only its read (1). The baseline always PATCHes, so it pays 6 for
# both. Bucket off and no latency: this counts tokens, it does not time anything.

# The form catalog reads in an emulator delta (1 token each): what a write command pays once per connection.
function Get-FormReads($Delta) {
    $sum = 0
    foreach ($route in $Delta.Routes.PSObject.Properties) { if ($route.Name -like 'GET /v1/forms/*') { $sum += $route.Value } }
    $sum
}

function Invoke-TokensPerRecordScenario {
    param([Parameter(Mandatory)] $Context, [int] $Records = 200)
    $emulator = Start-BenchEmulator -EmulatorDll $Context.EmulatorDll -Settings @{ seed = 2 * $Records + 1; rate = 0 }
    try {
        $ids = Get-BenchContactIds $emulator (2 * $Records + 1)
        $common = @{ Url = $emulator.Url; ApiKey = $emulator.ApiKey; ModulePath = $Context.ModulePath; SettleMilliseconds = 0 }
        $module = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'ModuleTokens.ps1') -Parameters ($common + @{ Ids = $ids[0..$Records]; MobilePrefix = '+33 7 05 ' })
        $baselineIds = $ids[($Records + 1)..(2 * $Records)]
        $baselineChanged = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'BaselineMerge.ps1') -Parameters ($common + @{ Ids = $baselineIds; MobilePrefix = '+33 7 06 ' })
        $baselineUnchanged = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'BaselineMerge.ps1') -Parameters ($common + @{ Ids = $baselineIds; MobilePrefix = '+33 7 06 ' })
    }
    finally { Stop-BenchEmulator $emulator }

    $perChanged = $module.Changed.Tokens / $module.Records
    $perUnchanged = $module.Unchanged.Tokens / $module.Records
    $name = "6. Tokens per record ($Records records, emulator's count)"
    @{
        Rows    = @(
            New-BenchRow $name 'merge update' $perChanged ($baselineChanged.Emulator.Tokens / $baselineChanged.Records) -Goal '≤ 6' -Pass ($perChanged -le 6 -and $module.ChangedOutcome.Updated -eq $module.Records)
            New-BenchRow $name 'unchanged record' $perUnchanged ($baselineUnchanged.Emulator.Tokens / $baselineUnchanged.Records) -Goal '≤ 1' -Pass ($perUnchanged -le 1 -and $module.UnchangedOutcome.Unchanged -eq $module.Records)
            New-BenchRow $name 'form catalog, once per connection (tokens)' (Get-FormReads $module.OneTime) $null -Format '0'
        )
        Details = [ordered]@{ Module = $module; BaselineChanged = $baselineChanged; BaselineUnchanged = $baselineUnchanged }
    }
}

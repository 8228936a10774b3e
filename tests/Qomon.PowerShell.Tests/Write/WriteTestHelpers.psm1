# Helpers for the write-command suites: a contact with every kind of field filled in, and a comparison of two
# stored versions (from /_emulator/contacts/{id}/history) that says exactly which fields a write changed.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Keys the server owns: they change on every write and say nothing about what the caller changed.
$script:ServerOwned = 'id', 'group_id', 'CreatedAt', 'UpdatedAt', 'lastchange', 'lastchangeuserid', 'user_id'
$script:AddressServerOwned = 'id', 'latitude', 'longitude', 'location', 'score', 'invalid'

# Dates of three canvassing rounds: repeated answers hold the same value on different dates.
$script:Round1 = '2026-02-01T18:00:00.000Z'
$script:Round2 = '2026-02-08T18:30:00.000Z'
$script:Round3 = '2026-02-15T10:00:00.000Z'

function New-RichContactBody {
    <#
    .SYNOPSIS
        A contact (POST /contacts shape) with every kind of field the merge must keep: scalars, an address, tags,
        two notes (one pinned, one visible to super admins only), and answers to every seeded form type:
        checkboxes with several values, radios, and text, numeric and date forms holding several entries, some
        with the same value on different dates (as canvassing leaves them), as survey answers and as custom fields.
    #>
    param([string] $FirstName = 'Ann')
    @{
        firstname       = $FirstName
        surname         = 'Martin'
        mail            = "$($FirstName.ToLowerInvariant()).martin@example.org"
        phone           = '+33 1 23 45 67 89'
        mobile          = '+33 6 12 34 56 78'
        gender          = 'F'
        birthdate       = '1980-04-02T00:00:00.000Z'
        nationality     = 'FR'
        nationbuilderid = '123456'
        address         = @{ housenumber = '12'; street = 'Rue de la Paix'; postalcode = '69003'; city = 'Lyon'; country = 'France' }
        tags            = @(@{ name = 'donor' }, @{ name = 'newsletter' })
        notes           = @(@{ data = 'Met at the market.'; pinned = $true }, @{ data = 'Private: family situation.'; only_super_admin = $true })
        formdatas       = @(
            @{ form_id = 47566; form_ref_id = 15648; data = 'consent_email' }      # Consents (checkbox): Email
            @{ form_id = 47566; form_ref_id = 15649; data = 'consent_sms' }        # Consents: SMS
            @{ form_id = 47570; form_ref_id = 15661; data = 'support' }            # Level of support (radio): Support
            @{ form_id = 47580; form_ref_id = 15680; data = 'housing' }            # Main concern (radio): Housing
            @{ form_id = 47581; form_ref_id = 15690; data = 'door_knocking' }      # Volunteer interests (checkbox)
            @{ form_id = 47581; form_ref_id = 15692; data = 'events' }             # Volunteer interests: Events
            @{ form_id = 47582; form_ref_id = 15695; data = 'Not home'; date = $script:Round1 }          # Survey comment (text)
            @{ form_id = 47582; form_ref_id = 15695; data = 'Not home'; date = $script:Round2 }
            @{ form_id = 47582; form_ref_id = 15695; data = 'Wants more buses.'; date = $script:Round3 }
            @{ form_id = 47583; form_ref_id = 15696; data = '3'; date = $script:Round1 }                # Household size (numeric)
            @{ form_id = 47583; form_ref_id = 15696; data = '3'; date = $script:Round2 }
            @{ form_id = 47583; form_ref_id = 15696; data = '4'; date = $script:Round3 }
            @{ form_id = 47591; form_ref_id = 15705; data = '2026-03-01T00:00:00.000Z'; date = $script:Round1 } # Visit date (date)
            @{ form_id = 47591; form_ref_id = 15705; data = '2026-03-01T00:00:00.000Z'; date = $script:Round2 }
            @{ form_id = 47591; form_ref_id = 15705; data = '2026-03-08T00:00:00.000Z'; date = $script:Round3 }
        )
        custom_fields   = @(
            @{ form_id = 879854; form_ref_id = 98741; data = 'hamburger' }         # Favourite food (radio)
            @{ form_id = 879855; form_ref_id = 98750; data = 'it' }                # Skills (checkbox): IT
            @{ form_id = 879855; form_ref_id = 98752; data = 'design' }            # Skills: Design
            @{ form_id = 879856; form_ref_id = 98760; data = 'Founding member.'; date = $script:Round1 }  # Membership notes (text)
            @{ form_id = 879856; form_ref_id = 98760; data = 'Founding member.'; date = $script:Round2 }
            @{ form_id = 879857; form_ref_id = 98761; data = '2019-06-01T00:00:00.000Z'; date = $script:Round1 } # Member since (date)
            @{ form_id = 879857; form_ref_id = 98761; data = '2019-06-01T00:00:00.000Z'; date = $script:Round2 }
            @{ form_id = 879858; form_ref_id = 98762; data = '250'; date = $script:Round1 }             # Donation total (numeric)
            @{ form_id = 879858; form_ref_id = 98762; data = '250'; date = $script:Round2 }
            @{ form_id = 879858; form_ref_id = 98762; data = '100'; date = $script:Round3 }
        )
    }
}

function Get-ChangedField {
    <#
    .SYNOPSIS
        The fields that differ between two stored versions of a contact, as sorted paths: mobile, address.city,
        tags, notes, form:<form id>, custom:<form id>. Server-owned keys are left out. A form's answers compare as
        multisets of (form_ref_id, data, date): a lost copy of a repeated value, or an entry whose date changed, is
        a change (ids are not compared: every PATCH recreates answer rows). Notes compare by id, text, pinned and
        only_super_admin, so a note recreated under another id or that lost its visibility is a change.
    #>
    param([Parameter(Mandatory)] $Before, [Parameter(Mandatory)] $After)
    $changed = [System.Collections.Generic.List[string]]::new()
    $keys = @(@($Before.psobject.Properties.Name) + @($After.psobject.Properties.Name) | Sort-Object -Unique)
    foreach ($key in $keys) {
        if ($key -in $script:ServerOwned) { continue }
        $old = $Before.$key
        $new = $After.$key
        switch -Regex ($key) {
            '^address$' {
                $parts = @(@(Get-Names $old) + @(Get-Names $new) | Sort-Object -Unique)
                foreach ($part in $parts) {
                    if ($part -in $script:AddressServerOwned) { continue }
                    if ((Get-Text (Get-Member2 $old $part)) -cne (Get-Text (Get-Member2 $new $part))) { $changed.Add("address.$part") }
                }
            }
            '^tags$' { if ((Get-TagText $old) -cne (Get-TagText $new)) { $changed.Add('tags') } }
            '^notes$' { if ((Get-NoteText $old) -cne (Get-NoteText $new)) { $changed.Add('notes') } }
            '^(formdatas|custom_fields|customfields)$' {
                $prefix = if ($key -eq 'formdatas') { 'form' } else { 'custom' }
                $oldAnswers = Get-AnswerText $old
                $newAnswers = Get-AnswerText $new
                foreach ($form in @(@($oldAnswers.Keys) + @($newAnswers.Keys) | Sort-Object -Unique)) {
                    if ($oldAnswers[$form] -cne $newAnswers[$form]) { $changed.Add("${prefix}:$form") }
                }
            }
            default { if ((Get-Text $old) -cne (Get-Text $new)) { $changed.Add($key) } }
        }
    }
    , @($changed | Sort-Object -Unique)
}

function Get-Names($Object) { if ($null -eq $Object) { @() } else { @($Object.psobject.Properties.Name) } }
function Get-Member2($Object, $Name) { if ($null -eq $Object) { $null } else { $Object.$Name } }

function Get-Text($Value) {
    if ($null -eq $Value) { return '' }
    if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('o') }
    if ($Value -is [string]) { return $Value }
    ConvertTo-Json $Value -Depth 10 -Compress
}

function Get-TagText($Tags) { (@($Tags | Where-Object { $_ } | ForEach-Object { $_.name }) | Sort-Object) -join ';' }

function Get-NoteText($Notes) {
    (@($Notes | Where-Object { $_ } | ForEach-Object { "$($_.id)|$($_.data)|$($_.pinned)|$($_.only_super_admin)" }) | Sort-Object) -join ';'
}

function Get-AnswerText($Answers) {
    $byForm = @{}
    foreach ($group in @($Answers | Where-Object { $_ -and -not ($_.psobject.Properties['deleted_at'] -and $_.deleted_at) }) | Group-Object form_id) {
        # Sorted, not made unique: every copy of a repeated value counts.
        $byForm[[string]$group.Name] = (@($group.Group | ForEach-Object { "$($_.form_ref_id)=$(Get-Text $_.data)@$(Get-Text $_.date)" }) | Sort-Object) -join ';'
    }
    $byForm
}

function Get-LastWrite {
    <# The fields the last write changed on a contact, and how many versions it has: { Changed, Versions, Before, After }. #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [long] $Id)
    $history = Get-ContactHistory -Emulator $Emulator -Id $Id
    if ($history.Count -lt 2) { return [pscustomobject]@{ Changed = @(); Versions = $history.Count; Before = $null; After = $history[-1] } }
    [pscustomobject]@{
        Changed  = Get-ChangedField -Before $history[-2] -After $history[-1]
        Versions = $history.Count
        Before   = $history[-2]
        After    = $history[-1]
    }
}

function Get-WriteCount {
    <# How many writes (PATCH, upsert, POST /contacts, DELETE) the emulator has answered so far, any status. #>
    param([Parameter(Mandatory)] $Emulator)
    (Get-EmulatorRequestCount -Emulator $Emulator -Route 'PATCH /contacts/{id}') + (Get-EmulatorRequestCount -Emulator $Emulator -Route 'POST /contacts/upsert') +
        (Get-EmulatorRequestCount -Emulator $Emulator -Route 'POST /contacts') + (Get-EmulatorRequestCount -Emulator $Emulator -Route 'DELETE /contacts/{id}')
}


function New-ConnectedRunspace {
    <#
    .SYNOPSIS
        A [powershell] instance that imports the module under test and connects to the emulator on its own
        connection, then runs Script with Arguments: a second client, or a run whose streams a test reads and stops.
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [scriptblock] $Script, [object[]] $Arguments)
    $ps = [powershell]::Create()
    $null = $ps.AddScript({ param($m, $u, $k) Import-Module $m; Connect-Qomon -ApiKey $k -BaseUri $u }).
        AddArgument($env:QOMON_TEST_MODULE).AddArgument($Emulator.Url).AddArgument($Emulator.SecureApiKey)
    $null = $ps.AddStatement().AddScript($Script)
    foreach ($argument in $Arguments) { $null = $ps.AddArgument($argument) }
    $ps
}

function Send-UpsertProbe {
    <#
    .SYNOPSIS
        Teaches a connection what an upsert costs (x-ratelimit-cost) with one upsert Qomon drops (no contact 1).
        Until a route's cost is learnt the budget takes it as 1, so a first wave of 5-token upserts (the harsh
        profile) overdraws the bucket; a test of "no 429 in steady state" sends this first.
    #>
    param($Connection)
    $extra = @{}
    if ($Connection) { $extra.Connection = $Connection }
    $null = Invoke-QomonRequest -Method POST -Path '/contacts/upsert' -Body @{ kind = 'contact'; data = @{ id = 1 } } @extra
}

Export-ModuleMember -Function New-RichContactBody, Get-ChangedField, Get-LastWrite, Get-WriteCount, New-ConnectedRunspace, Send-UpsertProbe

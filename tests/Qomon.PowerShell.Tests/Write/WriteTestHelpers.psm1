# Helpers for the write-command suites: a contact with every kind of field filled in, and a comparison of two
# stored versions (from /_emulator/contacts/{id}/history) that says exactly which fields a write changed.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Keys the server owns: they change on every write and say nothing about what the caller changed.
$script:ServerOwned = 'id', 'group_id', 'CreatedAt', 'UpdatedAt', 'lastchange', 'lastchangeuserid', 'user_id'
$script:AddressServerOwned = 'id', 'latitude', 'longitude', 'location', 'score', 'invalid'

function New-RichContactBody {
    <#
    .SYNOPSIS
        A contact (POST /contacts shape) with every kind of field the merge must keep: scalars, an address, tags,
        a note, a field the module does not know (nationbuilderid), and an answer to every seeded form type:
        checkbox, radio, text, numeric and date, as survey answers and as custom fields.
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
        notes           = @(@{ data = 'Met at the market.'; pinned = $true })
        formdatas       = @(
            @{ form_id = 47566; form_ref_id = 15648; data = 'consent_email' }      # Consents (checkbox): Email
            @{ form_id = 47566; form_ref_id = 15649; data = 'consent_sms' }        # Consents: SMS
            @{ form_id = 47570; form_ref_id = 15661; data = 'support' }            # Level of support (radio): Support
            @{ form_id = 47580; form_ref_id = 15680; data = 'housing' }            # Main concern (radio): Housing
            @{ form_id = 47581; form_ref_id = 15690; data = 'door_knocking' }      # Volunteer interests (checkbox)
            @{ form_id = 47582; form_ref_id = 15695; data = 'Wants more buses.' }  # Survey comment (text)
            @{ form_id = 47583; form_ref_id = 15696; data = '3' }                  # Household size (numeric)
            @{ form_id = 47591; form_ref_id = 15705; data = '2026-03-01T00:00:00.000Z' } # Visit date (date)
        )
        custom_fields   = @(
            @{ form_id = 879854; form_ref_id = 98741; data = 'hamburger' }         # Favourite food (radio)
            @{ form_id = 879855; form_ref_id = 98750; data = 'it' }                # Skills (checkbox)
            @{ form_id = 879856; form_ref_id = 98760; data = 'Founding member.' }  # Membership notes (text)
            @{ form_id = 879857; form_ref_id = 98761; data = '2019-06-01T00:00:00.000Z' } # Member since (date)
            @{ form_id = 879858; form_ref_id = 98762; data = '250' }               # Donation total (numeric)
        )
    }
}

function Get-ChangedField {
    <#
    .SYNOPSIS
        The fields that differ between two stored versions of a contact, as sorted paths: mobile, address.city,
        tags, notes, form:<form id>, custom:<form id>. Server-owned keys are left out, and answers compare as sets
        of (form_ref_id, data), since every PATCH recreates answer rows with new ids and dates.
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
                    if ((Get-Text (Get-Member2 $old $part)) -ne (Get-Text (Get-Member2 $new $part))) { $changed.Add("address.$part") }
                }
            }
            '^tags$' { if ((Get-TagText $old) -ne (Get-TagText $new)) { $changed.Add('tags') } }
            '^notes$' { if ((Get-NoteText $old) -ne (Get-NoteText $new)) { $changed.Add('notes') } }
            '^(formdatas|custom_fields|customfields)$' {
                $prefix = if ($key -eq 'formdatas') { 'form' } else { 'custom' }
                $oldAnswers = Get-AnswerText $old
                $newAnswers = Get-AnswerText $new
                foreach ($form in @(@($oldAnswers.Keys) + @($newAnswers.Keys) | Sort-Object -Unique)) {
                    if ($oldAnswers[$form] -ne $newAnswers[$form]) { $changed.Add("${prefix}:$form") }
                }
            }
            default { if ((Get-Text $old) -ne (Get-Text $new)) { $changed.Add($key) } }
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

function Get-NoteText($Notes) { (@($Notes | Where-Object { $_ } | ForEach-Object { "$($_.data)|$($_.pinned)" }) | Sort-Object) -join ';' }

function Get-AnswerText($Answers) {
    $byForm = @{}
    foreach ($group in @($Answers | Where-Object { $_ -and -not ($_.psobject.Properties['deleted_at'] -and $_.deleted_at) }) | Group-Object form_id) {
        $byForm[[string]$group.Name] = (@($group.Group | ForEach-Object { "$($_.form_ref_id)=$(Get-Text $_.data)" }) | Sort-Object) -join ';'
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
    <# How many writes (PATCH and POST /contacts) the emulator has answered so far, any status. #>
    param([Parameter(Mandatory)] $Emulator)
    (Get-EmulatorRequestCount -Emulator $Emulator -Route 'PATCH /contacts/{id}') + (Get-EmulatorRequestCount -Emulator $Emulator -Route 'POST /contacts') +
        (Get-EmulatorRequestCount -Emulator $Emulator -Route 'DELETE /contacts/{id}')
}

Export-ModuleMember -Function New-RichContactBody, Get-ChangedField, Get-LastWrite, Get-WriteCount

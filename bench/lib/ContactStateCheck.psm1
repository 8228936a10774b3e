# Scenario 8's check of what a bulk update left in the emulator: every contact holds exactly the fields it was meant
# to get and nothing else changed, read from the emulator's write history (/_emulator/contacts/{id}/history, the
# control plane: not rate limited, not counted).
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-BenchContactVersions {
    <# Every stored version of each contact, oldest first: a dictionary from the id (as text) to an array. #>
    param([Parameter(Mandatory)] [string] $Url, [Parameter(Mandatory)] [long[]] $Ids)
    $versions = @{}
    foreach ($id in $Ids) {
        # Dates kept as the text Qomon sends, to the microsecond (as DateTime they would print to the second).
        $history = (Invoke-WebRequest -Uri "$Url/_emulator/contacts/$id/history").Content | ConvertFrom-Json -DateKind String
        $versions["$id"] = @($history)
    }
    $versions
}

function Wait-BenchUpsertsApplied {
    <# Until the emulator holds no accepted upsert still to apply: one applied late must be seen by the check. #>
    param([Parameter(Mandatory)] [string] $Url, [int] $TimeoutSec = 60)
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    while ((Invoke-RestMethod -Uri "$Url/_emulator/stats").upsertsPending -gt 0) {
        if ($clock.Elapsed.TotalSeconds -gt $TimeoutSec) { throw "Upserts still pending after $TimeoutSec s." }
        Start-Sleep -Milliseconds 200
    }
}

# What the server sets on a write (user_id is the last user to edit: the API's, after a PATCH), or gives a row it
# stores again (PATCH replaces every answer with a new row of the same value and date): left out, so that only what
# a user means is compared.
$script:ServerContactFields = 'UpdatedAt', 'lastchange', 'lastchangeuserid', 'user_id'
$script:ServerRowFields = 'id', 'created_at', 'updated_at', 'deleted_at', 'contact_id', 'group_id'

function ConvertTo-ComparableRows($Rows, [long] $LeaveOutForm) {
    @(foreach ($row in @($Rows)) {
        if ($null -eq $row -or $row.form_id -eq $LeaveOutForm) { continue }
        ($row.PSObject.Properties | Where-Object Name -NotIn $script:ServerRowFields | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ';'
    }) | Sort-Object
}

function ConvertTo-ComparableContact {
    <# The contact without the changed fields and what the server sets, each field as JSON text, to compare two versions. #>
    param([Parameter(Mandatory)] $Contact, [Parameter(Mandatory)] [AllowEmptyCollection()] [string[]] $LeaveOut, [Parameter(Mandatory)] [long] $FormId)
    $kept = [ordered]@{}
    foreach ($property in $Contact.PSObject.Properties) {
        if ($property.Name -in $script:ServerContactFields -or $property.Name -in $LeaveOut) { continue }
        $value = switch ($property.Name) {
            { $_ -in 'formdatas', 'custom_fields', 'customfields' } { , @(ConvertTo-ComparableRows $property.Value $FormId) }
            'tags' { , @(@($property.Value) | Where-Object { $_ } | ForEach-Object name | Sort-Object) }
            'notes' { , @(@($property.Value) | Where-Object { $_ } | ForEach-Object { ($_.PSObject.Properties | Where-Object Name -NotIn 'created_at', 'updated_at' | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ';' }) }
            default { , $property.Value }
        }
        $kept[$property.Name] = ConvertTo-Json -InputObject $value -Depth 6 -Compress
    }
    $kept
}

# The fields whose text differs between two comparable contacts, with both texts.
function Compare-ComparableContact($Was, $Now) {
    foreach ($name in @($Was.Keys) + @($Now.Keys | Where-Object { -not $Was.Contains($_) })) {
        if ($Was[$name] -ne $Now[$name]) { "$name changed: $($Was[$name]) -> $($Now[$name])" }
    }
}

function Test-BenchIntendedChange {
    <#
    .SYNOPSIS
        What is wrong with one contact after the run (nothing when it is right): a contact meant to change holds the
        new mobile and exactly one answer of the form, with the new value, and is otherwise as before; a contact
        whose change Qomon refuses is exactly as before.
    #>
    param(
        [Parameter(Mandatory)] $Before,
        [Parameter(Mandatory)] $After,
        [Parameter(Mandatory)] [string] $Mobile,
        [Parameter(Mandatory)] [long] $FormId,
        [Parameter(Mandatory)] [string] $AnswerValue,
        [switch] $Refused
    )
    $problems = [System.Collections.Generic.List[string]]::new()
    if ($Refused) {
        foreach ($change in Compare-ComparableContact (ConvertTo-ComparableContact $Before @() $FormId) (ConvertTo-ComparableContact $After @() $FormId)) { $problems.Add("Qomon refuses its value, yet $change") }
        $answersBefore = @(@($Before.formdatas) | Where-Object { $_ -and $_.form_id -eq $FormId } | ForEach-Object data)
        $answersAfter = @(@($After.formdatas) | Where-Object { $_ -and $_.form_id -eq $FormId } | ForEach-Object data)
        if (($answersBefore -join ';') -ne ($answersAfter -join ';')) { $problems.Add("answer changed: '$($answersBefore -join ';')' -> '$($answersAfter -join ';')'") }
        return $problems.ToArray()
    }
    if ($After.mobile -ne $Mobile) { $problems.Add("mobile is '$($After.mobile)', meant '$Mobile'") }
    $answers = @(@($After.formdatas) | Where-Object { $_ -and $_.form_id -eq $FormId } | ForEach-Object data)
    if ($answers.Count -ne 1 -or $answers[0] -ne $AnswerValue) { $problems.Add("answer is '$($answers -join ';')', meant '$AnswerValue'") }
    foreach ($change in Compare-ComparableContact (ConvertTo-ComparableContact $Before @('mobile') $FormId) (ConvertTo-ComparableContact $After @('mobile') $FormId)) { $problems.Add($change) }
    $problems.ToArray()
}

Export-ModuleMember -Function Get-BenchContactVersions, Wait-BenchUpsertsApplied, Test-BenchIntendedChange

# What a competent admin writes today with Invoke-RestMethod, the yardstick for the benchmark:
# read a contact, change it, PATCH the whole object back, and sleep for Retry-After on 429.
# Deliberately plain: one request at a time, no client-side budget, no merge engine.

function Invoke-BaselineRequest {
    param([string] $Method, [string] $Uri, [string] $ApiKey, $Body)
    $headers = @{ Authorization = "Bearer $ApiKey" }
    while ($true) {
        try {
            $arguments = @{ Method = $Method; Uri = $Uri; Headers = $headers; ContentType = 'application/json' }
            if ($null -ne $Body) { $arguments.Body = ($Body | ConvertTo-Json -Depth 20 -Compress) }
            return Invoke-RestMethod @arguments
        }
        catch {
            $response = $_.Exception.Response
            if ($response -and [int]$response.StatusCode -eq 429) {
                $wait = 1
                $retryAfter = $response.Headers.RetryAfter
                if ($retryAfter -and $retryAfter.Delta) { $wait = [math]::Max(0.1, $retryAfter.Delta.TotalSeconds) }
                Start-Sleep -Milliseconds ([int]($wait * 1000))
                continue
            }
            throw
        }
    }
}

# A merge update the careful way: GET, change the named fields, PATCH everything back.
function Update-BaselineContact {
    param([string] $BaseUri, [string] $ApiKey, [long] $Id, [hashtable] $Changes)
    $contact = (Invoke-BaselineRequest -Method Get -Uri "$BaseUri/contacts/$Id" -ApiKey $ApiKey).data.contact
    foreach ($name in $Changes.Keys) {
        if ($contact.PSObject.Properties[$name]) { $contact.$name = $Changes[$name] }
        else { $contact | Add-Member -NotePropertyName $name -NotePropertyValue $Changes[$name] }
    }
    foreach ($readOnly in 'id', 'CreatedAt', 'UpdatedAt', 'lastchange', 'lastchangeuserid', 'group_id') { $contact.PSObject.Properties.Remove($readOnly) }
    if ($contact.PSObject.Properties['customfields']) {
        $contact | Add-Member -NotePropertyName custom_fields -NotePropertyValue $contact.customfields -Force
        $contact.PSObject.Properties.Remove('customfields')
    }
    Invoke-BaselineRequest -Method Patch -Uri "$BaseUri/contacts/$Id" -ApiKey $ApiKey -Body @{ data = @{ contact = $contact } } | Out-Null
}

# Every contact, page by page, the way the docs suggest: until a page comes back short.
function Get-BaselineAllContacts {
    param([string] $BaseUri, [string] $ApiKey, [int] $PerPage = 1000)
    $page = 0
    while ($true) {
        $body = @{ data = @{ advanced_search = @{ per_page = $PerPage; page = $page; sort_attr = 'lastchange'; sort_asc = $true; query = @{ '$all' = @() } } } }
        $contacts = @((Invoke-BaselineRequest -Method Post -Uri "$BaseUri/search" -ApiKey $ApiKey -Body $body).data.contacts)
        $contacts
        if ($contacts.Count -lt $PerPage) { break }
        $page++
    }
}

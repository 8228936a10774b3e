# The table of error ids (src/Qomon.PowerShell/Infrastructure/ErrorIds.cs) is the one place an id is written:
# scripts match ids on $_.FullyQualifiedErrorId, so an id spelled in a second place can drift from the table, and
# an id missing from about_Qomon is one a user cannot look up.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    # Where ids may be spelled: the table, and the Client's own ids (the writer reports them; the table lists them).
    $script:tableFiles = 'src/Qomon.PowerShell/Infrastructure/ErrorIds.cs', 'src/Qomon.Client/Writing/ContactWriteErrorIds.cs'
    # "Qomon.<Name>" strings that are not error ids.
    $script:notErrorIds = @(
        'Qomon.Contact', 'Qomon.ContactRow', 'Qomon.Form', 'Qomon.Connection'   # type names of the output objects (Formats/*.ps1xml)
        'Qomon.RunSummary'                                  # type name of the write commands' summary (Formats/*.ps1xml)
        'Qomon.JournalEntry', 'Qomon.JournalSummary'        # type names of Get-QomonJournal's output (Formats/*.ps1xml)
        'Qomon.Summary'                                     # the tag of the write commands' information record
        'Qomon.CallState', 'Qomon.CallerResends'            # keys of HttpRequestMessage options inside Qomon.Client
    )
    function Get-IdTable([type] $Type) {
        @($Type.GetFields() | Where-Object IsLiteral | ForEach-Object { $_.GetRawConstantValue() })
    }
    $script:table = Get-IdTable ([Qomon.PowerShell.Infrastructure.ErrorIds])
}

Describe 'The table of error ids' {
    It 'is the only place in src that writes an id' {
        $strays = foreach ($file in Get-ChildItem (Join-Path $script:root 'src') -Recurse -Filter *.cs) {
            $relative = [IO.Path]::GetRelativePath($script:root, $file.FullName).Replace('\', '/')
            if ($relative -in $script:tableFiles -or $relative -match '/(obj|bin)/') { continue }
            foreach ($match in [regex]::Matches((Get-Content $file.FullName -Raw), '"(Qomon\.[A-Za-z]+)"')) {
                $name = $match.Groups[1].Value
                if ($name -cnotin $script:notErrorIds) { "$relative`: $name" }
            }
        }
        $strays | Should -BeNullOrEmpty -Because 'an id belongs in ErrorIds.cs and is used as ErrorIds.<Name>'
    }

    It 'holds each id once, each of the form Qomon.Name' {
        $script:table.Count | Should -BeGreaterThan 20
        @($script:table | Sort-Object -Unique).Count | Should -Be $script:table.Count
        $script:table | Where-Object { $_ -cnotmatch '^Qomon\.[A-Z][A-Za-z]+$' } | Should -BeNullOrEmpty
    }

    It "lists the contact writer's ids (Qomon.Client)" {
        $client = Get-IdTable ([Qomon.Client.Writing.ContactWriteErrorIds])
        $client | Where-Object { $_ -cnotin $script:table } | Should -BeNullOrEmpty
    }

    It 'is all in the ERRORS section of about_Qomon' {
        $help = Get-Content (Join-Path $script:root 'docs/about/about_Qomon.help.txt') -Raw
        $errors = $help.Substring($help.IndexOf('  ERRORS'))
        $script:table | Where-Object { $errors -cnotmatch "(?m)^\s+$([regex]::Escape($_))\s" } | Should -BeNullOrEmpty
    }
}

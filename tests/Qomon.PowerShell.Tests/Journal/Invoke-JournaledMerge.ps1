# The run the kill test stops: a fresh pwsh that merges a CSV into the emulator's contacts with -Journal -Resume.
# The key comes from the environment (QOMON_CHILD_KEY), never the command line.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [string] $JournalPath,
    [Parameter(Mandatory)] [string] $WriteMethod
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Connect-Qomon -ApiKey (ConvertTo-SecureString $env:QOMON_CHILD_KEY -AsPlainText -Force) -BaseUri $Url
Import-Csv -Path $CsvPath | Set-QomonContact -Journal $JournalPath -Resume -WriteMethod $WriteMethod -BatchSize 50 -ErrorAction Continue -InformationVariable info
$summary = $info | Where-Object Tags -Contains 'Qomon.Summary' | Select-Object -ExpandProperty MessageData
'QOMON_RESULT=' + (@{ Updated = $summary.Updated; Unchanged = $summary.Unchanged; SkippedByResume = $summary.SkippedByResume; Failed = $summary.Failed; Conflicts = $summary.Conflicts; OutcomeUnknown = $summary.OutcomeUnknown } | ConvertTo-Json -Compress)

# Turns docs/commands/*.md into MAML (en-US/Qomon.PowerShell.dll-Help.xml) and copies docs/about/*.help.txt.
# platyPS is not reachable here, so this is the project's own small converter.
param([Parameter(Mandatory)] [string] $OutputDirectory)
$ErrorActionPreference = 'Stop'
New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null

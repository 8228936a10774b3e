# Loaded only by the repository root's Qomon.psd1, which a user can import by mistake from a clone: stop there with
# what to do instead of a half-loaded module. A manifest cannot say this itself: PowerShell checks its Types and
# Formats files before running any of its code.
$built = Join-Path (Split-Path $PSScriptRoot -Parent) 'module/Qomon/Qomon.psd1'
$next = if (Test-Path $built) { "Import the built module instead: Import-Module '$built'" }
        else { 'Build it first (dotnet tool restore; dotnet pwsh ./build.ps1), then: Import-Module ./module/Qomon/Qomon.psd1' }
throw "This Qomon.psd1 is the repository's signpost, not the Qomon module. $next"

#requires -Version 5.1
<#
.SYNOPSIS
    Packages the built module folder (module/Qomon) for release: a zip for Azure Automation and a .nupkg for a
    PowerShell repository.
.DESCRIPTION
    Writes to -OutputDirectory:
      Qomon-<version>.zip   the release asset: one top-level Qomon/ folder with Qomon.psd1 at its root, beside the
                            dlls, Dependencies/, en-US/ and the format and type files. Extracted into any folder of
                            PSModulePath, `Import-Module Qomon` finds it.
      Qomon.zip             the same bytes under the name Azure Automation wants: New-AzAutomationModule and the
                            portal require the zip, the folder in it and the manifest to share one name.
      Qomon.<version>.nupkg a NuGet package as PowerShellGet/PSResourceGet publish it: Qomon.nuspec and the module
                            files at the package root, plus the OPC parts ([Content_Types].xml, _rels/.rels, core
                            properties) that NuGet clients expect. Install-PSResource/Install-Module from a
                            repository (a folder feed: Register-PSResourceRepository -Uri <folder>) installs it.
    Each archive is then opened again and checked (entries, nuspec id and version), and the manifest is checked
    with Test-ModuleManifest in an extracted copy of the zip. The script fails (exit code 1) on any problem.
    Entries use '/' separators and a fixed time stamp, so the same module folder gives the same archives.
.PARAMETER ModuleDirectory
    The built module folder, whose name is the module's name and which holds <name>.psd1 (module/Qomon).
.PARAMETER OutputDirectory
    Where the packages go (created if missing; existing packages of the same names are replaced).
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package
.EXAMPLE
    dotnet pwsh ./tools/New-ModulePackage.ps1 -ModuleDirectory ./module/Qomon -OutputDirectory ./artifacts/package
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $OutputDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem

# Every entry gets this time stamp (ZIP keeps local times from 1980 on), so a rebuild gives identical archives.
$script:EntryTime = [DateTimeOffset]::new(2000, 1, 1, 0, 0, 0, [TimeSpan]::Zero)

function Get-ModuleFile([string] $Root) {
    # Relative paths with '/' separators, in a stable order.
    $rootFull = (Resolve-Path -LiteralPath $Root).ProviderPath.TrimEnd([IO.Path]::DirectorySeparatorChar, [IO.Path]::AltDirectorySeparatorChar)
    Get-ChildItem -LiteralPath $rootFull -Recurse -File -Force |
        ForEach-Object {
            [pscustomobject]@{
                FullName = $_.FullName
                Relative = $_.FullName.Substring($rootFull.Length + 1).Replace('\', '/')
            }
        } |
        Sort-Object Relative -CaseSensitive
}

function Add-FileEntry([System.IO.Compression.ZipArchive] $Archive, [string] $EntryName, [string] $Path) {
    $entry = $Archive.CreateEntry($EntryName, [System.IO.Compression.CompressionLevel]::Optimal)
    $entry.LastWriteTime = $script:EntryTime
    $target = $entry.Open()
    try {
        $source = [IO.File]::OpenRead($Path)
        try { $source.CopyTo($target) } finally { $source.Dispose() }
    }
    finally { $target.Dispose() }
}

function Add-TextEntry([System.IO.Compression.ZipArchive] $Archive, [string] $EntryName, [string] $Text) {
    $entry = $Archive.CreateEntry($EntryName, [System.IO.Compression.CompressionLevel]::Optimal)
    $entry.LastWriteTime = $script:EntryTime
    $writer = [IO.StreamWriter]::new($entry.Open(), [Text.UTF8Encoding]::new($false))
    try { $writer.Write($Text) } finally { $writer.Dispose() }
}

function New-Archive([string] $Path, [scriptblock] $Fill) {
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Force }
    $stream = [IO.File]::Open($Path, [IO.FileMode]::CreateNew)
    try {
        $archive = [System.IO.Compression.ZipArchive]::new($stream, [System.IO.Compression.ZipArchiveMode]::Create)
        try { & $Fill $archive } finally { $archive.Dispose() }
    }
    finally { $stream.Dispose() }
}

function Get-ArchiveEntryName([string] $Path) {
    $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
    try { @($archive.Entries | ForEach-Object FullName) } finally { $archive.Dispose() }
}

function Read-ArchiveText([string] $Path, [string] $EntryName) {
    $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
    try {
        $entry = $archive.GetEntry($EntryName)
        if (-not $entry) { throw "$([IO.Path]::GetFileName($Path)) has no entry '$EntryName'." }
        $reader = [IO.StreamReader]::new($entry.Open())
        try { $reader.ReadToEnd() } finally { $reader.Dispose() }
    }
    finally { $archive.Dispose() }
}

function ConvertTo-XmlText([string] $Text) { [Security.SecurityElement]::Escape($Text) }

function New-Nuspec($Manifest, [string] $Name, [string] $Version) {
    # The tags PowerShellGet/PSResourceGet write, so a repository's search (-Command, -Tag PSEdition_Core) finds it.
    $psData = $Manifest.PrivateData.PSData
    $tags = [Collections.Generic.List[string]]::new()
    foreach ($tag in @($psData.Tags)) { if ($tag) { $tags.Add([string]$tag) } }
    $tags.Add('PSModule')
    if (@($Manifest.CmdletsToExport).Count -gt 0) { $tags.Add('PSIncludes_Cmdlet') }
    foreach ($command in @($Manifest.CmdletsToExport)) { if ($command) { $tags.Add("PSCmdlet_$command"); $tags.Add("PSCommand_$command") } }
    foreach ($edition in @($Manifest.CompatiblePSEditions)) { if ($edition) { $tags.Add("PSEdition_$edition") } }
    $tagText = (@($tags | Select-Object -Unique) -join ' ')

    $optional = ''
    if ($psData.ContainsKey('ProjectUri') -and $psData.ProjectUri) { $optional += "`n    <projectUrl>$(ConvertTo-XmlText $psData.ProjectUri)</projectUrl>" }
    if ($psData.ContainsKey('LicenseUri') -and $psData.LicenseUri) { $optional += "`n    <licenseUrl>$(ConvertTo-XmlText $psData.LicenseUri)</licenseUrl>" }
    if ($psData.ContainsKey('ReleaseNotes') -and $psData.ReleaseNotes) { $optional += "`n    <releaseNotes>$(ConvertTo-XmlText $psData.ReleaseNotes)</releaseNotes>" }

    @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>$(ConvertTo-XmlText $Name)</id>
    <version>$(ConvertTo-XmlText $Version)</version>
    <authors>$(ConvertTo-XmlText $Manifest.Author)</authors>
    <owners>$(ConvertTo-XmlText $Manifest.CompanyName)</owners>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>$optional
    <description>$(ConvertTo-XmlText $Manifest.Description)</description>
    <copyright>$(ConvertTo-XmlText $Manifest.Copyright)</copyright>
    <tags>$(ConvertTo-XmlText $tagText)</tags>
  </metadata>
</package>
"@
}

function New-ContentTypes([string[]] $EntryNames) {
    $known = @{
        rels    = 'application/vnd.openxmlformats-package.relationships+xml'
        psmdcp  = 'application/vnd.openxmlformats-package.core-properties+xml'
        nuspec  = 'application/octet'
    }
    $extensions = @($EntryNames | ForEach-Object { [IO.Path]::GetExtension($_).TrimStart('.') } | Where-Object { $_ } | Sort-Object -Unique)
    $lines = foreach ($extension in $extensions) {
        $type = if ($known.ContainsKey($extension.ToLowerInvariant())) { $known[$extension.ToLowerInvariant()] } else { 'application/octet' }
        "  <Default Extension=`"$(ConvertTo-XmlText $extension)`" ContentType=`"$type`" />"
    }
    "<?xml version=`"1.0`" encoding=`"utf-8`"?>`n<Types xmlns=`"http://schemas.openxmlformats.org/package/2006/content-types`">`n$($lines -join "`n")`n</Types>"
}

$moduleRoot = (Resolve-Path -LiteralPath $ModuleDirectory).ProviderPath
$name = Split-Path $moduleRoot -Leaf
$manifestPath = Join-Path $moduleRoot "$name.psd1"
if (-not (Test-Path -LiteralPath $manifestPath)) { throw "No module manifest at '$manifestPath': -ModuleDirectory must be the built module folder (module/Qomon)." }
$manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
$version = [string]$manifest.ModuleVersion
if ($version -eq '0.0.0') { throw "'$manifestPath' still has the placeholder version 0.0.0: package the built module folder, not the source manifest." }
$prerelease = if ($manifest.PrivateData.PSData.ContainsKey('Prerelease')) { [string]$manifest.PrivateData.PSData.Prerelease }
$packageVersion = if ($prerelease) { "$version-$prerelease" } else { $version }

$files = @(Get-ModuleFile $moduleRoot)
foreach ($required in @("$name.psd1", $manifest.RootModule) + @($manifest.FormatsToProcess) + @($manifest.TypesToProcess)) {
    if ($required -and -not ($files.Relative -contains $required)) { throw "The module folder is incomplete: '$required' (named by the manifest) is missing." }
}

if (-not (Test-Path -LiteralPath $OutputDirectory)) { $null = New-Item -ItemType Directory -Path $OutputDirectory }
$outputRoot = (Resolve-Path -LiteralPath $OutputDirectory).ProviderPath

# 1. The zip: <name>/ at the top, the module's files under it.
$zipPath = Join-Path $outputRoot "$name-$packageVersion.zip"
New-Archive $zipPath {
    param($archive)
    foreach ($file in $files) { Add-FileEntry $archive "$name/$($file.Relative)" $file.FullName }
}
$automationZipPath = Join-Path $outputRoot "$name.zip"
Copy-Item -LiteralPath $zipPath -Destination $automationZipPath -Force

# 2. The nupkg: nuspec and module files at the root, the OPC parts NuGet writes.
$nupkgPath = Join-Path $outputRoot "$name.$packageVersion.nupkg"
$corePropertiesName = 'package/services/metadata/core-properties/' + ([guid]::new(([Security.Cryptography.MD5]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes("$name/$packageVersion")))).ToString('N')) + '.psmdcp'
$nuspec = New-Nuspec $manifest $name $packageVersion
New-Archive $nupkgPath {
    param($archive)
    Add-TextEntry $archive '_rels/.rels' @"
<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/$name.nuspec" Id="R0" />
  <Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="/$corePropertiesName" Id="R1" />
</Relationships>
"@
    Add-TextEntry $archive "$name.nuspec" $nuspec
    foreach ($file in $files) { Add-FileEntry $archive $file.Relative $file.FullName }
    Add-TextEntry $archive $corePropertiesName @"
<?xml version="1.0" encoding="utf-8"?>
<coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">
  <dc:creator>$(ConvertTo-XmlText $manifest.Author)</dc:creator>
  <dc:description>$(ConvertTo-XmlText $manifest.Description)</dc:description>
  <dc:identifier>$(ConvertTo-XmlText $name)</dc:identifier>
  <version>$(ConvertTo-XmlText $packageVersion)</version>
  <keywords>$(ConvertTo-XmlText (([xml]$nuspec).package.metadata.tags))</keywords>
  <lastModifiedBy>tools/New-ModulePackage.ps1</lastModifiedBy>
</coreProperties>
"@
    $names = @('_rels/.rels', "$name.nuspec", $corePropertiesName) + @($files.Relative)
    Add-TextEntry $archive '[Content_Types].xml' (New-ContentTypes $names)
}

# 3. Check what was written by reading it back.
$zipEntries = Get-ArchiveEntryName $zipPath
$expectedZip = @($files | ForEach-Object { "$name/$($_.Relative)" })
$missing = @($expectedZip | Where-Object { $zipEntries -notcontains $_ })
$stray = @($zipEntries | Where-Object { -not $_.StartsWith("$name/") })
if ($missing -or $stray) { throw "The zip is wrong: missing $($missing -join ', '); outside $name/: $($stray -join ', ')." }

$nupkgEntries = Get-ArchiveEntryName $nupkgPath
$missing = @($files.Relative + "$name.nuspec", '[Content_Types].xml', '_rels/.rels' | Where-Object { $nupkgEntries -notcontains $_ })
if ($missing) { throw "The nupkg is wrong: missing $($missing -join ', ')." }
$packedNuspec = [xml](Read-ArchiveText $nupkgPath "$name.nuspec")
if ($packedNuspec.package.metadata.id -ne $name -or $packedNuspec.package.metadata.version -ne $packageVersion) {
    throw "The nupkg's nuspec says $($packedNuspec.package.metadata.id) $($packedNuspec.package.metadata.version), not $name $packageVersion."
}

$check = Join-Path ([IO.Path]::GetTempPath()) ("qomon-package-check-" + [guid]::NewGuid().ToString('N'))
try {
    [System.IO.Compression.ZipFile]::ExtractToDirectory($zipPath, $check)
    $tested = Test-ModuleManifest -Path (Join-Path $check "$name/$name.psd1") -ErrorAction Stop
    if ($tested.Name -ne $name -or [string]$tested.Version -ne $version) { throw "Test-ModuleManifest read $($tested.Name) $($tested.Version) from the zip, not $name $version." }
}
finally { if (Test-Path -LiteralPath $check) { Remove-Item -LiteralPath $check -Recurse -Force } }

foreach ($path in $zipPath, $automationZipPath, $nupkgPath) {
    Get-Item -LiteralPath $path
}

# Turns docs/commands/*.md into MAML (en-US/Qomon.PowerShell.dll-Help.xml) and copies docs/about/*.help.txt.
# platyPS is not reachable here, so this is the project's own small converter. Prose comes from the Markdown;
# syntax, parameter types, positions, pipeline input and aliases come from the compiled cmdlets themselves,
# so the help can never disagree with the code.
param(
    [Parameter(Mandatory)] [string] $OutputDirectory,
    [string] $ModuleAssembly = (Join-Path $OutputDirectory '../Qomon.PowerShell.dll'),
    [string] $DocsDirectory = (Join-Path (Split-Path $PSScriptRoot -Parent) 'docs')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null

$nsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$nsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$nsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
# WhatIf and Confirm are "optional common" parameters but belong in each command's syntax and help.
$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'
$standardDescriptions = @{
    WhatIf  = 'Shows what would happen if the command runs. Nothing is sent to Qomon.'
    Confirm = 'Prompts you for confirmation before each change.'
}

function Read-CommandMarkdown {
    param([string] $Path)
    $doc = [ordered]@{ Name = ''; Synopsis = ''; Description = @(); Examples = @(); Parameters = @{}; Inputs = @(); Outputs = @(); Notes = @(); Links = @() }
    $section = ''; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new(); $inCode = $false; $code = $null
    $flush = {
        $paras = @(($buffer -join "`n").Trim() -split "\n\s*\n" | ForEach-Object { ($_ -replace '\s*\n\s*', ' ').Trim() } | Where-Object { $_ })
        $buffer.Clear()
        switch ($section) {
            'SYNOPSIS'      { $doc.Synopsis = $paras -join ' ' }
            'DESCRIPTION'   { $doc.Description += $paras }
            'EXAMPLES'      { if ($sub) { $sub.Remarks += $paras } }
            'PARAMETERS'    { if ($sub) { $doc.Parameters[$sub] = @($doc.Parameters[$sub]) + $paras | Where-Object { $_ } } }
            'INPUTS'        { if ($sub) { $sub.Description += $paras } }
            'OUTPUTS'       { if ($sub) { $sub.Description += $paras } }
            'NOTES'         { $doc.Notes += $paras }
            'RELATED LINKS' { foreach ($p in $paras) { $doc.Links += $p } }
        }
    }
    foreach ($line in Get-Content $Path) {
        if ($inCode) {
            if ($line -match '^```') { $inCode = $false; if ($sub -is [hashtable]) { $sub.Code = $code -join "`n" } }
            else { $code += $line }
            continue
        }
        if ($line -match '^```') { & $flush; $inCode = $true; $code = @(); continue }
        if ($line -match '^# (.+)$') { $doc.Name = $Matches[1].Trim(); continue }
        if ($line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
        if ($line -match '^### (.+)$') {
            & $flush
            $title = $Matches[1].Trim()
            switch ($section) {
                'EXAMPLES'   { $sub = @{ Title = $title; Code = ''; Remarks = @() }; $doc.Examples += $sub }
                'PARAMETERS' { $sub = $title.TrimStart('-'); $doc.Parameters[$sub] = @() }
                'INPUTS'     { $sub = @{ Type = $title; Description = @() }; $doc.Inputs += $sub }
                'OUTPUTS'    { $sub = @{ Type = $title; Description = @() }; $doc.Outputs += $sub }
            }
            continue
        }
        if ($section -eq 'RELATED LINKS' -and $line -match '^\s*[-*]\s+(.+)$') { $buffer.Add(''); $buffer.Add($Matches[1]); $buffer.Add(''); continue }
        $buffer.Add($line)
    }
    & $flush
    return $doc
}

function Add-Para {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $list = @($Paragraphs | Where-Object { $_ })
    if (-not $list) { $list = @('') }
    foreach ($p in $list) { $Writer.WriteElementString('maml', 'para', $nsMaml, $p) }
}

function Get-PipelineInputText {
    param($ParameterSet)
    $kinds = @()
    if ($ParameterSet.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($ParameterSet.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

# The real default: what a fresh instance of the cmdlet holds before binding (None when it holds nothing).
function Get-DefaultValueText {
    param($Command, $Parameter)
    if ($Parameter.ParameterType -eq [switch]) { return 'False' }
    $property = $Command.ImplementingType.GetProperty($Parameter.Name)
    if (-not $property) { return 'None' }
    $value = $property.GetValue([Activator]::CreateInstance($Command.ImplementingType))
    if ($null -eq $value -or ($value -is [System.Collections.ICollection] -and $value.Count -eq 0)) { return 'None' }
    [string]$value
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, $SetInfo, [string[]] $Description, [string] $DefaultValue)
    $typeName = $Parameter.ParameterType.Name
    $isSwitch = $Parameter.ParameterType -eq [switch]
    $Writer.WriteStartElement('command', 'parameter', $nsCommand)
    $Writer.WriteAttributeString('required', ([string]$SetInfo.IsMandatory).ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', ([string]$Parameter.ParameterType.IsArray).ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', 'false')
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInputText $SetInfo))
    $Writer.WriteAttributeString('position', $(if ($SetInfo.Position -ge 0) { [string]$SetInfo.Position } else { 'named' }))
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $nsMaml, $Parameter.Name)
    $Writer.WriteStartElement('maml', 'description', $nsMaml); Add-Para $Writer $Description; $Writer.WriteEndElement()
    if (-not $isSwitch) {
        $Writer.WriteStartElement('command', 'parameterValue', $nsCommand)
        $Writer.WriteAttributeString('required', 'true'); $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($typeName); $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $nsDev); $Writer.WriteElementString('maml', 'name', $nsMaml, $Parameter.ParameterType.FullName); $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $nsDev, $DefaultValue)
    $Writer.WriteEndElement()
}

$module = Import-Module $ModuleAssembly -PassThru -Force
$problems = [System.Collections.Generic.List[string]]::new()
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$helpPath = Join-Path $OutputDirectory 'Qomon.PowerShell.dll-Help.xml'
$writer = [System.Xml.XmlWriter]::Create($helpPath, $settings)
$writer.WriteStartElement('helpItems', 'http://msh'); $writer.WriteAttributeString('schema', 'maml')
foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $mdPath = Join-Path $DocsDirectory "commands/$($command.Name).md"
    if (-not (Test-Path $mdPath)) { $problems.Add("$($command.Name): no docs/commands/$($command.Name).md"); continue }
    $doc = Read-CommandMarkdown $mdPath
    if (-not $doc.Synopsis) { $problems.Add("$($command.Name): no synopsis") }
    if ($doc.Examples.Count -lt 2) { $problems.Add("$($command.Name): fewer than two examples") }
    $parameters = $command.Parameters.Values | Where-Object { $commonParameters -notcontains $_.Name } | Sort-Object Name
    foreach ($p in $parameters) {
        if (-not $doc.Parameters.ContainsKey($p.Name) -and -not $standardDescriptions.ContainsKey($p.Name)) { $problems.Add("$($command.Name): parameter -$($p.Name) is not described") }
    }
    $describe = { param($name) if ($doc.Parameters.ContainsKey($name)) { $doc.Parameters[$name] } else { $standardDescriptions[$name] } }

    $writer.WriteStartElement('command', 'command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $writer.WriteAttributeString('xmlns', 'maml', 'http://www.w3.org/2000/xmlns/', 'http://schemas.microsoft.com/maml/2004/10')
    $writer.WriteAttributeString('xmlns', 'dev', 'http://www.w3.org/2000/xmlns/', 'http://schemas.microsoft.com/maml/dev/2004/10')
    $writer.WriteStartElement('command', 'details', $nsCommand)
    $writer.WriteElementString('command', 'name', $nsCommand, $command.Name)
    $writer.WriteElementString('command', 'verb', $nsCommand, $command.Verb)
    $writer.WriteElementString('command', 'noun', $nsCommand, $command.Noun)
    $writer.WriteStartElement('maml', 'description', $nsMaml); Add-Para $writer $doc.Synopsis; $writer.WriteEndElement()
    $writer.WriteEndElement()
    $writer.WriteStartElement('maml', 'description', $nsMaml); Add-Para $writer $doc.Description; $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'syntax', $nsCommand)
    foreach ($set in $command.ParameterSets) {
        $writer.WriteStartElement('command', 'syntaxItem', $nsCommand)
        $writer.WriteElementString('maml', 'name', $nsMaml, $command.Name)
        foreach ($sp in $set.Parameters | Where-Object { $commonParameters -notcontains $_.Name }) {
            Write-Parameter $writer $command.Parameters[$sp.Name] $sp (& $describe $sp.Name) (Get-DefaultValueText $command $command.Parameters[$sp.Name])
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $nsCommand)
    foreach ($p in $parameters) {
        $first = $command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $p.Name } | Select-Object -First 1
        Write-Parameter $writer $p $first (& $describe $p.Name) (Get-DefaultValueText $command $p)
    }
    $writer.WriteEndElement()

    foreach ($pair in @(@('inputTypes', 'inputType', $doc.Inputs), @('returnValues', 'returnValue', $doc.Outputs))) {
        $writer.WriteStartElement('command', $pair[0], $nsCommand)
        foreach ($item in $pair[2]) {
            $writer.WriteStartElement('command', $pair[1], $nsCommand)
            $writer.WriteStartElement('dev', 'type', $nsDev); $writer.WriteElementString('maml', 'name', $nsMaml, $item.Type); $writer.WriteEndElement()
            $writer.WriteStartElement('maml', 'description', $nsMaml); Add-Para $writer $item.Description; $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('maml', 'alertSet', $nsMaml); $writer.WriteStartElement('maml', 'alert', $nsMaml); Add-Para $writer $doc.Notes; $writer.WriteEndElement(); $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'examples', $nsCommand)
    foreach ($example in $doc.Examples) {
        if (-not $example.Code) { $problems.Add("$($command.Name): example '$($example.Title)' has no code") }
        $writer.WriteStartElement('command', 'example', $nsCommand)
        $writer.WriteElementString('maml', 'title', $nsMaml, "-------------------------- $($example.Title) --------------------------")
        $writer.WriteElementString('dev', 'code', $nsDev, $example.Code)
        $writer.WriteStartElement('dev', 'remarks', $nsDev); Add-Para $writer $example.Remarks; $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    # The first link with an address is where Get-Help -Online goes: the command's own page, from its HelpUri.
    $onlineUri = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].HelpUri
    if (-not $onlineUri) { $problems.Add("$($command.Name): no HelpUri on its [Cmdlet] attribute") }
    $writer.WriteStartElement('command', 'relatedLinks', $nsCommand)
    foreach ($link in @("[Online version:]($onlineUri)") + $doc.Links) {
        $text = $link; $uri = ''
        if ($link -match '^\[(.+?)\]\((.*?)\)$') { $text = $Matches[1]; $uri = $Matches[2] }
        $writer.WriteStartElement('maml', 'navigationLink', $nsMaml)
        $writer.WriteElementString('maml', 'linkText', $nsMaml, $text); $writer.WriteElementString('maml', 'uri', $nsMaml, $uri)
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.WriteEndElement()
}
$writer.WriteEndElement(); $writer.Flush(); $writer.Dispose()

foreach ($about in Get-ChildItem (Join-Path $DocsDirectory 'about') -Filter 'about_*.help.txt' -ErrorAction SilentlyContinue) {
    Copy-Item $about.FullName $OutputDirectory
}

# Missing help is reported here and enforced by tests/Qomon.PowerShell.Tests/Help/Help.Tests.ps1, so that a
# half-documented command never blocks a developer's build but never lands either.
foreach ($problem in $problems) { Write-Warning "Help: $problem" }

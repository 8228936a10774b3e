# Helpers of the Trust suites: run a script in a fresh pwsh process with a chosen environment, and make a
# temporary folder that is removed afterwards.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-PwshLaunch {
    <# How to start this same PowerShell again: { FileName, Prefix } (pwsh, or dotnet pwsh.dll for the tool build). #>
    $path = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') {
        return [pscustomobject]@{ FileName = $path; Prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    }
    [pscustomobject]@{ FileName = $path; Prefix = @() }
}

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS
        Runs a script in a new pwsh process (-NoProfile -NonInteractive) and returns { ExitCode, Output, Error }.
    .PARAMETER Script
        The script text; written to a temporary .ps1 file and run with -File.
    .PARAMETER File
        Or a script file to run as it is.
    .PARAMETER Arguments
        Arguments after the file (each one argument of the child).
    .PARAMETER Environment
        Environment variables to set (a $null value removes the variable) for the child only.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Text')] [string] $Script,
        [Parameter(Mandatory, ParameterSetName = 'File')] [string] $File,
        [string[]] $Arguments = @(),
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = [IO.Path]::GetTempPath(),
        [int] $TimeoutSec = 240
    )
    $temporary = $null
    if ($PSCmdlet.ParameterSetName -eq 'Text') {
        $temporary = Join-Path ([IO.Path]::GetTempPath()) ("qomon-trust-" + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $temporary -Value $Script -Encoding utf8
        $File = $temporary
    }
    $launch = Get-PwshLaunch
    $start = [System.Diagnostics.ProcessStartInfo]::new($launch.FileName)
    foreach ($argument in @($launch.Prefix) + @('-NoProfile', '-NonInteractive', '-File', $File) + $Arguments) { $start.ArgumentList.Add([string]$argument) }
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $start.Environment.Remove($name) } else { $start.Environment[$name] = [string]$Environment[$name] }
    }
    # A child must not inherit the parent's colour or host settings into its text output.
    $start.Environment['NO_COLOR'] = '1'
    $start.WorkingDirectory = $WorkingDirectory
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            throw "The child pwsh did not finish within $TimeoutSec s. Output so far: $(if ($stdout.Wait(2000)) { $stdout.Result })"
        }
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = ($stdout.Result -replace '\x1b\[[0-9;?]*[A-Za-z]', '')
            Error    = ($stderr.Result -replace '\x1b\[[0-9;?]*[A-Za-z]', '')
        }
    }
    finally {
        $process.Dispose()
        if ($temporary) { Remove-Item -LiteralPath $temporary -Force -ErrorAction SilentlyContinue }
    }
}

function New-TrustTempDirectory {
    <# A new empty folder under the temp path. #>
    param([string] $Prefix = 'qomon-trust')
    $path = Join-Path ([IO.Path]::GetTempPath()) ($Prefix + '-' + [guid]::NewGuid().ToString('N'))
    (New-Item -ItemType Directory -Path $path).FullName
}

function Get-ResultJson {
    <# The JSON object a child printed on its line 'QOMON_RESULT=<json>'; throws with the child's output if none. #>
    param([Parameter(Mandatory)] $Run)
    $line = @($Run.Output -split "`r?`n" | Where-Object { $_ -like 'QOMON_RESULT=*' }) | Select-Object -Last 1
    if (-not $line) { throw "The child printed no result (exit code $($Run.ExitCode)).`nOutput:`n$($Run.Output)`nError:`n$($Run.Error)" }
    $line.Substring('QOMON_RESULT='.Length) | ConvertFrom-Json
}

Export-ModuleMember -Function Get-PwshLaunch, Invoke-FreshPwsh, New-TrustTempDirectory, Get-ResultJson

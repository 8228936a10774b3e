# Runs a script in a fresh pwsh process: each measured run starts cold, with nothing loaded by an earlier run,
# and its peak memory is its own. Parameters go in and the result comes back as JSON files.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The pwsh that runs this script, started directly: `dotnet pwsh` goes through the tool shim, one more process
# in between (it would blur the import-cost figure and own no part of the measured memory).
function Get-PwshCommand {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ((Test-Path $dll) -and [Environment]::ProcessPath -match 'dotnet(\.exe)?$') { return @([Environment]::ProcessPath, $dll) }
    $exe = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
    @($exe)
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs $Script -ParameterPath <json of $Parameters> -ResultPath <json> in a fresh pwsh; returns the result object.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [Parameter(Mandatory)] [hashtable] $Parameters,
        [int] $TimeoutSec = 600
    )
    $work = Join-Path ([IO.Path]::GetTempPath()) ('qomon-bench-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    try {
        $parameterPath = Join-Path $work 'parameters.json'
        $resultPath = Join-Path $work 'result.json'
        $Parameters | ConvertTo-Json -Depth 6 -Compress | Set-Content -Path $parameterPath -Encoding utf8NoBOM
        $command = Get-PwshCommand
        $arguments = @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $Script, '-ParameterPath', $parameterPath, '-ResultPath', $resultPath)
        $start = [System.Diagnostics.ProcessStartInfo]::new($command[0])
        foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            throw "$(Split-Path $Script -Leaf) did not finish within $TimeoutSec s."
        }
        $process.WaitForExit()
        if ($process.ExitCode -ne 0 -or -not (Test-Path $resultPath)) {
            throw "$(Split-Path $Script -Leaf) failed (exit code $($process.ExitCode)):`n$($stdout.Result)`n$($stderr.Result)"
        }
        Get-Content -Raw $resultPath | ConvertFrom-Json
    }
    finally { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Export-ModuleMember -Function Invoke-ChildPwsh, Get-PwshCommand

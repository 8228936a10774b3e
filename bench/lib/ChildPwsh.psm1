# Runs a script in a fresh pwsh process: each measured run starts cold, with nothing loaded by an earlier run,
# and its peak memory is its own. Parameters go in and the result comes back as JSON files.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'SchedStat.psm1')

# The pwsh that runs this script, started directly: `dotnet pwsh` goes through the tool shim, one more process
# in between (it would blur the import-cost figure and own no part of the measured memory).
function Get-PwshCommand {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ((Test-Path $dll) -and [Environment]::ProcessPath -match 'dotnet(\.exe)?$') { return @([Environment]::ProcessPath, $dll) }
    $exe = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
    @($exe)
}

# The benchmark's own processes (the emulator and every measured pwsh) start at a raised priority when the
# system allows it (Linux, root or CAP_SYS_NICE): on a machine shared with other work, the figures should
# describe the module rather than the run queue. BenchmarkDotNet raises its own priority for the same reason.
# Other processes are left alone. `nice` wraps the start, so every thread of the process inherits it.
$script:Nice = $null
function Get-PriorityPrefix {
    if ($null -eq $script:Nice) {
        $script:Nice = @()
        $nice = Get-Command nice -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($IsLinux -and $nice) {
            & $nice.Source -n -10 true 2>$null
            if ($LASTEXITCODE -eq 0 -and ((& $nice.Source -n -10 nice) -eq '-10')) { $script:Nice = @($nice.Source, '-n', '-10') }
        }
    }
    $script:Nice
}

# A ProcessStartInfo for the command, behind the priority prefix when there is one.
function New-PrioritizedStartInfo([string[]] $Command) {
    $full = @(Get-PriorityPrefix) + $Command
    $start = [System.Diagnostics.ProcessStartInfo]::new($full[0])
    foreach ($argument in $full | Select-Object -Skip 1) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs $Script -ParameterPath <json of $Parameters> -ResultPath <json> in a fresh pwsh; returns the result object.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [Parameter(Mandatory)] [hashtable] $Parameters,
        [int] $TimeoutSec = 600,
        # Another process (the emulator) whose CPU and run-queue wait during the child's run go in the result as ServerScheduler.
        [int] $WatchProcessId = 0
    )
    $work = Join-Path ([IO.Path]::GetTempPath()) ('qomon-bench-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    try {
        $parameterPath = Join-Path $work 'parameters.json'
        $resultPath = Join-Path $work 'result.json'
        $Parameters | ConvertTo-Json -Depth 6 -Compress | Set-Content -Path $parameterPath -Encoding utf8NoBOM
        $command = Get-PwshCommand
        $start = New-PrioritizedStartInfo (@($command) + @('-NoProfile', '-NonInteractive', '-File', $Script, '-ParameterPath', $parameterPath, '-ResultPath', $resultPath))
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $watched = if ($WatchProcessId) { Get-SchedStat $WatchProcessId }
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
        $result = Get-Content -Raw $resultPath | ConvertFrom-Json
        if ($WatchProcessId) { $result | Add-Member -NotePropertyName ServerScheduler -NotePropertyValue (Get-SchedStatDelta $watched (Get-SchedStat $WatchProcessId)) }
        $result
    }
    finally { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Export-ModuleMember -Function Invoke-ChildPwsh, Get-PwshCommand, Get-PriorityPrefix, New-PrioritizedStartInfo

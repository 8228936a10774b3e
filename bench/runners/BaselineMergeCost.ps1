# The baseline's CPU cost per contact, without the network: Update-BaselineContact from Baseline.ps1 run as is
# against the benchmark's fixture contact, with Invoke-RestMethod replaced by a stand-in that parses the GET
# answer (as Invoke-RestMethod does) and drops the PATCH (whose body Invoke-BaselineRequest has already
# serialised). The counterpart of the module's "parse GET + merge + PATCH body".
param([Parameter(Mandatory)] [string] $ParameterPath, [Parameter(Mandatory)] [string] $ResultPath)
. (Join-Path $PSScriptRoot 'RunnerCommon.ps1')
$p = Read-RunnerParameters $ParameterPath
. (Join-Path $PSScriptRoot '../baseline/Baseline.ps1')
$script:answer = Get-Content -Raw $p.FixturePath

function Invoke-RestMethod {
    param($Method, $Uri, $Headers, $ContentType, $Body)
    if ($Method -eq 'Get') { return $script:answer | ConvertFrom-Json }
}

$run = { param($count) for ($i = 0; $i -lt $count; $i++) { Update-BaselineContact -BaseUri 'http://fixture' -ApiKey 'k' -Id 1 -Changes @{ firstname = 'Camila'; mobile = '+33 6 00 00 00 01' } } }
& $run 200   # warm-up: compile the script blocks and the JSON converters
$allocated = [GC]::GetAllocatedBytesForCurrentThread()
$cpu = Get-CpuSeconds
$clock = [System.Diagnostics.Stopwatch]::StartNew()
& $run $p.Iterations
$clock.Stop()
Write-RunnerResult $ResultPath ([ordered]@{
    Iterations          = $p.Iterations
    WallMicroseconds    = $clock.Elapsed.TotalMilliseconds * 1000 / $p.Iterations
    CpuMicroseconds     = ((Get-CpuSeconds) - $cpu) * 1e6 / $p.Iterations
    AllocatedBytes      = ([GC]::GetAllocatedBytesForCurrentThread() - $allocated) / $p.Iterations
})

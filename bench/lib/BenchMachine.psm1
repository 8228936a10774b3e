# The machine a run was measured on, for the results header: figures from two machines are not comparable.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-BenchMachine {
    $memory = 'unknown'
    if (Test-Path /proc/meminfo) {
        $kb = [long]((Select-String -Path /proc/meminfo -Pattern '^MemTotal:\s+(\d+)').Matches[0].Groups[1].Value)
        $memory = '{0:0.0} GiB' -f ($kb / 1MB)
    }
    $cpu = 'unknown'
    if (Test-Path /proc/cpuinfo) {
        $model = Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1
        if ($model) { $cpu = $model.Matches[0].Groups[1].Value.Trim() }
    }
    [pscustomobject][ordered]@{
        Date               = [DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture) + ' UTC'
        OS                 = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        Cores              = [Environment]::ProcessorCount
        Cpu                = $cpu
        Memory             = $memory
        DotNet             = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        DotNetSdk          = ((& dotnet --version) | Select-Object -First 1)
        PowerShell         = $PSVersionTable.PSVersion.ToString()
        LoadAverageAtStart = Get-BenchLoad
    }
}

# The 1, 5 and 15-minute load averages: on a shared machine, runnable work beyond the core count delays every
# request, so each scenario records the load it ran under.
function Get-BenchLoad {
    if (Test-Path /proc/loadavg) { return ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' }
    'n/a'
}

Export-ModuleMember -Function Get-BenchMachine, Get-BenchLoad

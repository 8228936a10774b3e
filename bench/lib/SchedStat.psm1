# Linux scheduler statistics of a process: CPU time, and time spent runnable but waiting for a core (the run
# queue), summed over its threads (/proc/<pid>/task/*/schedstat: run ns, wait ns, slices). On a shared machine
# the wait is what other work costs a run; a run whose wait dwarfs its CPU time is limited by the machine,
# not by its own code. Threads that ended are not counted, so the wait is a lower bound.
Set-StrictMode -Version Latest

function Get-SchedStat {
    param([int] $ProcessId = $PID)
    $cpu = 0L; $wait = 0L
    foreach ($task in Get-ChildItem "/proc/$ProcessId/task" -Directory -ErrorAction SilentlyContinue) {
        $text = Get-Content "$($task.FullName)/schedstat" -ErrorAction SilentlyContinue
        if (-not $text) { continue }
        $fields = $text -split ' '
        $cpu += [long]$fields[0]; $wait += [long]$fields[1]
    }
    [pscustomobject]@{ CpuSeconds = $cpu / 1e9; RunQueueWaitSeconds = $wait / 1e9 }
}

function Get-SchedStatDelta($Before, $After) {
    [ordered]@{
        CpuSeconds          = [math]::Round($After.CpuSeconds - $Before.CpuSeconds, 3)
        RunQueueWaitSeconds = [math]::Round($After.RunQueueWaitSeconds - $Before.RunQueueWaitSeconds, 3)
    }
}

Export-ModuleMember -Function Get-SchedStat, Get-SchedStatDelta

# Scenario 4, merge cost: BenchmarkDotNet (bench/Qomon.Benchmarks, ShortRun, in process) times the merge of a
# realistic contact (30 fields, 12 answers, 5 notes) plus its PATCH body. Goal: under 50 µs and 64 KB per
# contact. Also reported: parse + merge + body (the whole CPU work per record), the same work done by the
# baseline script in PowerShell, and a step-by-step breakdown by wall clock and CPU time (MergeBreakdown).

function Invoke-MergeCostScenario {
    param([Parameter(Mandatory)] $Context)
    $project = Join-Path $Context.Bench 'Qomon.Benchmarks/Qomon.Benchmarks.csproj'
    $output = Join-Path $Context.Bench 'Qomon.Benchmarks/bin/Release/net10.0'
    & dotnet build $project -c Release --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Building the merge benchmark failed (exit code $LASTEXITCODE)." }
    $exe = Join-Path $output 'Qomon.Benchmarks.dll'
    $work = Join-Path ([IO.Path]::GetTempPath()) ('qomon-bdn-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    try {
        $summaryPath = Join-Path $work 'summary.json'
        # BenchmarkDotNet's own log is long: shown only when the run fails.
        $log = & dotnet $exe --summary $summaryPath --artifacts (Join-Path $work 'artifacts')
        if ($LASTEXITCODE -ne 0) { $log | Out-Host; throw "The merge benchmark failed (exit code $LASTEXITCODE)." }
        $log | Select-Object -Last 2 | Out-Host
        $summary = Get-Content -Raw $summaryPath | ConvertFrom-Json
        & dotnet $exe --breakdown (Join-Path $work 'breakdown.json') | Out-Null
        $breakdown = Get-Content -Raw (Join-Path $work 'breakdown.json') | ConvertFrom-Json
        & dotnet $exe --fixture (Join-Path $work 'fixture.json') | Out-Null
        $baseline = Invoke-ChildPwsh -Script (Join-Path $Context.Runners 'BaselineMergeCost.ps1') -Parameters @{ FixturePath = (Join-Path $work 'fixture.json'); Iterations = 1000 }
    }
    finally { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }

    $merge = $summary.Benchmarks | Where-Object Benchmark -NotMatch 'parse' | Select-Object -First 1
    $whole = $summary.Benchmarks | Where-Object Benchmark -Match 'parse' | Select-Object -First 1
    $cpu = ($breakdown | Where-Object Step -Match '^merge' | Select-Object -First 1).CpuMicroseconds +
        ($breakdown | Where-Object Step -Match '^PATCH body' | Select-Object -First 1).CpuMicroseconds
    $name = '4. Merge cost (30 fields, 12 answers, 5 notes)'
    @{
        Rows    = @(
            New-BenchRow $name 'merge + PATCH body, µs (BenchmarkDotNet mean)' ($merge.MeanNs / 1000) $null -Format '0.0' -Goal '< 50' -Pass ($merge.MeanNs / 1000 -lt 50)
            New-BenchRow $name 'merge + PATCH body, KB allocated' ($merge.AllocatedBytes / 1KB) $null -Format '0.0' -Goal '< 64' -Pass ($merge.AllocatedBytes / 1KB -lt 64)
            New-BenchRow $name 'merge + PATCH body, CPU µs (breakdown)' $cpu $null -Format '0.0'
            New-BenchRow $name 'parse GET + merge + PATCH body, µs' ($whole.MeanNs / 1000) $baseline.WallMicroseconds -Format '0'
            New-BenchRow $name 'parse GET + merge + PATCH body, KB allocated' ($whole.AllocatedBytes / 1KB) ($baseline.AllocatedBytes / 1KB) -Format '0'
        )
        Details = [ordered]@{ BenchmarkDotNet = $summary; Breakdown = $breakdown; Baseline = $baseline; LoadAverage = Get-BenchLoad }
    }
}

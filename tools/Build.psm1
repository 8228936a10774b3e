# The build's tasks; build.ps1 only dispatches to them.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$script:Root = Split-Path $PSScriptRoot -Parent
$script:ModuleOut = Join-Path $script:Root 'module/Qomon'
$script:Artifacts = Join-Path $script:Root 'artifacts'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    # To the host, so that a task's own result stays clean and warnings (missing help, say) are still seen.
    & $Command | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Get-NuGetPackagesRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = (& dotnet nuget locals global-packages --list) | Select-Object -First 1
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Get-EmulatorDll {
    param([string] $Configuration = 'Release')
    Join-Path $script:Root "src/Qomon.Emulator/bin/$Configuration/net10.0/Qomon.Emulator.dll"
}

function Invoke-QomonBuild {
    param([string] $Configuration = 'Release')
    Push-Location $script:Root
    try {
        Invoke-Native 'dotnet build' { dotnet build Qomon.PowerShell.sln -c $Configuration --nologo -v quiet }
        $publish = Join-Path $script:Artifacts "publish/Qomon.PowerShell"
        if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
        Invoke-Native 'dotnet publish' { dotnet publish src/Qomon.PowerShell -c $Configuration -o $publish --nologo -v quiet }
        Invoke-Native 'help build' { dotnet pwsh -NoProfile -File (Join-Path $PSScriptRoot 'Build-Help.ps1') -OutputDirectory (Join-Path $publish 'en-US') }
        Build-ModuleFolder -Publish $publish
    }
    finally { Pop-Location }
    return $script:ModuleOut
}

# Assembles module/Qomon: the manifest with its version set, our own dlls beside it, format data and help;
# the third-party dlls that only Windows PowerShell 5.1 lacks go to Dependencies/, which the module's
# resolver consults for our own assemblies' requests alone.
function Build-ModuleFolder {
    param([string] $Publish)
    if (Test-Path $script:ModuleOut) { Remove-Item $script:ModuleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $script:ModuleOut, (Join-Path $script:ModuleOut 'Dependencies'), (Join-Path $script:ModuleOut 'en-US') | Out-Null

    $version = ([xml](Get-Content (Join-Path $script:Root 'Directory.Build.props') -Raw)).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
    (Get-Content (Join-Path $script:Root 'Qomon.psd1') -Raw).Replace('0.0.0', $version) |
        Set-Content -Path (Join-Path $script:ModuleOut 'Qomon.psd1') -Encoding utf8NoBOM

    $ownAssemblies = 'Qomon.PowerShell.dll', 'Qomon.Client.dll', 'Microsoft.Bcl.TimeProvider.dll'
    foreach ($dll in Get-ChildItem $Publish -Filter *.dll) {
        $target = if ($ownAssemblies -contains $dll.Name) { $script:ModuleOut } else { Join-Path $script:ModuleOut 'Dependencies' }
        Copy-Item $dll.FullName $target
    }
    Copy-Item (Join-Path $Publish 'Qomon.PowerShell.pdb') $script:ModuleOut -ErrorAction SilentlyContinue
    Copy-Item (Join-Path $script:Root 'src/Qomon.PowerShell/Formats/*.ps1xml') $script:ModuleOut
    Copy-Item (Join-Path $Publish 'en-US/*') (Join-Path $script:ModuleOut 'en-US') -Recurse

    $manifest = Import-PowerShellDataFile (Join-Path $script:ModuleOut 'Qomon.psd1')
    $expected = @($manifest.RootModule) + @($manifest.FormatsToProcess) + @($manifest.TypesToProcess) + $ownAssemblies + 'Dependencies/System.Text.Json.dll'
    foreach ($file in $expected) {
        if (-not (Test-Path (Join-Path $script:ModuleOut $file))) { throw "Build is incomplete: module/Qomon/$file is missing." }
    }
}

function Get-TrxCounts {
    param([string] $Path)
    $counters = ([xml](Get-Content $Path -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; Total = [int]$counters.total }
}

function Invoke-QomonTests {
    param([string] $Configuration = 'Release')
    $results = Join-Path $script:Artifacts 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results | Out-Null
    $passed = 0; $failed = 0; $broken = @()

    foreach ($project in Get-ChildItem (Join-Path $script:Root 'tests') -Recurse -Filter '*.Tests.csproj') {
        $trx = "$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $results
        $trxPath = Join-Path $results $trx
        if (-not (Test-Path $trxPath)) { $broken += $project.BaseName; continue }
        $counts = Get-TrxCounts $trxPath
        Write-Host ("{0}: {1} passed, {2} failed" -f $project.BaseName, $counts.Passed, $counts.Failed)
        $passed += $counts.Passed; $failed += $counts.Failed
        if ($counts.Total -eq 0) { $broken += "$($project.BaseName) (ran no test)" }
    }

    Invoke-Native 'restore Pester' { dotnet restore (Join-Path $PSScriptRoot 'Pester.proj') --nologo -v quiet }
    $pesterJson = Join-Path $results 'pester.json'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-Pester.ps1') -PesterRoot (Join-Path (Get-NuGetPackagesRoot) 'pester/5.7.1/tools') -SummaryPath $pesterJson -Configuration $Configuration
    if (Test-Path $pesterJson) {
        $pester = Get-Content $pesterJson -Raw | ConvertFrom-Json
        Write-Host ("Pester: {0} passed, {1} failed" -f $pester.Passed, $pester.Failed)
        $passed += $pester.Passed; $failed += $pester.Failed
        if ($pester.Passed + $pester.Failed -eq 0) { $broken += 'Pester (ran no test)' }
    }
    else { $broken += 'Pester' }

    if ($broken) { Write-Host "Test runs that did not report: $($broken -join ', ')" }
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $broken) { exit 1 }
}

function Invoke-QomonEmulator {
    param([string] $Configuration = 'Release', [string[]] $Arguments = @())
    Push-Location $script:Root
    try { & dotnet run --project src/Qomon.Emulator -c $Configuration -- @Arguments }
    finally { Pop-Location }
}

function Invoke-QomonDemo {
    param([string] $Configuration = 'Release')
    & dotnet pwsh -NoProfile -File (Join-Path $script:Root 'examples/demo.ps1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
}

function Invoke-QomonBench {
    param([string] $Configuration = 'Release')
    & dotnet pwsh -NoProfile -File (Join-Path $script:Root 'bench/Invoke-Benchmark.ps1') -Configuration $Configuration
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed (exit code $LASTEXITCODE)." }
}

function Invoke-QomonPackage {
    param([string] $Configuration = 'Release')
    & dotnet pwsh -NoProfile -File (Join-Path $PSScriptRoot 'New-ModulePackage.ps1') -ModuleDirectory $script:ModuleOut -OutputDirectory (Join-Path $script:Artifacts 'package')
    if ($LASTEXITCODE -ne 0) { throw "Packaging failed (exit code $LASTEXITCODE)." }
}

Export-ModuleMember -Function Invoke-QomonBuild, Invoke-QomonTests, Invoke-QomonEmulator, Invoke-QomonDemo, Invoke-QomonBench, Invoke-QomonPackage, Get-EmulatorDll, Get-NuGetPackagesRoot

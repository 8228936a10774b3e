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

# dotnet's own output, kept to what needs reading: warnings and errors, without the logo and the "Build succeeded /
# 0 Warning(s) / Time Elapsed" summary. dotnet build passes its own -clp:Summary after ours, so its console logger
# is replaced by MSBuild's classic one with our parameters (which also writes no terminal-logger animation or
# colour codes into a log).
$script:QuietLogger = '-logger:Microsoft.Build.Logging.ConsoleLogger,Microsoft.Build;NoSummary;Verbosity=quiet'

function Invoke-Dotnet {
    param([string] $What, [Parameter(Mandatory)] [string[]] $Arguments)
    Invoke-Native $What { dotnet @Arguments --nologo -noConsoleLogger $script:QuietLogger }
}

function Get-NuGetPackagesRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = (& dotnet nuget locals global-packages --list) | Select-Object -First 1
    return ($line -replace '^global-packages:\s*', '').Trim()
}

# Pester as tools/Pester.proj pins it (the one place its version is written), from the NuGet cache it restores into.
function Get-PesterRoot {
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot 'Pester.proj') -Raw)).Project.ItemGroup.PackageDownload.Version
    Join-Path (Get-NuGetPackagesRoot) "pester/$($version.Trim('[', ']'))/tools"
}

function Get-EmulatorDll {
    param([string] $Configuration = 'Release')
    Join-Path $script:Root "src/Qomon.Emulator/bin/$Configuration/net10.0/Qomon.Emulator.dll"
}

function Invoke-QomonBuild {
    param([string] $Configuration = 'Release')
    Push-Location $script:Root
    try {
        Invoke-Dotnet 'dotnet build' 'build', 'Qomon.PowerShell.sln', '-c', $Configuration
        $publish = Join-Path $script:Artifacts "publish/Qomon.PowerShell"
        if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
        Invoke-Dotnet 'dotnet publish' 'publish', 'src/Qomon.PowerShell', '-c', $Configuration, '-o', $publish
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

    # The source manifest sits with the project it describes, not at the root, so that module/Qomon is the only
    # manifest a user finds to import; its version 0.0.0 is a placeholder set here.
    $version = ([xml](Get-Content (Join-Path $script:Root 'Directory.Build.props') -Raw)).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
    (Get-Content (Join-Path $script:Root 'src/Qomon.PowerShell/Qomon.psd1') -Raw).Replace('0.0.0', $version) |
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

    # Qomon.Desktop.Tests is a net472 console host run on Mono below, not a dotnet test project.
    foreach ($project in Get-ChildItem (Join-Path $script:Root 'tests') -Recurse -Filter '*.Tests.csproj' | Where-Object BaseName -NE 'Qomon.Desktop.Tests') {
        $trx = "$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $results
        $trxPath = Join-Path $results $trx
        if (-not (Test-Path $trxPath)) { $broken += $project.BaseName; continue }
        $counts = Get-TrxCounts $trxPath
        Write-Host ("{0}: {1} passed, {2} failed" -f $project.BaseName, $counts.Passed, $counts.Failed)
        $passed += $counts.Passed; $failed += $counts.Failed
        if ($counts.Total -eq 0) { $broken += "$($project.BaseName) (ran no test)" }
    }

    Invoke-Dotnet 'restore Pester' 'restore', (Join-Path $PSScriptRoot 'Pester.proj')
    $pesterJson = Join-Path $results 'pester.json'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-Pester.ps1') -PesterRoot (Get-PesterRoot) -SummaryPath $pesterJson -Configuration $Configuration
    if (Test-Path $pesterJson) {
        $pester = Get-Content $pesterJson -Raw | ConvertFrom-Json
        Write-Host ("Pester: {0} passed, {1} failed" -f $pester.Passed, $pester.Failed)
        $passed += $pester.Passed; $failed += $pester.Failed
        if ($pester.Passed + $pester.Failed -eq 0) { $broken += 'Pester (ran no test)' }
    }
    else { $broken += 'Pester' }

    $desktop = try { Invoke-QomonDesktopTests -Configuration $Configuration -PassThru } catch { Write-Host "Desktop: $($_.Exception.Message)"; $null }
    if ($desktop) {
        Write-Host ("Desktop: {0} passed, {1} failed" -f $desktop.Passed, $desktop.Failed)
        $passed += $desktop.Passed; $failed += $desktop.Failed
        if ($desktop.Passed + $desktop.Failed -eq 0) { $broken += 'Desktop (ran no test)' }
    }
    else { $broken += 'Desktop' }

    if ($broken) { Write-Host "Test runs that did not report: $($broken -join ', ')" }
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $broken) { exit 1 }
}

# Debian's packages that run a .NET Framework 4.7.2 console program that uses HttpClient.
$script:MonoPackages = 'mono-runtime', 'libmono-corlib4.5-cil', 'libmono-system4.0-cil', 'libmono-system-core4.0-cil', 'libmono-system-net-http4.0-cil'

function Install-Mono {
    if (Get-Command mono -ErrorAction SilentlyContinue) { return }
    if (-not (Get-Command apt-get -ErrorAction SilentlyContinue)) { throw 'TestDesktop needs Mono (Debian: apt-get install mono-runtime); apt-get is not available here.' }
    Write-Host "Installing $($script:MonoPackages -join ', ') (apt-get)"
    Invoke-Native 'apt-get update' { apt-get update -qq }
    $packages = $script:MonoPackages
    Invoke-Native 'apt-get install' { $env:DEBIAN_FRONTEND = 'noninteractive'; apt-get install -y -qq --no-install-recommends @packages }
}

# .NET Framework 4.7.2 carries netstandard.dll and the other facades (System.Runtime, ...) that netstandard2.0
# libraries bind to; Debian's mono-runtime does not, only mono-devel (124 packages with its dependencies) has them.
# Rather than install that, the facades are taken from Debian's mono-devel package (apt-get download) once and
# given to Mono through MONO_PATH. They forward to Mono's own mscorlib/System; none of them is a dll the module
# ships.
function Get-MonoFacades {
    $installed = '/usr/lib/mono/4.5/Facades'
    if (Test-Path (Join-Path $installed 'netstandard.dll')) { return $installed }
    $cache = Join-Path $script:Artifacts 'desktop/mono-facades'
    if (Test-Path (Join-Path $cache 'netstandard.dll')) { return $cache }
    $work = Join-Path $script:Artifacts 'desktop/mono-devel'
    if (Test-Path $work) { Remove-Item $work -Recurse -Force }
    New-Item -ItemType Directory -Path $work | Out-Null
    Push-Location $work
    try { Invoke-Native 'apt-get download mono-devel' { apt-get download -qq mono-devel } }
    finally { Pop-Location }
    $deb = Get-ChildItem $work -Filter 'mono-devel_*.deb' | Select-Object -First 1
    Invoke-Native 'dpkg-deb -x' { dpkg-deb -x $deb.FullName (Join-Path $work 'x') }
    New-Item -ItemType Directory -Path $cache -Force | Out-Null
    Copy-Item (Join-Path $work 'x/usr/lib/mono/4.5/Facades/*.dll') $cache
    Remove-Item $work -Recurse -Force
    return $cache
}

# The Windows PowerShell 5.1 check that Linux allows: tests/Qomon.Desktop.Tests (net472) on Mono loads
# module/Qomon as shipped, registers the module's assembly rule and drives Qomon.Client against the emulator.
function Invoke-QomonDesktopTests {
    param([string] $Configuration = 'Release', [switch] $PassThru)
    Install-Mono
    $facades = Get-MonoFacades
    $project = Join-Path $script:Root 'tests/Qomon.Desktop.Tests'
    Invoke-Dotnet 'dotnet build (desktop host)' 'build', $project, '-c', $Configuration
    $exe = Join-Path $project "bin/$Configuration/net472/Qomon.Desktop.Tests.exe"
    $previous = $env:MONO_PATH
    $env:MONO_PATH = $facades
    try {
        $output = & mono $exe --module $script:ModuleOut --emulator (Get-EmulatorDll $Configuration) 2>&1 | ForEach-Object { $line = "$_"; Write-Host $line; $line }
        $exitCode = $LASTEXITCODE
    }
    finally { $env:MONO_PATH = $previous }
    $summary = @($output | Where-Object { $_ -match '^(\d+) passed, (\d+) failed$' }) | Select-Object -Last 1
    $counts = if ($summary -and $summary -match '^(\d+) passed, (\d+) failed$') { [pscustomobject]@{ Passed = [int]$Matches[1]; Failed = [int]$Matches[2] } }
    if ($PassThru) { return $counts }
    if (-not $counts) { throw "The desktop host did not report (exit code $exitCode)." }
    if ($counts.Failed -gt 0 -or $exitCode -ne 0) { exit 1 }
}

function Invoke-QomonEmulator {
    param([string] $Configuration = 'Release', [string[]] $Arguments = @())
    Push-Location $script:Root
    try { & dotnet run --project src/Qomon.Emulator -c $Configuration -- @Arguments }
    finally { Pop-Location }
}

# The demo and the package take module/Qomon as the build task assembled it (the demo starts the Release emulator,
# examples/demo.ps1), so they have no configuration of their own.
function Invoke-QomonDemo {
    & dotnet pwsh -NoProfile -File (Join-Path $script:Root 'examples/demo.ps1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
}

function Invoke-QomonBench {
    param([string] $Configuration = 'Release')
    & dotnet pwsh -NoProfile -File (Join-Path $script:Root 'bench/Invoke-Benchmark.ps1') -Configuration $Configuration
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed (exit code $LASTEXITCODE)." }
}

function Invoke-QomonPackage {
    & dotnet pwsh -NoProfile -File (Join-Path $PSScriptRoot 'New-ModulePackage.ps1') -ModuleDirectory $script:ModuleOut -OutputDirectory (Join-Path $script:Artifacts 'package')
    if ($LASTEXITCODE -ne 0) { throw "Packaging failed (exit code $LASTEXITCODE)." }
}

Export-ModuleMember -Function Invoke-Dotnet, Invoke-QomonBuild, Invoke-QomonTests, Invoke-QomonDesktopTests, Invoke-QomonEmulator, Invoke-QomonDemo, Invoke-QomonBench, Invoke-QomonPackage, Get-EmulatorDll, Get-NuGetPackagesRoot, Get-PesterRoot

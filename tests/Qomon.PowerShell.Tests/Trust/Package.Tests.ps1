# The release packages: tools/New-ModulePackage.ps1 turns the built module folder into the zip Azure Automation
# imports and a .nupkg for a PowerShell repository; a fresh pwsh that has only the extracted zip on its module path
# imports Qomon by name and reads and merges against the emulator, PSResourceGet installs the nupkg from a folder
# repository, and examples/demo.ps1 runs against the extracted package.
BeforeDiscovery {
    $script:demoPath = Join-Path $PSScriptRoot '../../../examples/demo.ps1'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Write/WriteTestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TrustHelpers.psm1') -Force
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
    $script:demoPath = Join-Path $script:repoRoot 'examples/demo.ps1'
    $script:moduleDirectory = Split-Path $env:QOMON_TEST_MODULE -Parent
    $script:manifest = Import-PowerShellDataFile $env:QOMON_TEST_MODULE
    $script:version = [string]$script:manifest.ModuleVersion
    $script:work = New-TrustTempDirectory 'qomon-package'
    $script:out = Join-Path $script:work 'out'

    # The packaging script runs as the build runs it: in its own pwsh.
    $script:packaging = Invoke-FreshPwsh -Script "& '$(Join-Path $script:repoRoot 'tools/New-ModulePackage.ps1')' -ModuleDirectory '$script:moduleDirectory' -OutputDirectory '$script:out'; exit `$LASTEXITCODE"
    $script:zipPath = Join-Path $script:out "Qomon-$script:version.zip"
    $script:nupkgPath = Join-Path $script:out "Qomon.$script:version.nupkg"
    $script:moduleFiles = @(Get-ChildItem $script:moduleDirectory -Recurse -File | ForEach-Object { $_.FullName.Substring($script:moduleDirectory.Length + 1).Replace('\', '/') })

    # The extracted zip: the only module folder the fresh processes below may use (with $PSHOME/Modules).
    $script:modules = Join-Path $script:work 'modules'
    if (Test-Path $script:zipPath) { [IO.Compression.ZipFile]::ExtractToDirectory($script:zipPath, $script:modules) }
    # HOME and XDG folders point into the work folder, so no user module folder or PSResourceGet store is used.
    $script:isolated = @{
        PSModulePath    = $script:modules + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
        HOME            = (Join-Path $script:work 'home')
        XDG_DATA_HOME   = (Join-Path $script:work 'home/data')
        XDG_CONFIG_HOME = (Join-Path $script:work 'home/config')
        XDG_CACHE_HOME  = (Join-Path $script:work 'home/cache')
        QOMON_API_KEY   = $null
        QOMON_BASE_URI  = $null
    }
    # (.NET ignores an XDG folder that does not exist, and PSResourceGet then keeps its store in the temp folder.)
    $null = New-Item -ItemType Directory -Force -Path $script:isolated.HOME, $script:isolated.XDG_DATA_HOME, $script:isolated.XDG_CONFIG_HOME, $script:isolated.XDG_CACHE_HOME

    $script:emulator = Start-TestEmulator -Seed 20 -Settings @{ burst = 100; rate = 500 }

    function Get-ZipEntry([string] $Path) {
        $archive = [IO.Compression.ZipFile]::OpenRead($Path)
        try { @($archive.Entries | ForEach-Object FullName) } finally { $archive.Dispose() }
    }

    function Read-ZipText([string] $Path, [string] $Entry) {
        $archive = [IO.Compression.ZipFile]::OpenRead($Path)
        try { $reader = [IO.StreamReader]::new($archive.GetEntry($Entry).Open()); try { $reader.ReadToEnd() } finally { $reader.Dispose() } }
        finally { $archive.Dispose() }
    }
}

AfterAll {
    Stop-TestEmulator $script:emulator
    Remove-Item $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'tools/New-ModulePackage.ps1' {
    It 'writes Qomon-<version>.zip, Qomon.zip and Qomon.<version>.nupkg and exits 0' {
        $script:packaging.ExitCode | Should -Be 0 -Because "$($script:packaging.Output)`n$($script:packaging.Error)"
        $script:zipPath | Should -Exist
        $script:nupkgPath | Should -Exist
        Join-Path $script:out 'Qomon.zip' | Should -Exist
        (Get-FileHash (Join-Path $script:out 'Qomon.zip')).Hash | Should -Be (Get-FileHash $script:zipPath).Hash
    }

    It 'puts one Qomon folder at the top of the zip, Qomon.psd1 at its root, and every file of the module under it' {
        $entries = Get-ZipEntry $script:zipPath
        @($entries | Where-Object { $_ -notlike 'Qomon/*' }) | Should -BeNullOrEmpty
        $entries | Should -Contain 'Qomon/Qomon.psd1'
        $entries | Should -Contain "Qomon/$($script:manifest.RootModule)"
        foreach ($file in @($script:manifest.FormatsToProcess) + @($script:manifest.TypesToProcess)) { $entries | Should -Contain "Qomon/$file" }
        $entries | Should -Contain 'Qomon/Dependencies/System.Text.Json.dll'
        @($entries | Where-Object { $_ -like 'Qomon/en-US/*' }).Count | Should -BeGreaterThan 0
        @($entries | Where-Object { $_ -like '*\*' }) | Should -BeNullOrEmpty -Because 'entry names use / (a \ breaks extraction on Linux)'
        ($entries -replace '^Qomon/', '' | Sort-Object) | Should -Be ($script:moduleFiles | Sort-Object)
    }

    It 'puts Qomon.nuspec (id Qomon, the module version, PSModule tags) and the module files at the root of the nupkg' {
        $entries = Get-ZipEntry $script:nupkgPath
        $entries | Should -Contain 'Qomon.nuspec'
        $entries | Should -Contain '[Content_Types].xml'
        $entries | Should -Contain '_rels/.rels'
        foreach ($file in $script:moduleFiles) { $entries | Should -Contain $file }
        $nuspec = [xml](Read-ZipText $script:nupkgPath 'Qomon.nuspec')
        $nuspec.package.metadata.id | Should -Be 'Qomon'
        $nuspec.package.metadata.version | Should -Be $script:version
        $nuspec.package.metadata.description | Should -Be $script:manifest.Description
        $tags = $nuspec.package.metadata.tags -split ' '
        $tags | Should -Contain 'PSModule'
        $tags | Should -Contain 'PSCmdlet_Set-QomonContact'
        $tags | Should -Contain 'PSEdition_Core'
        $tags | Should -Contain 'PSEdition_Desktop'
    }

    It 'gives Test-ModuleManifest a valid manifest in the extracted zip' {
        $tested = Test-ModuleManifest -Path (Join-Path $script:modules 'Qomon/Qomon.psd1')
        $tested.Name | Should -Be 'Qomon'
        [string]$tested.Version | Should -Be $script:version
        @($tested.ExportedCmdlets.Keys) | Should -Contain 'Set-QomonContact'
    }

    It 'fails, naming the problem, when given a folder that is not a built module' {
        $empty = New-Item -ItemType Directory -Path (Join-Path $script:work 'NotAModule')
        $run = Invoke-FreshPwsh -Script "& '$(Join-Path $script:repoRoot 'tools/New-ModulePackage.ps1')' -ModuleDirectory '$($empty.FullName)' -OutputDirectory '$(Join-Path $script:work 'out2')'"
        $run.ExitCode | Should -Not -Be 0
        "$($run.Output)$($run.Error)" | Should -Match 'No module manifest'
    }
}

Describe 'A fresh pwsh with only the extracted zip' {
    It 'imports Qomon by name from the extracted folder, reads contacts and merges one field' {
        $script = {
            $ErrorActionPreference = 'Stop'
            $available = @(Get-Module -ListAvailable -Name Qomon)
            Import-Module Qomon
            Connect-Qomon -ApiKey (ConvertTo-SecureString $env:QOMON_TRUST_KEY -AsPlainText -Force) -BaseUri $env:QOMON_TRUST_URL
            $read = @(Get-QomonContact -First 5)
            $merged = Set-QomonContact -Id $read[0].id -Property @{ mobile = '+33 6 70 70 70 70' } -PassThru
            $module = Get-Module Qomon
            'QOMON_RESULT=' + (@{
                    Available  = @($available | ForEach-Object ModuleBase)
                    ModuleBase = $module.ModuleBase
                    Version    = [string]$module.Version
                    Commands   = @(Get-Command -Module Qomon).Count
                    Read       = $read.Count
                    Id         = $read[0].id
                    Mobile     = $merged.mobile
                } | ConvertTo-Json -Compress)
        }
        $environment = $script:isolated.Clone()
        $environment.QOMON_TRUST_KEY = $script:emulator.ApiKey
        $environment.QOMON_TRUST_URL = $script:emulator.Url
        $run = Invoke-FreshPwsh -Script $script.ToString() -Environment $environment
        $result = Get-ResultJson $run
        $run.ExitCode | Should -Be 0 -Because $run.Error

        $expectedBase = Join-Path $script:modules 'Qomon'
        @($result.Available) | Should -Be @($expectedBase) -Because 'the extracted zip is the only Qomon the child can see'
        $result.ModuleBase | Should -Be $expectedBase
        $result.Version | Should -Be $script:version
        $result.Commands | Should -Be @($script:manifest.CmdletsToExport).Count
        $result.Read | Should -Be 5
        $result.Mobile | Should -Be '+33 6 70 70 70 70'
        $write = Get-LastWrite -Emulator $script:emulator -Id $result.Id
        $write.Versions | Should -Be 2 -Because 'a seeded contact has one version, and the merge adds one'
        $write.Changed | Should -Be @('mobile')
    }

    It 'installs the nupkg with PSResourceGet from a folder repository, and the installed copy imports' {
        $script = {
            $ErrorActionPreference = 'Stop'
            if (-not (Get-Module -ListAvailable Microsoft.PowerShell.PSResourceGet)) { 'QOMON_RESULT={"Skipped":"this pwsh has no Microsoft.PowerShell.PSResourceGet"}'; return }
            # Its repository store must be the test's own (XDG_DATA_HOME), never the user's.
            if ([Environment]::GetFolderPath('LocalApplicationData') -ne $env:XDG_DATA_HOME) { 'QOMON_RESULT={"Skipped":"the PSResourceGet store cannot be redirected on this OS"}'; return }
            Register-PSResourceRepository -Name QomonTrustFeed -Uri $env:QOMON_TRUST_FEED -Trusted
            try {
                $found = Find-PSResource -Name Qomon -Repository QomonTrustFeed
                Save-PSResource -Name Qomon -Repository QomonTrustFeed -Path $env:QOMON_TRUST_SAVE -TrustRepository
            }
            finally { Unregister-PSResourceRepository -Name QomonTrustFeed }
            $manifest = Get-ChildItem $env:QOMON_TRUST_SAVE -Recurse -Filter Qomon.psd1 | Select-Object -First 1
            Import-Module $manifest.FullName
            'QOMON_RESULT=' + (@{ Skipped = ''; Found = [string]$found.Version; Manifest = $manifest.FullName; Commands = @(Get-Command -Module Qomon).Count } | ConvertTo-Json -Compress)
        }
        $feed = Join-Path $script:work 'feed'
        $save = Join-Path $script:work 'saved'
        $null = New-Item -ItemType Directory -Path $feed, $save
        Copy-Item $script:nupkgPath $feed
        $environment = $script:isolated.Clone()
        $environment.QOMON_TRUST_FEED = $feed
        $environment.QOMON_TRUST_SAVE = $save
        $run = Invoke-FreshPwsh -Script $script.ToString() -Environment $environment
        $result = Get-ResultJson $run
        if ($result.Skipped) { Set-ItResult -Skipped -Because $result.Skipped; return }
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $result.Found | Should -Be $script:version
        $result.Manifest | Should -Be (Join-Path $save "Qomon/$script:version/Qomon.psd1")
        $result.Commands | Should -Be @($script:manifest.CmdletsToExport).Count
        foreach ($file in $script:moduleFiles) { Join-Path $save "Qomon/$script:version/$file" | Should -Exist }
    }

    # demo.ps1 finds the module and the emulator relative to its own folder (module/Qomon/Qomon.psd1 and
    # src/Qomon.Emulator/bin/Release/net10.0); a copy of it in a folder where module/Qomon is the extracted zip runs
    # against the package and nothing else.
    It 'runs examples/demo.ps1 against the extracted package' -Skip:(-not (Test-Path $script:demoPath)) {
        $demoText = Get-Content $script:demoPath -Raw
        if ($demoText -notmatch [regex]::Escape("'module/Qomon/Qomon.psd1'") -or $demoText -notmatch [regex]::Escape("'src/Qomon.Emulator/bin/Release/net10.0/Qomon.Emulator.dll'")) {
            Set-ItResult -Skipped -Because 'examples/demo.ps1 no longer finds the module at module/Qomon and the emulator under src/; update this test'
            return
        }
        $root = Join-Path $script:work 'demo'
        $null = New-Item -ItemType Directory -Path (Join-Path $root 'examples'), (Join-Path $root 'module'), (Join-Path $root 'src/Qomon.Emulator/bin/Release')
        Copy-Item (Join-Path (Split-Path $script:demoPath) '*') (Join-Path $root 'examples')
        Copy-Item (Join-Path $script:modules 'Qomon') (Join-Path $root 'module') -Recurse
        Copy-Item (Split-Path $env:QOMON_TEST_EMULATOR) (Join-Path $root 'src/Qomon.Emulator/bin/Release/net10.0') -Recurse

        $environment = $script:isolated.Clone()
        $run = Invoke-FreshPwsh -File (Join-Path $root 'examples/demo.ps1') -Environment $environment -WorkingDirectory $root
        $run.ExitCode | Should -Be 0 -Because "$($run.Output)`n$($run.Error)"
        $run.Output | Should -BeLike '*Set-QomonContact: 20 updated, 0 unchanged, 0 conflicts, 0 failed*'
        $run.Output | Should -BeLike '*Demo finished.*'
    }
}

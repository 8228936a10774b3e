# Qomon beside other modules: in a fresh pwsh, other versions of the assemblies the module ships are loaded first
# (as another module loaded earlier would have), then Qomon is imported and must still read and merge, and the
# test says which assembly served Qomon.Client's System.Text.Json and Microsoft.Bcl.TimeProvider.
# Only PowerShell 7 runs here (one default AssemblyLoadContext, the runtime's in-box System.Text.Json);
# Windows PowerShell 5.1 is not available to this suite: see Trust/README.md.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Write/WriteTestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TrustHelpers.psm1') -Force

    $script:moduleDirectory = Split-Path $env:QOMON_TEST_MODULE -Parent
    $script:emulator = Start-TestEmulator -Seed 20 -Settings @{ burst = 100; rate = 500 }
    $script:work = New-TrustTempDirectory 'qomon-isolation'
    $script:nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    $script:runtimeDirectory = [IO.Path]::GetDirectoryName([object].Assembly.Location)
    # Every third-party dll the module ships: at its root (beside our own two) and in Dependencies/.
    $script:shipped = @(Get-ChildItem $script:moduleDirectory, (Join-Path $script:moduleDirectory 'Dependencies') -Filter *.dll |
            Where-Object { $_.BaseName -notin 'Qomon.PowerShell', 'Qomon.Client' })

    # The child: runs $env:QOMON_TRUST_PRELOAD (what "another module" loads), imports Qomon, reads five contacts
    # and merges one field into the first, then prints what it loaded and which assembly served each reference
    # of Qomon.Client.
    $script:child = {
        $ErrorActionPreference = 'Stop'
        function New-StubAssembly([string] $Name, [version] $Version, [string] $Path) {
            # A dll with that name and version and no types of the real one (needs .NET 9+).
            $assemblyName = [Reflection.AssemblyName]::new($Name)
            $assemblyName.Version = $Version
            $builder = [System.Reflection.Emit.PersistedAssemblyBuilder]::new($assemblyName, [object].Assembly)
            $module = $builder.DefineDynamicModule($Name)
            $null = $module.DefineType('QomonTrustStub.Marker', [Reflection.TypeAttributes]'Public, Class').CreateType()
            $builder.Save($Path)
            $Path
        }
        function Get-Loaded([string] $Name) {
            @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $Name } | ForEach-Object {
                    [ordered]@{ Version = [string]$_.GetName().Version; Location = $_.Location; Context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
                })
        }
        $result = [ordered]@{}
        try {
            $result.Preload = @(& ([scriptblock]::Create($env:QOMON_TRUST_PRELOAD)))
            Import-Module $env:QOMON_TRUST_MODULE
            Connect-Qomon -ApiKey (ConvertTo-SecureString $env:QOMON_TRUST_KEY -AsPlainText -Force) -BaseUri $env:QOMON_TRUST_URL
            $read = @(Get-QomonContact -First 5)
            $merged = Set-QomonContact -Id $read[$env:QOMON_TRUST_INDEX].id -Property @{ mobile = $env:QOMON_TRUST_MOBILE } -PassThru
            $result.Read = $read.Count
            $result.Id = $merged.id
            $result.Mobile = $merged.mobile
        }
        catch {
            $result.Error = "$($_.Exception.GetType().FullName): $($_.Exception.Message)"
        }
        $client = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Qomon.Client' } | Select-Object -First 1
        $result.Served = [ordered]@{}
        if ($client) {
            # The assembly Qomon.Client's own load context binds for each reference (the one already loaded, if any).
            $context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($client)
            foreach ($reference in $client.GetReferencedAssemblies()) {
                $entry = [ordered]@{ Requested = [string]$reference.Version; All = @(Get-Loaded $reference.Name) }
                try {
                    $served = $context.LoadFromAssemblyName($reference)
                    $entry.Version = [string]$served.GetName().Version
                    $entry.Location = $served.Location
                    $entry.Context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($served).Name
                }
                catch { $entry.Error = $_.Exception.InnerException.Message }
                $result.Served[$reference.Name] = $entry
            }
        }
        'QOMON_RESULT=' + ($result | ConvertTo-Json -Depth 6 -Compress)
    }

    $script:case = 0
    function Invoke-WithPreload([string] $Preload) {
        # Each case merges a different contact, so the history check below sees its own write only.
        $script:case++
        $mobile = '+33 6 80 80 80 {0:00}' -f $script:case
        $run = Invoke-FreshPwsh -Script $script:child.ToString() -Environment @{
            QOMON_TRUST_PRELOAD = $Preload
            QOMON_TRUST_MODULE  = $env:QOMON_TEST_MODULE
            QOMON_TRUST_KEY     = $script:emulator.ApiKey
            QOMON_TRUST_URL     = $script:emulator.Url
            QOMON_TRUST_INDEX   = [string]($script:case - 1)
            QOMON_TRUST_MOBILE  = $mobile
            QOMON_TRUST_WORK    = $script:work
            # pwsh keeps a startup JIT profile in $XDG_CACHE_HOME/powershell, rewritten by every pwsh that exits,
            # and replaying one left by another process changed how the loader bound TimeProvider (the 8.0.0.0
            # case passed or failed with it). Each child starts without one, so every case takes the same path.
            XDG_CACHE_HOME      = (New-Item -ItemType Directory -Path (Join-Path $script:work "cache-$($script:case)") -Force).FullName
        }
        $result = Get-ResultJson $run
        $result | Add-Member -NotePropertyName Expected -NotePropertyValue $mobile
        $result
    }

    # What every case must show: the read and the merge worked, the merge changed mobile alone, and Qomon.Client's
    # System.Text.Json is the runtime's own, in the default context.
    function Assert-ReadAndMerge($Result) {
        $Result.psobject.Properties['Error'] | Should -BeNullOrEmpty -Because "$(if ($Result.psobject.Properties['Error']) { $Result.Error })"
        $Result.Read | Should -Be 5
        $Result.Mobile | Should -Be $Result.Expected
        $write = Get-LastWrite -Emulator $script:emulator -Id $Result.Id
        $write.Versions | Should -Be 2
        $write.Changed | Should -Be @('mobile')
        $json = $Result.Served.'System.Text.Json'
        [IO.Path]::GetDirectoryName($json.Location) | Should -Be $script:runtimeDirectory -Because 'pwsh 7 serves the in-box System.Text.Json'
        $json.Context | Should -Be 'Default'
        [version]$json.Version | Should -BeGreaterOrEqual ([version]$json.Requested)
        @($json.All | Where-Object Context -EQ 'Default').Count | Should -Be 1 -Because 'one System.Text.Json in the default context'
    }
}

AfterAll {
    Stop-TestEmulator $script:emulator
    Remove-Item $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Qomon imported after other versions of its dependencies' {
    It 'ships System.Text.Json and Microsoft.Bcl.TimeProvider (the dependencies this suite is about)' {
        $script:shipped.Name | Should -Contain 'System.Text.Json.dll'
        $script:shipped.Name | Should -Contain 'Microsoft.Bcl.TimeProvider.dll'
    }

    It 'works after the shipped copy and a version-99 copy of every dependency in Dependencies/ were loaded into the default context' {
        # Another module that ships System.Text.Json 8 (or System.Memory...) loads it with LoadFrom; on pwsh 7
        # the runtime's copy is already loaded, so the request is answered with it or refused. Either way Qomon
        # must work.
        $dependencies = @($script:shipped | Where-Object { $_.Directory.Name -eq 'Dependencies' })
        $dependencies.Count | Should -BeGreaterThan 0
        $preload = foreach ($dll in $dependencies) {
            $name = $dll.BaseName
            @"
foreach (`$path in '$($dll.FullName)', (New-StubAssembly '$name' '99.0.0.0' (Join-Path `$env:QOMON_TRUST_WORK '$name.99.dll'))) {
    try { `$loaded = [Reflection.Assembly]::LoadFrom(`$path); "$name from `$path -> `$(`$loaded.GetName().Version)" }
    catch { "$name from `$path refused: `$(`$_.Exception.InnerException.Message)" }
}
"@
        }
        $result = Invoke-WithPreload ($preload -join "`n")
        @($result.Preload).Count | Should -Be (2 * $dependencies.Count)
        Assert-ReadAndMerge $result
    }

    It 'works when System.Text.Json 8.0.x sits in another module''s own AssemblyLoadContext' {
        $preload = @"
`$context = [Runtime.Loader.AssemblyLoadContext]::new('AnotherModule', `$false)
`$other = `$context.LoadFromAssemblyPath('$(Join-Path $script:moduleDirectory 'Dependencies/System.Text.Json.dll')')
"AnotherModule: `$(`$other.GetName().Version)"
"@
        $result = Invoke-WithPreload $preload
        Assert-ReadAndMerge $result
        @($result.Served.'System.Text.Json'.All | Where-Object Context -EQ 'AnotherModule').Count | Should -Be 1 -Because 'the other module keeps its own copy'
    }

    It 'works after the .NET 8 build of Microsoft.Bcl.TimeProvider (same assembly version, forwards TimeProvider to the runtime) was loaded' {
        $facade = Join-Path $script:nugetRoot 'microsoft.bcl.timeprovider/8.0.1/lib/net8.0/Microsoft.Bcl.TimeProvider.dll'
        if (-not (Test-Path $facade)) { Set-ItResult -Skipped -Because "the NuGet cache has no $facade"; return }
        $result = Invoke-WithPreload "[Reflection.Assembly]::LoadFrom('$facade').Location"
        Assert-ReadAndMerge $result
        $timeProvider = $result.Served.'Microsoft.Bcl.TimeProvider'
        $timeProvider.Location | Should -Be $facade -Because 'the first one loaded serves every module in the default context'
        @($timeProvider.All).Count | Should -Be 1
    }

    # Another module's Microsoft.Bcl.TimeProvider of an older (8.0.0: Polly.Core and Microsoft.Extensions.* 8.0.0
    # bring it for netstandard2.0) or newer release, loaded first. The stand-in is the module's own dll with only
    # its assembly version rewritten in the metadata (name, public key token and types stay), so the version is
    # the one difference. (A stub with the name alone is no fair stand-in: without the public key token or the
    # types, any consumer of the real package fails.)
    It 'works after Microsoft.Bcl.TimeProvider <Version> (another release) was loaded, and that copy serves Qomon.Client' -TestCases @(
        @{ Version = '8.0.0.0' }
        @{ Version = '10.0.0.0' }
    ) {
        $other = Join-Path $script:work "timeprovider-$Version/Microsoft.Bcl.TimeProvider.dll"
        $null = New-Item -ItemType Directory -Path (Split-Path $other) -Force
        $bytes = [IO.File]::ReadAllBytes((Join-Path $script:moduleDirectory 'Microsoft.Bcl.TimeProvider.dll'))
        $pe = [System.Reflection.PortableExecutable.PEReader]::new([IO.MemoryStream]::new($bytes))
        try {
            $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            # The Assembly row: HashAlgId (4 bytes), then Major, Minor, Build, Revision (2 bytes each, little-endian).
            $row = $pe.PEHeaders.MetadataStartOffset + [System.Reflection.Metadata.Ecma335.MetadataReaderExtensions]::GetTableMetadataOffset($reader, [System.Reflection.Metadata.Ecma335.TableIndex]::Assembly)
            $shipped = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $script:moduleDirectory 'Microsoft.Bcl.TimeProvider.dll'))
            [BitConverter]::ToUInt16($bytes, $row + 4) | Should -Be $shipped.Version.Major
            $parts = ([version]$Version).Major, ([version]$Version).Minor, ([version]$Version).Build, ([version]$Version).Revision
            for ($i = 0; $i -lt 4; $i++) { [BitConverter]::GetBytes([uint16]$parts[$i]).CopyTo($bytes, $row + 4 + 2 * $i) }
        }
        finally { $pe.Dispose() }
        [IO.File]::WriteAllBytes($other, $bytes)
        $identity = [Reflection.AssemblyName]::GetAssemblyName($other)
        $identity.Version | Should -Be ([version]$Version)
        $identity.GetPublicKeyToken() | Should -Be $shipped.GetPublicKeyToken()

        $result = Invoke-WithPreload "[Reflection.Assembly]::LoadFrom('$other').FullName"
        Assert-ReadAndMerge $result
        $timeProvider = $result.Served.'Microsoft.Bcl.TimeProvider'
        $timeProvider.Location | Should -Be $other -Because 'the copy loaded first serves every module in the default context'
        $timeProvider.Version | Should -Be $Version
        @($timeProvider.All).Count | Should -Be 1
    }
}

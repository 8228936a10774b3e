BeforeAll {
    $manifestPath = $env:QOMON_TEST_MODULE
}

Describe 'The built module' {
    It 'has a valid manifest for Desktop and Core' {
        $manifest = Test-ModuleManifest -Path $manifestPath
        $manifest.Name | Should -Be 'Qomon'
        $manifest.CompatiblePSEditions | Should -Contain 'Desktop'
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
    }
}

# The source manifest (version 0.0.0, no dlls beside it) lives in src/Qomon.PowerShell; a Qomon.psd1 at the root
# was the first thing `Import-Module ./Q<Tab>` offered, and it failed with a message about a missing types file.
Describe 'The repository' {
    BeforeAll {
        $root = Join-Path $PSScriptRoot '../..'
    }

    It 'offers no module manifest at its root: the built module/Qomon is the one to import' {
        @(Get-ChildItem -Path $root -Filter '*.psd1' -File) | Should -BeNullOrEmpty
    }

    It 'gives the built manifest the version of Directory.Build.props, not the source placeholder' {
        $version = @(([xml](Get-Content (Join-Path $root 'Directory.Build.props') -Raw)).Project.PropertyGroup.Version | Where-Object { $_ })[0]
        (Test-ModuleManifest -Path $manifestPath).Version | Should -Be ([version]$version)
    }
}

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

# The source manifest (version 0.0.0, no dlls beside it) lives in src/Qomon.PowerShell. The Qomon.psd1 at the root is
# the first thing `Import-Module ./Q<Tab>` offers; it used to fail with a message about a missing types file, and
# now it stops with the way to the built module.
Describe 'The repository' {
    BeforeAll {
        $root = Join-Path $PSScriptRoot '../..'
    }

    It 'has one manifest at its root, which refuses to load and names the built module/Qomon' {
        @(Get-ChildItem -Path $root -Filter '*.psd1' -File).Name | Should -Be 'Qomon.psd1'
        # A runspace of its own, so the module under test stays loaded in this one.
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', (Join-Path $root 'Qomon.psd1')).AddParameter('ErrorAction', 'Stop')
            $failure = { $shell.Invoke() } | Should -Throw -PassThru
            $failure.Exception.Message | Should -Match "signpost, not the Qomon module.*module[/\\]Qomon[/\\]Qomon\.psd1"
            $shell.Commands.Clear()
            @($shell.AddCommand('Get-Command').AddParameter('Module', 'Qomon').Invoke()) | Should -BeNullOrEmpty
        }
        finally { $shell.Dispose() }
    }

    It 'gives the built manifest the version of Directory.Build.props, not the source placeholder' {
        $version = @(([xml](Get-Content (Join-Path $root 'Directory.Build.props') -Raw)).Project.PropertyGroup.Version | Where-Object { $_ })[0]
        (Test-ModuleManifest -Path $manifestPath).Version | Should -Be ([version]$version)
    }
}

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

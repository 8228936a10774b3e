# The repository's signpost, not the module. Import-Module ./Qomon.psd1 (what ./Q<Tab> offers at the root) loads
# tools/SourceTreeGuard.psm1, which stops with how to build and where the real module is. The module's source
# manifest is src/Qomon.PowerShell/Qomon.psd1; the build writes the importable one to module/Qomon/Qomon.psd1.
@{
    RootModule        = 'tools/SourceTreeGuard.psm1'
    ModuleVersion     = '0.0.0'
    GUID              = '0c7d9a52-3e41-4b8e-9f0a-5d6b2e1c4a77'
    Description       = 'The Qomon.PowerShell source tree. Build it (dotnet pwsh ./build.ps1), then Import-Module ./module/Qomon.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @()
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}

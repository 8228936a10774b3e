@{
    RootModule             = 'Qomon.PowerShell.dll'
    ModuleVersion          = '0.0.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '6f3b1c2e-8a4d-4e55-9a51-3c0de1a7b2f4'
    Author                 = 'Qomon.PowerShell contributors'
    CompanyName            = 'Community'
    Copyright              = '(c) Qomon.PowerShell contributors. MIT licence.'
    Description            = 'Manage Qomon contacts from PowerShell: merge-safe bulk updates that pace themselves within Qomon''s token budget.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('Qomon.Format.ps1xml')
    TypesToProcess         = @('Qomon.Types.ps1xml')
    CmdletsToExport        = @(
        'Connect-Qomon', 'Disconnect-Qomon', 'Get-QomonConnection',
        'Get-QomonContact', 'Set-QomonContact', 'New-QomonContact', 'Remove-QomonContact',
        'Get-QomonForm', 'Invoke-QomonRequest', 'Get-QomonJournal',
        'Undo-QomonChange'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('Qomon', 'CRM', 'Contacts', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri = 'https://github.com/qomon-powershell/Qomon.PowerShell'
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}

@{
    # net8.0 build for PowerShell 7.4+ (Engine in a private AssemblyLoadContext), net472 build for Windows PowerShell 5.1.
    RootModule           = if ($PSEdition -eq 'Core') { 'bin/Core/AapPacker.dll' } else { 'bin/Desktop/AapPacker.dll' }
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1d3c0e-8a47-4b52-9d8e-2c5b7a9e41f3'
    Author               = 'AapPacker contributors'
    CompanyName          = 'AapPacker contributors'
    Copyright            = '(c) AapPacker contributors.'
    Description          = 'Runs Ansible Automation Platform (AAP/AWX) job templates against Packer builds: temporary inventory, host and Machine credential, live job output, cleanup. Governance for image builds.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('AapPacker.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Aap'
        'Disconnect-Aap'
        'Get-AapConnection'
        'New-AapTempInventory'
        'Add-AapHost'
        'New-AapTempCredential'
        'Start-AapJobTemplate'
        'Start-AapWorkflowJobTemplate'
        'Wait-AapJob'
        'Stop-AapJob'
        'Get-AapJob'
        'Get-AapJobTemplate'
        'Get-AapWorkflowJobTemplate'
        'Get-AapInventory'
        'Remove-AapBuildResources'
        'Invoke-AapPackerProvision'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Ansible', 'AAP', 'AWX', 'AnsibleAutomationPlatform', 'Packer', 'ImageBuild', 'Provisioning', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/aappacker/AapPacker/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/aappacker/AapPacker'
            ReleaseNotes = '0.1.0: Connect-Aap, Get-AapConnection, Disconnect-Aap; loads beside other modules (private dependencies).'
        }
    }
}

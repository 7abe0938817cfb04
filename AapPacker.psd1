@{
    # net8.0 build for PowerShell 7.4+ (Engine in a private AssemblyLoadContext), net472 build for Windows PowerShell 5.1.
    RootModule           = if ($PSEdition -eq 'Core') { 'bin/Core/AapPacker.dll' } else { 'bin/Desktop/AapPacker.dll' }
    # Stamped by build.ps1: ModuleVersion and PSData's Prerelease from Directory.Build.props (Version) and -Prerelease,
    # ReleaseNotes from that version's entry in CHANGELOG.md. The values here are never shipped.
    ModuleVersion        = '0.0.0'
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
            # No LicenseUri or ProjectUri until the project has a public home that resolves; LICENSE ships in the module.
            ReleaseNotes = ''
        }
    }
}

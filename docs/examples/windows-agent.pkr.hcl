# AapPacker recipe: a Windows build agent (Windows PowerShell 5.1, powershell.exe) builds a Windows Server image
# on Azure and hands its configuration to an AAP job template over WinRM. Packer 1.6.6 or later.
#
#   $env:AAP_HOSTNAME = 'https://aap.example.com'; $env:AAP_TOKEN = ...   # from the CI secret store, never from here
#   az login ...                                                          # or the AzureCLI task in Azure Pipelines
#   packer build -var "aap_run_id=$runId" -var "subscription_id=..." windows-agent.pkr.hcl
#
# The facts behind every line: docs/examples/README.md and shared packer-and-ci.md §3.2.

variable "aap_run_id" {
  type        = string
  default     = ""
  description = "A UUID the CI job shares with its final 'Remove-AapBuildResources -BuildId' step. Empty: Packer's run UUID."
}

variable "subscription_id" {
  type    = string
  default = "00000000-0000-0000-0000-000000000000"
}

variable "resource_group" {
  type    = string
  default = "rg-golden-images"
}

source "azure-arm" "windows" {
  use_azure_cli_auth                = true
  subscription_id                   = var.subscription_id
  location                          = "westeurope"
  vm_size                           = "Standard_D2s_v3"
  os_type                           = "Windows"
  image_publisher                   = "MicrosoftWindowsServer"
  image_offer                       = "WindowsServer"
  image_sku                         = "2022-datacenter-g2"
  managed_image_name                = "golden-windows-{{timestamp}}"
  managed_image_resource_group_name = var.resource_group
  communicator                      = "winrm"
  winrm_use_ssl                     = true
  winrm_insecure                    = true
  winrm_timeout                     = "10m"
  winrm_username                    = "packer"
  # No winrm_password: azure-arm generates one; build.Password carries it to AapPacker.
}

build {
  name    = "golden-windows"
  sources = ["source.azure-arm.windows"]

  # Runs on the agent, not in the image: the AAP token never enters the image, and cleanup runs on the agent.
  provisioner "shell-local" {
    execute_command    = ["powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", "{{.Vars}} & '{{.Script}}'; exit $LASTEXITCODE"]
    env_var_format     = "$env:%s='%s'; " # single quotes: PowerShell expands no $ or backtick in the values
    tempfile_extension = ".ps1"
    # Non-secret values only: Packer logs this command line.
    environment_vars = [
      "AAPPACKER_HOST=${build.Host}",
      "AAPPACKER_PORT=${build.Port}",
      "AAPPACKER_USER=${build.User}",
      "AAPPACKER_CONNTYPE=${build.ConnType}",
      "AAPPACKER_RUN_ID=${var.aap_run_id}",
      "AAPPACKER_BUILD=${build.name}",
    ]
    # Packer writes these lines to a temporary script, deleted afterwards, not to its log: the WinRM password
    # travels base64-encoded here. The build VM's WinRM certificate is self-signed, so AAP must not validate it.
    inline = [
      "$global:LASTEXITCODE = 4",
      "$env:AAPPACKER_PASSWORD_B64 = '${base64encode(build.Password)}'",
      "Import-Module AapPacker",
      "$result = Invoke-AapPackerProvision -JobTemplate 'Baseline' -Organization 'Default' -WinRMServerCertValidation ignore -Timeout 3600",
      "exit $LASTEXITCODE",
    ]
  }
}

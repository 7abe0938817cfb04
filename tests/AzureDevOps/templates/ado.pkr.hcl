# The README's Packer recipe as a pipeline using AapPackerBuild@1 runs it: `Import-Module AapPacker` finds the
# module the task bundles (first on PSModulePath), the AAP connection comes from the task's environment, and the
# task's run id arrives as the variable aap_run_id (PKR_VAR_aap_run_id). A null builder on a throwaway sshd.
variable "aap_run_id" {
  type    = string
  default = ""
}
variable "ssh_port" { type = number }
variable "ssh_user" { type = string }
variable "ssh_key_file" { type = string }
variable "job_template" { type = string }
variable "build_id" { type = string }
variable "marker_path" { type = string }

source "null" "target" {
  ssh_host             = "127.0.0.1"
  ssh_port             = var.ssh_port
  ssh_username         = var.ssh_user
  ssh_private_key_file = var.ssh_key_file
}

build {
  name    = "aap-ado"
  sources = ["source.null.target"]

  provisioner "shell-local" {
    execute_command    = ["pwsh", "-NoProfile", "-NonInteractive", "-Command", "{{.Vars}} & '{{.Script}}'; exit $LASTEXITCODE"]
    env_var_format     = "$env:%s='%s'; "
    tempfile_extension = ".ps1"
    environment_vars = [
      "AAPPACKER_HOST=${build.Host}",
      "AAPPACKER_PORT=${build.Port}",
      "AAPPACKER_USER=${build.User}",
      "AAPPACKER_CONNTYPE=${build.ConnType}",
      "AAPPACKER_RUN_ID=${var.aap_run_id}",
      "AAPPACKER_BUILD=${build.name}",
    ]
    inline = [
      "$env:AAPPACKER_SSHKEY_B64 = [Convert]::ToBase64String([IO.File]::ReadAllBytes('${var.ssh_key_file}'))",
      "$global:LASTEXITCODE = 4",
      "Import-Module AapPacker",
      "$result = Invoke-AapPackerProvision -JobTemplate '${var.job_template}' -Organization Default -Timeout 300 -ExtraVars @{ build_id = '${var.build_id}'; packer_run = '${build.PackerRunUUID}'; marker_path = '${var.marker_path}' }",
      "exit $LASTEXITCODE",
    ]
  }
}

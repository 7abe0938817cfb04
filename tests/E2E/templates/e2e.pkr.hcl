# The README's Packer recipe on a null builder connected to a throwaway sshd. The null builder leaves
# build.SSHPrivateKey empty, so the key is read from its file in an inline line (still never in environment_vars).
variable "ssh_port" { type = number }
variable "ssh_user" { type = string }
variable "ssh_key_file" { type = string }
variable "module_path" { type = string }
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
  name    = "aap-e2e"
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
      "AAPPACKER_RUN_ID=${build.PackerRunUUID}",
      "AAPPACKER_BUILD=${build.name}",
    ]
    inline = [
      "$env:AAPPACKER_PASSWORD_B64 = '${base64encode(build.Password)}'",
      "$env:AAPPACKER_SSHKEY_B64 = [Convert]::ToBase64String([IO.File]::ReadAllBytes('${var.ssh_key_file}'))",
      "$global:LASTEXITCODE = 4",
      "Import-Module '${var.module_path}'",
      "$result = Invoke-AapPackerProvision -JobTemplate '${var.job_template}' -Organization Default -Timeout 300 -ExtraVars @{ build_id = '${var.build_id}'; packer_run = '${build.PackerRunUUID}'; marker_path = '${var.marker_path}' }",
      "exit $LASTEXITCODE",
    ]
  }
}

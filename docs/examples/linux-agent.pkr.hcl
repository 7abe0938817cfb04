# AapPacker recipe: a Linux or macOS build agent (pwsh) builds an Amazon Linux image on AWS and hands its
# configuration to an AAP job template. Packer 1.6.6 or later.
#
#   export AAP_HOSTNAME=https://aap.example.com AAP_TOKEN=...     # from the CI secret store, never from here
#   packer build -var "aap_run_id=$RUN_ID" linux-agent.pkr.hcl
#
# The facts behind every line: docs/examples/README.md and shared packer-and-ci.md §3.2.

variable "aap_run_id" {
  type        = string
  default     = ""
  description = "A UUID the CI job shares with its final 'Remove-AapBuildResources -BuildId' step. Empty: Packer's run UUID."
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

source "amazon-ebs" "linux" {
  region        = var.region
  instance_type = "t3.small"
  source_ami_filter {
    filters = {
      name                = "al2023-ami-2023.*-x86_64"
      virtualization-type = "hvm"
    }
    owners      = ["amazon"]
    most_recent = true
  }
  ssh_username = "ec2-user"
  # AAP's execution nodes connect to this address: they need a route to it (see Troubleshooting in README.md).
  ssh_interface = "private_ip"
  ami_name      = "golden-linux-{{timestamp}}"
}

build {
  name    = "golden-linux"
  sources = ["source.amazon-ebs.linux"]

  # Runs on the agent, not in the image: the AAP token never enters the image, and cleanup runs on the agent.
  provisioner "shell-local" {
    execute_command    = ["pwsh", "-NoProfile", "-NonInteractive", "-Command", "{{.Vars}} & '{{.Script}}'; exit $LASTEXITCODE"]
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
    # Packer writes these lines to a temporary script (mode 0700, deleted afterwards), not to its log: the
    # secrets travel base64-encoded here, which also survives every quote and newline in a key.
    inline = [
      "$global:LASTEXITCODE = 4",
      "$env:AAPPACKER_PASSWORD_B64 = '${base64encode(build.Password)}'",
      "$env:AAPPACKER_SSHKEY_B64 = '${base64encode(build.SSHPrivateKey)}'",
      "Import-Module AapPacker",
      "$result = Invoke-AapPackerProvision -JobTemplate 'Baseline' -Organization 'Default' -Timeout 1800",
      "exit $LASTEXITCODE",
    ]
  }
}

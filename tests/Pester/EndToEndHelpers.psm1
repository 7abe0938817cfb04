# What the end-to-end suites (tests/E2E, tests/AzureDevOps) share: the tools they need, found or the suite skipped
# with the reason (failed under CI=true), and a throwaway sshd on loopback for Packer's null builder and
# ansible-playbook to log in to. Uses Get-FreeTcpPort from TestHelpers.psm1 (import that first).
Set-StrictMode -Version 3.0

function Find-TestTool([string] $Name) {
    $found = Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($found) { return $found.Source }
    foreach ($dir in '/usr/sbin', '/usr/local/sbin') {
        if (Test-Path (Join-Path $dir $Name)) { return (Join-Path $dir $Name) }
    }
}

function Start-TestSshd {
    <#
    .SYNOPSIS
        A throwaway sshd on a free loopback port with generated host and client keys (key authentication only).
    .OUTPUTS
        Port, User, ClientKey (path), Stop (a scriptblock).
    #>
    param([Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [hashtable] $Tools)
    $null = New-Item -ItemType Directory -Force -Path $Folder
    foreach ($key in 'host_key', 'client_key') {
        & $Tools['ssh-keygen'] -q -t ed25519 -N '' -C aappacker-test -f (Join-Path $Folder $key)
        if ($LASTEXITCODE -ne 0) { throw "ssh-keygen failed for $key." }
    }
    Copy-Item (Join-Path $Folder 'client_key.pub') (Join-Path $Folder 'authorized_keys')
    if ([Environment]::UserName -eq 'root') { $null = New-Item -ItemType Directory -Force -Path '/run/sshd' }
    $port = Get-FreeTcpPort
    $config = Join-Path $Folder 'sshd_config'
    @(
        "Port $port", 'ListenAddress 127.0.0.1', "HostKey $Folder/host_key", "AuthorizedKeysFile $Folder/authorized_keys",
        "PidFile $Folder/sshd.pid", 'PubkeyAuthentication yes', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password', 'UsePAM no', 'StrictModes no', 'LogLevel INFO'
    ) | Set-Content -Path $config
    $start = [Diagnostics.ProcessStartInfo]::new($Tools['sshd'])
    foreach ($a in '-f', $config, '-D', '-e') { $start.ArgumentList.Add($a) }
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    # Ready when sshd says it listens.
    while ($null -ne ($line = $process.StandardError.ReadLine())) {
        if ($line -like '*Server listening on 127.0.0.1*') { break }
    }
    if ($null -eq $line) { throw "sshd exited ($($process.ExitCode)) before listening; see $config." }
    $null = $process.StandardError.ReadToEndAsync()
    $stop = { if (-not $process.HasExited) { $process.Kill($true); $null = $process.WaitForExit(10000) } }.GetNewClosure()
    [pscustomobject]@{ Port = $port; User = [Environment]::UserName; ClientKey = (Join-Path $Folder 'client_key'); Process = $process; Stop = $stop }
}

function Get-EndToEndTool {
    <#
    .SYNOPSIS
        Finds packer, sshd, ssh-keygen and ansible-playbook: Tools (name -> path) and SkipReason (null when all are
        there). Throws when one is missing under CI=true, where the suite must run.
    #>
    $tools = @{}
    $missing = foreach ($name in 'packer', 'sshd', 'ssh-keygen', 'ansible-playbook') {
        $tools[$name] = Find-TestTool $name
        if (-not $tools[$name]) { $name }
    }
    $reason = $null
    if ($missing) {
        $reason = "Not installed: $($missing -join ', '). Install with: apt-get install packer openssh-server ansible-core (.ci/run does)."
        if ($env:CI -eq 'true') { throw "CI=true, but the end-to-end tools are missing. $reason" }
    }
    [pscustomobject]@{ Tools = $tools; SkipReason = $reason }
}

Export-ModuleMember -Function Find-TestTool, Get-EndToEndTool, Start-TestSshd

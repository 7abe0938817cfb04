# tests/Interop: AWX's own client, the awx.awx collection (Debian's ansible 7.7 ships 21.14.0), runs playbooks against
# the simulator on both layouts, with a token and with username/password. Passed/Failed are the tasks of ansible's
# PLAY RECAP (ok / failed + unreachable) summed over the runs; every module result is asserted in the playbooks.

function Invoke-InteropSuite {
    $collection = '/usr/lib/python3/dist-packages/ansible_collections/awx/awx'
    $playbook = Get-Command ansible-playbook -ErrorAction SilentlyContinue
    if (-not $playbook -or -not (Test-Path $collection)) {
        $note = "ansible-playbook or the awx.awx collection is missing (apt-get install ansible)"
        $failed = if ($env:CI -eq 'true') { 1 } else { 0 }
        return [pscustomobject]@{ Suite = 'Interop'; Passed = 0; Failed = $failed; Skipped = 1; Note = $note }
    }
    $runs = @(
        @{ Layout = 'awx'; Playbook = 'controller.yml'; Auth = 'token' },
        @{ Layout = 'awx'; Playbook = 'controller.yml'; Auth = 'password' },
        @{ Layout = 'gateway'; Playbook = 'gateway.yml'; Auth = 'token' },
        @{ Layout = 'gateway'; Playbook = 'gateway.yml'; Auth = 'password' }
    )
    $passed = 0; $failed = 0; $notes = [Collections.Generic.List[string]]::new()
    foreach ($run in $runs) {
        $result = Invoke-InteropRun @run
        $passed += $result.Ok; $failed += $result.Failed
        if ($result.Failed -gt 0 -or $result.Note) { $notes.Add("$($run.Layout)/$($run.Auth): $($result.Note)") }
    }
    [pscustomobject]@{ Suite = 'Interop'; Passed = $passed; Failed = $failed; Skipped = 0; Note = ($notes -join '; ') }
}

function Invoke-InteropRun([string] $Layout, [string] $Playbook, [string] $Auth) {
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($SimulatorDll, '--port', '0', '--layout', $Layout, '--time-scale', '50')) { $start.ArgumentList.Add($a) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $sim = [Diagnostics.Process]::Start($start)
    try {
        $ready = $sim.StandardOutput.ReadLine()
        if ($ready -notmatch 'listening on (http://\S+/)') { return @{ Ok = 0; Failed = 1; Note = "simulator did not start: $ready" } }
        $env:CONTROLLER_HOST = $Matches[1].TrimEnd('/')
        $env:CONTROLLER_VERIFY_SSL = 'false'
        foreach ($name in 'CONTROLLER_OAUTH_TOKEN', 'CONTROLLER_USERNAME', 'CONTROLLER_PASSWORD') { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
        if ($Auth -eq 'token') { $env:CONTROLLER_OAUTH_TOKEN = 'sim-admin-token' }
        else { $env:CONTROLLER_USERNAME = 'admin'; $env:CONTROLLER_PASSWORD = 'password' }
        $env:ANSIBLE_LOCALHOST_WARNING = 'false'
        $env:ANSIBLE_INVENTORY_UNPARSED_WARNING = 'false'
        $env:ANSIBLE_NOCOLOR = 'true'
        $path = Join-Path $RepoRoot "tests/Interop/$Playbook"
        Write-Host "Interop: $Playbook on the $Layout layout with $Auth auth"
        $output = & ansible-playbook $path -e "run_id=$Auth" 2>&1 | ForEach-Object { "$_" }
        $output | Tee-Object -FilePath $ConsoleLog -Append | Out-Host
        $recap = $output | Where-Object { $_ -match '^localhost\s+:\s+ok=(\d+)\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)' } | Select-Object -Last 1
        if (-not $recap) { return @{ Ok = 0; Failed = 1; Note = "no PLAY RECAP (exit $LASTEXITCODE)" } }
        $null = $recap -match 'ok=(\d+)\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)'
        @{ Ok = [int]$Matches[1]; Failed = [int]$Matches[2] + [int]$Matches[3]; Note = '' }
    }
    finally {
        foreach ($name in 'CONTROLLER_HOST', 'CONTROLLER_VERIFY_SSL', 'CONTROLLER_OAUTH_TOKEN', 'CONTROLLER_USERNAME', 'CONTROLLER_PASSWORD') { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
        if (-not $sim.HasExited) { $sim.Kill($true) }
        $sim.WaitForExit()
        $sim.Dispose()
    }
}

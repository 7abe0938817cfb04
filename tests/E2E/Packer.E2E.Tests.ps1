# Packer end to end, for real: Packer's null builder connects over SSH to a throwaway sshd on loopback; its
# shell-local provisioner runs pwsh with the README's recipe and Invoke-AapPackerProvision against the simulator in
# real-runner mode, where ansible-playbook logs in to the same sshd with the host variables and the Machine
# credential AapPacker registered and writes a marker file. HCL2 and JSON templates; a failing playbook fails the
# build with exit code 1; the simulator holds nothing afterwards.
# Needs packer, sshd, ssh-keygen and ansible-playbook (.ci/run installs them): skipped with the reason when they are
# missing here, failed when they are missing under CI=true.

BeforeDiscovery {
    $script:Templates = @(@{ Format = 'HCL2'; File = 'e2e.pkr.hcl' }, @{ Format = 'JSON'; File = 'e2e.json' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../Pester/TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Pester/EndToEndHelpers.psm1') -Force

    $found = Get-EndToEndTool
    $script:Tools = $found.Tools
    $script:SkipReason = $found.SkipReason
    if ($SkipReason) { return }

    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "aappacker-e2e-$PID"
    $null = New-Item -ItemType Directory -Force -Path $Work

    # `pwsh` for shell-local: the repository's local dotnet tool, run from the repository root.
    $bin = New-Item -ItemType Directory -Force -Path (Join-Path $Work 'bin')
    $wrapper = Join-Path $bin 'pwsh'
    Set-Content -Path $wrapper -Value "#!/bin/sh`ncd '$RepoRoot' && exec dotnet pwsh `"`$@`"`n"
    & chmod 755 $wrapper

    # The throwaway sshd: generated host and client keys, key authentication only, loopback, a free port.
    $script:Sshd = Start-TestSshd -Folder (Join-Path $Work 'sshd') -Tools $Tools
    $script:SshPort = $Sshd.Port
    $script:ClientKey = $Sshd.ClientKey
    Register-TestSecret -Name 'E2E client key' -Value (Get-Content -Raw $ClientKey)
    $script:SshUser = $Sshd.User

    $script:Simulator = Start-TestSimulator -Layout gateway -TimeScale 20 -Scenario (Join-Path $PSScriptRoot 'scenario.json')

    # Runs `packer build` on one template; returns the exit code, everything Packer printed and the build's XDG_STATE_HOME.
    function Invoke-PackerBuild([string] $Template, [string] $JobTemplate, [string] $BuildId, [string] $MarkerPath) {
        $start = [Diagnostics.ProcessStartInfo]::new($Tools['packer'])
        $arguments = @('build', '-color=false',
            '-var', "ssh_port=$SshPort", '-var', "ssh_user=$SshUser", '-var', "ssh_key_file=$ClientKey",
            '-var', "module_path=$(Get-BuiltModulePath)", '-var', "job_template=$JobTemplate",
            '-var', "build_id=$BuildId", '-var', "marker_path=$MarkerPath",
            (Join-Path $PSScriptRoot "templates/$Template"))
        foreach ($a in $arguments) { $start.ArgumentList.Add($a) }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.WorkingDirectory = $Work
        $start.Environment['PATH'] = "$bin$([IO.Path]::PathSeparator)$env:PATH"
        $start.Environment['AAP_HOSTNAME'] = $Simulator.Uri
        $start.Environment['AAP_TOKEN'] = 'sim-admin-token'
        $start.Environment['CHECKPOINT_DISABLE'] = '1'
        $start.Environment['PACKER_NO_COLOR'] = '1'
        # The build ledger and the cleanup guardian's log (guardian-<pid>.log, which names the guardian) in a folder of this build.
        $stateFolder = Join-Path $Work "state-$BuildId"
        $start.Environment['XDG_STATE_HOME'] = $stateFolder
        $process = [Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit(240000)) {
            $process.Kill($true)
            throw "packer build $Template did not finish within 4 minutes; output so far: $($stdout.Result)"
        }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result + $stderr.Result; StateFolder = $stateFolder }
    }
}

AfterAll {
    if ($script:Simulator) { & $Simulator.Stop }
    if ($script:Sshd) { & $Sshd.Stop }
    if ($script:Work -and (Test-Path $Work)) { Remove-Item -Recurse -Force $Work }
}

Describe 'A Packer build provisioned through AAP (<Format> template)' -ForEach $Templates {
    BeforeEach {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason }
    }

    It 'logs in over SSH with what AapPacker registered, writes the marker, exits 0 and leaves nothing in AAP' {
        if ($SkipReason) { return }
        $buildId = "e2e-$Format-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $marker = Join-Path $Work "$buildId.marker"
        $run = Invoke-PackerBuild -Template $File -JobTemplate 'Mark Image' -BuildId $buildId -MarkerPath $marker
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'TASK \[Write the build marker on the target\]'
        $run.Output | Should -Match 'Exit code 0'
        $content = (Get-Content -Raw $marker).Trim() -split ' '
        $content[0] | Should -Be $buildId
        $content[1] | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'   # build.PackerRunUUID
        $content[2] | Should -Be $SshUser
        $null = Wait-CleanupGuardian -StateFolder $run.StateFolder   # the run may have handed the inventory's removal over
        (Invoke-SimulatorControl -Simulator $Simulator -Path state).userObjects | Should -Be 0
        # The login key reached AAP only inside the Machine credential: neither it nor its base64 form is in the log.
        $keyText = Get-Content -Raw $ClientKey
        $run.Output | Should -Not -Match ([regex]::Escape(($keyText -split "`n")[1]))
        $run.Output | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([IO.File]::ReadAllBytes($ClientKey)).Substring(0, 40)))
    }

    It 'fails the Packer build with exit code 1 when the playbook fails, and leaves nothing in AAP' {
        if ($SkipReason) { return }
        $buildId = "e2e-fail-$Format-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $run = Invoke-PackerBuild -Template $File -JobTemplate 'Break Image' -BuildId $buildId -MarkerPath (Join-Path $Work 'unused')
        $run.ExitCode | Should -Not -Be 0 -Because $run.Output
        $run.Output | Should -Match 'image refused by policy'
        $run.Output | Should -Match 'Exit code 1 '
        $run.Output | Should -Match 'non-zero exit status: 1'
        $null = Wait-CleanupGuardian -StateFolder $run.StateFolder   # the run may have handed the inventory's removal over
        (Invoke-SimulatorControl -Simulator $Simulator -Path state).userObjects | Should -Be 0
    }

    It 'goes on while the cleanup guardian waits for AAP to let go of the inventory, which is removed afterwards' {
        if ($SkipReason) { return }
        # AAP refuses the inventory delete for a while (403 "still processing events" in real AAP;
        # six refusals here, about 11 s of the guardian's backoff): Packer must not wait for that.
        $null = Invoke-SimulatorControl -Simulator $Simulator -Method POST -Path faults -Body @{ rules = @(@{ method = 'DELETE'; path = '/inventories/\d+/$'; kind = 'status'; status = 403; count = 6 }) }
        try {
            $buildId = "e2e-handoff-$Format-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
            $run = Invoke-PackerBuild -Template $File -JobTemplate 'Mark Image' -BuildId $buildId -MarkerPath (Join-Path $Work "$buildId.marker")
            $exited = [DateTimeOffset]::UtcNow
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Match 'handed to the cleanup guardian 1 \(process \d+\)'
            $guardian = @(Get-CleanupGuardianId -StateFolder $run.StateFolder)
            $guardian | Should -Not -BeNullOrEmpty -Because 'the guardian runs with the build''s state folder until it exits'
            # Packer has exited, and the guardian the provisioner handed the inventory to is still at work.
            (Get-Process -Id $guardian -ErrorAction SilentlyContinue) | Should -Not -BeNullOrEmpty -Because 'Packer returned without waiting for the guardian'
            (Invoke-SimulatorControl -Simulator $Simulator -Path state).userObjects | Should -BeGreaterThan 0

            $waited = Wait-CleanupGuardian -StateFolder $run.StateFolder
            (Invoke-SimulatorControl -Simulator $Simulator -Path state).userObjects | Should -Be 0
            $gone = Invoke-SimulatorControl -Simulator $Simulator -Path requests | ForEach-Object { $_ } |
                Where-Object { $_.method -eq 'GET' -and $_.path -match '/inventories/\d+/$' -and $_.status -eq 404 } | Select-Object -Last 1
            $gone | Should -Not -BeNullOrEmpty -Because 'the guardian confirms the inventory is gone'
            Write-Host ('Figures: E2E {0}: Packer exited {1:0.0} s before the guardian confirmed the inventory gone ({2:0.0} s waited for its exit)' -f
                $Format, ([DateTimeOffset]$gone.at - $exited).TotalSeconds, $waited.TotalSeconds)
        }
        finally {
            $null = Invoke-SimulatorControl -Simulator $Simulator -Method DELETE -Path faults
        }
    }
}

# Demo: a whole Packer-style provisioning run against the bundled simulator, as shell-local runs it.

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $RepoRoot 'tests/Pester/TestHelpers.psm1') -Force
    Write-Step 'Start the AAP simulator (gateway layout, demo scenario: job template "Install Docker", real time)'
    $scenario = Join-Path $RepoRoot 'build/demo-scenario.json'
    $simulator = Start-TestSimulator -Layout gateway -Scenario $scenario -TimeScale 1 -SimulatorPath $SimulatorDll
    $saved = @{}
    try {
        Write-Host "Simulator: $($simulator.Uri)"
        # What a Packer shell-local provisioner hands the script (packer-and-ci.md 3.2): the target in AAPPACKER_*,
        # the target's password base64-encoded, the AAP server and token from the agent's environment. The target
        # is fictional (the simulator runs no SSH); the password is random and never printed.
        $stateHome = Join-Path ([IO.Path]::GetTempPath()) "aappacker-demo-state-$PID"
        $password = [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(18))
        $demoEnvironment = [ordered]@{
            AAP_HOSTNAME           = $simulator.Uri
            AAP_TOKEN              = 'sim-admin-token'
            AAPPACKER_HOST         = '10.0.0.5'
            AAPPACKER_PORT         = '22'
            AAPPACKER_USER         = 'ec2-user'
            AAPPACKER_CONNTYPE     = 'ssh'
            AAPPACKER_RUN_ID       = [guid]::NewGuid().ToString()
            AAPPACKER_BUILD        = 'demo'
            AAPPACKER_PASSWORD_B64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($password))
            PACKER_BUILDER_TYPE    = 'amazon-ebs'
            # The build ledger and the cleanup guardian's log (guardian-<pid>.log names it) in a folder of the demo's own.
            XDG_STATE_HOME         = $stateHome
        }
        foreach ($entry in $demoEnvironment.GetEnumerator()) {
            $saved[$entry.Key] = [Environment]::GetEnvironmentVariable($entry.Key)
            [Environment]::SetEnvironmentVariable($entry.Key, [string]$entry.Value)
        }

        # The provisioner's inline script, as Packer writes it to a temporary .ps1.
        $script = Join-Path ([IO.Path]::GetTempPath()) "aappacker-demo-$PID.ps1"
        $module = Join-Path $ModuleDir 'AapPacker.psd1'
        @(
            '$global:LASTEXITCODE = 4'
            "Import-Module '$module'"
            '$result = Invoke-AapPackerProvision -JobTemplate ''Install Docker'' -Organization Default -ExtraVars @{ docker_channel = ''stable'' } -Timeout 300'
            'exit $LASTEXITCODE'
        ) | Set-Content -Path $script -Encoding utf8
        Write-Step 'Invoke-AapPackerProvision, run the way Packer''s shell-local provisioner runs it'
        Write-Host "> pwsh -NoProfile -NonInteractive -Command `"& '<inline script>'; exit `$LASTEXITCODE`"" -ForegroundColor DarkGray
        Get-Content $script | ForEach-Object { Write-Host "    $_" -ForegroundColor DarkGray }
        $pwsh = Get-PwshCommand
        $prefix = @($pwsh | Select-Object -Skip 1)
        & $pwsh[0] @prefix -NoProfile -NonInteractive -Command "& '$script'; exit `$LASTEXITCODE" | Out-Host
        $exitCode = $LASTEXITCODE
        Remove-Item $script -ErrorAction SilentlyContinue
        Write-Host "Exit code handed to Packer: $exitCode"
        foreach ($guardian in Get-CleanupGuardianId -StateFolder $stateHome) {
            # The run returned once the job ended; the guardian it handed the inventory to removes it and confirms.
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Wait-Process -Id $guardian -Timeout 90 -ErrorAction SilentlyContinue
            Write-Host ("The cleanup guardian (process {0}) finished {1:0.0} s after the run returned" -f $guardian, $clock.Elapsed.TotalSeconds)
        }

        Write-Step 'What the simulator holds now'
        $state = Invoke-SimulatorControl -Simulator $simulator -Path 'state'
        Write-Host "Jobs run: $(@($state.jobs).Count); temporary inventories, hosts and credentials left (userObjects): $($state.userObjects)"
        if ($exitCode -ne 0) { throw "The demo provisioning run ended with exit code $exitCode." }
        if ($state.userObjects -ne 0) { throw "The simulator still holds $($state.userObjects) object(s) the run created." }
        Write-Step 'Demo done: the job ran, its output streamed, and nothing was left behind'
    }
    finally {
        foreach ($entry in $saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($entry.Key, $entry.Value) }
        & $simulator.Stop
        if ($stateHome) { Remove-Item -Recurse -Force $stateHome -ErrorAction SilentlyContinue }
    }
}

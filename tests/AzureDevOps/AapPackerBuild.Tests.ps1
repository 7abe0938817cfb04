# AapPackerBuild@1 end to end, as the agent runs it: node on the staged task's entry, real Packer (null builder on a
# throwaway sshd on loopback), its shell-local provisioner running the recipe with the module the task bundles, the
# simulator in real-runner mode (ansible-playbook logs in to the same sshd). Then the post-job entry, with the run id
# the main step handed it (##vso[task.settaskvariable], given back as VSTS_TASKVARIABLE_AAPRUNID as the agent does).
# Needs packer, sshd, ssh-keygen and ansible-playbook (skipped with the reason when missing, failed under CI=true),
# and `build.ps1 -Task Extension` first.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../Pester/TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../Pester/EndToEndHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AdoTaskHelpers.psm1') -Force

    $found = Get-EndToEndTool
    $script:Tools = $found.Tools
    $script:SkipReason = $found.SkipReason
    if ($SkipReason) { return }

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "aappacker-ado-packer-$PID"
    $script:Bin = New-PwshShim -Folder (Join-Path $Work 'bin')
    $script:Sshd = Start-TestSshd -Folder (Join-Path $Work 'sshd') -Tools $Tools
    Register-TestSecret -Name 'AzureDevOps client key' -Value (Get-Content -Raw $Sshd.ClientKey)
    $script:Token = Get-TestSecret AdminToken
    $script:Simulator = Start-TestSimulator -Layout gateway -TimeScale 20 -Scenario (Join-Path $PSScriptRoot 'scenario.json')
    $script:Template = Join-Path $PSScriptRoot 'templates/ado.pkr.hcl'
    $script:StateHome = Join-Path $Work 'state'

    function New-PackerTask([string] $JobTemplate, [string] $BuildId, [string] $Marker, [string] $Entry = 'index.js', [hashtable] $TaskVariables = @{},
        $Sim = $Simulator, [hashtable] $EndpointData = @{}) {
        $agentTemp = New-Item -ItemType Directory -Force -Path (Join-Path $Work ([guid]::NewGuid().ToString('N')))
        $variables = "ssh_port=$($Sshd.Port)`nssh_user=$($Sshd.User)`nssh_key_file=$($Sshd.ClientKey)`njob_template=$JobTemplate`nbuild_id=$BuildId`nmarker_path=$Marker"
        $start = New-AdoTaskStartInfo -Task AapPackerBuildV1 -Entry $Entry -EndpointUrl $Sim.Uri -AuthParameters @{ apitoken = $Token } -EndpointData $EndpointData `
            -Inputs @{ template = $Template; variables = $variables; arguments = '-color=false'; packerPath = $Tools['packer'] } `
            -TaskVariables $TaskVariables -TempDirectory $agentTemp.FullName -PathPrefix $Bin -WorkingDirectory $Work
        $start.Environment['PACKER_NO_COLOR'] = '1'
        # Build ledgers and the cleanup guardians' logs (guardian-<pid>.log names a running guardian) in this run's folder.
        $start.Environment['XDG_STATE_HOME'] = $StateHome
        $start
    }
    # The post-job step, with the run id the main step registered as a task variable.
    function Invoke-PostJob($MainRun, $Sim = $Simulator, [hashtable] $EndpointData = @{}) {
        $runId = $MainRun.TaskVariables['AapRunId']
        $runId | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        Wait-AdoTask (Start-AdoTask (New-PackerTask -JobTemplate unused -BuildId unused -Marker unused -Entry post.js -TaskVariables @{ AapRunId = $runId } -Sim $Sim -EndpointData $EndpointData))
    }
    function Get-SimState { Invoke-SimulatorControl -Simulator $Simulator -Path state }
}

AfterAll {
    if ($script:Simulator) { & $Simulator.Stop }
    if ($script:Sshd) { & $Sshd.Stop }
    if ($script:Work -and (Test-Path $Work)) { Remove-Item -Recurse -Force $Work }
}

Describe 'AapPackerBuild@1 with real Packer' {
    BeforeEach {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason }
    }

    It 'builds with the bundled module and the service connection, sets AapRunId, and the post-job step finds nothing left' {
        if ($SkipReason) { return }
        $buildId = 'ado-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $marker = Join-Path $Work "$buildId.marker"
        $run = Wait-AdoTask (Start-AdoTask (New-PackerTask -JobTemplate 'Mark Image' -BuildId $buildId -Marker $marker))
        $run.Result | Should -Be 'Succeeded' -Because $run.Shown
        $run.Shown | Should -Match 'TASK \[Write the build marker on the target\]'
        (Get-Content -Raw $marker).Trim() -split ' ' | Select-Object -First 1 | Should -Be $buildId
        $runId = $run.TaskVariables['AapRunId']
        $run.Variables['AapRunId'] | Should -Be $runId
        # The module inside Packer named the build's objects after the task's run id (AAPPACKER_RUN_ID via aap_run_id).
        $run.Shown | Should -Match ([regex]::Escape("packer-$runId"))
        @(Assert-NoSecretOutsideSetSecret -Lines $run.Lines -Secrets $Token).Count | Should -Be 0
        $null = Wait-CleanupGuardian -StateFolder $StateHome
        $post = Invoke-PostJob $run
        $post.Result | Should -Be 'Succeeded' -Because $post.Shown
        $post.Message | Should -Match 'nothing left in AAP'
        (Get-SimState).userObjects | Should -Be 0
    }

    It 'fails the step with the module''s exit code when the playbook fails' {
        if ($SkipReason) { return }
        $run = Wait-AdoTask (Start-AdoTask (New-PackerTask -JobTemplate 'Break Image' -BuildId 'ado-fail' -Marker (Join-Path $Work 'unused')))
        $run.Result | Should -Be 'Failed' -Because $run.Shown
        $run.Shown | Should -Match 'image refused by policy'
        $run.Message | Should -Match 'AapPacker exit code 1, the AAP job failed'
        $null = Wait-CleanupGuardian -StateFolder $StateHome
        $post = Invoke-PostJob $run
        $post.Result | Should -Be 'Succeeded' -Because $post.Shown
        (Get-SimState).userObjects | Should -Be 0
    }

    It 'leaves nothing in AAP after the post-job step when Packer and its provisioner are killed with SIGKILL' {
        if ($SkipReason) { return }
        $startedAt = [DateTime]::UtcNow
        $running = Start-AdoTask (New-PackerTask -JobTemplate 'Slow Image' -BuildId 'ado-kill' -Marker (Join-Path $Work 'unused'))
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            do {
                $jobs = @((Get-SimState).jobs | Where-Object status -EQ 'running')
            } until ($jobs.Count -gt 0 -or $running.Process.HasExited -or [DateTime]::UtcNow -gt $deadline)
            $jobs.Count | Should -Be 1 -Because 'the job must be running when Packer is killed'
            (Get-SimState).userObjects | Should -BeGreaterThan 0
            # Packer and everything under it (the provisioner's pwsh), as an OOM killer or a lost agent would.
            $tree = @(Get-ProcessTree -Id $running.Process.Id | Where-Object { $_ -ne $running.Process.Id })
            $tree.Count | Should -BeGreaterThan 0
            foreach ($id in $tree) { & kill -s KILL $id 2>$null }
            $run = Wait-AdoTask $running -TimeoutSeconds 60
        }
        finally {
            if (-not $running.Process.HasExited) { $running.Process.Kill($true) }
        }
        $run.Result | Should -Be 'Failed' -Because $run.Shown
        $run.Message | Should -Match 'packer build was killed by SIGKILL'
        # A killed Packer cannot delete the copy of its log it keeps in a temp file, and that log holds the
        # ##vso[task.setsecret] lines: the step ran it in a temp directory of its own and removed it.
        $killedLogs = @(Get-ChildItem -Path $Work, ([IO.Path]::GetTempPath()) -Recurse -Filter 'packer-log*' -File -ErrorAction SilentlyContinue |
                Where-Object LastWriteTimeUtc -GE $startedAt)
        $killedLogs.FullName | Should -BeNullOrEmpty -Because 'a killed Packer''s log holds the secrets the module registered'
        # Killed with its provisioner (and the cleanup guardian it started): what the build created is still in AAP.
        (Get-SimState).userObjects | Should -BeGreaterThan 0
        $post = Invoke-PostJob $run
        $post.Result | Should -Be 'Succeeded' -Because $post.Shown
        $state = Get-SimState
        $state.userObjects | Should -Be 0 -Because $post.Shown
        @($state.jobs | Where-Object status -In 'pending', 'waiting', 'running').Count | Should -Be 0
    }

    It 'reaches AAP over HTTPS with the CA certificates of the service connection, inside Packer too' {
        if ($SkipReason) { return }
        $pki = New-TestCertificateAuthority -Folder (New-Item -ItemType Directory -Force -Path (Join-Path $Work 'pki')).FullName
        $https = Start-TestSimulator -Layout gateway -TimeScale 20 -Scenario (Join-Path $PSScriptRoot 'scenario.json') -ArgumentList $pki.SimulatorArguments
        try {
            $data = @{ caBundle = (Get-Content -Raw $pki.CaBundle) }
            $buildId = 'ado-tls-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
            $marker = Join-Path $Work "$buildId.marker"
            $run = Wait-AdoTask (Start-AdoTask (New-PackerTask -JobTemplate 'Mark Image' -BuildId $buildId -Marker $marker -Sim $https -EndpointData $data))
            $run.Result | Should -Be 'Succeeded' -Because $run.Shown
            $marker | Should -Exist
            $null = Wait-CleanupGuardian -StateFolder $StateHome
            $post = Invoke-PostJob $run -Sim $https -EndpointData $data
            $post.Result | Should -Be 'Succeeded' -Because $post.Shown
            (Invoke-SimulatorControl -Simulator $https -Path state).userObjects | Should -Be 0
        }
        finally {
            & $https.Stop
        }
    }
}

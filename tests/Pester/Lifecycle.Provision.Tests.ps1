# Invoke-AapPackerProvision run the way Packer runs it: as a script in a child pwsh, both with
# `pwsh -File script.ps1` and with the shell-local recipe `-Command "& 'script.ps1'; exit $LASTEXITCODE"`. The
# process exit code must be the documented one (0 success, 1 failed, 3 timed out, 4 configuration, 5 AAP
# unreachable), the lifecycle must be readable in the output, secrets must never appear in it (even with -Verbose
# -Debug), and the simulator must hold nothing afterwards (once the cleanup guardian a run handed its cleanup to has
# exited).

BeforeDiscovery {
    $script:Layouts = @(@{ Layout = 'awx' }, @{ Layout = 'gateway' })
    $script:Forms = @(@{ Form = 'File' }, @{ Form = 'Command' })
    # Bad inputs that must stop the run before anything is created (exit code 4), with the error id the run names.
    $script:BadInputs = @(
        @{ Case = 'unknown template'; Arguments = "-JobTemplate 'No Such Template' -Organization Default"; ErrorId = 'JobTemplateNotFound'; Environment = @{} }
        @{ Case = 'template without prompts'; Arguments = "-JobTemplate 'No Prompts' -Organization Default"; ErrorId = 'LaunchPreflightFailed'; Environment = @{} }
        @{ Case = 'required survey variable missing'; Arguments = "-JobTemplate 'Survey Template' -Organization Default"; ErrorId = 'SurveyVariablesMissing'; Environment = @{} }
        @{ Case = 'key file that does not exist'; Arguments = "-JobTemplate Baseline -Organization Default -SshPrivateKeyPath ./no-such-key"; ErrorId = ''; Environment = @{ AAPPACKER_PASSWORD_B64 = '' } }
        @{ Case = 'host <unknown> (communicator none)'; Arguments = '-JobTemplate Baseline -Organization Default -TargetHost $null'; ErrorId = 'TargetHostMissing'; Environment = @{ AAPPACKER_HOST = '<unknown>' } }
        @{ Case = 'unknown organization'; Arguments = "-JobTemplate Baseline -Organization 'No Such Org'"; ErrorId = 'OrganizationNotFound'; Environment = @{} }
        @{ Case = 'a mistyped parameter (the recipe''s first line)'; Arguments = '-JobTemplate Baseline -Organisation Default'; ErrorId = ''; Environment = @{} }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-BuiltModulePath
    $script:Simulators = @{
        awx     = Start-TestSimulator -Layout awx -TimeScale 50
        gateway = Start-TestSimulator -Layout gateway -TimeScale 50
    }
    $script:TargetPassword = Get-TestSecret TargetPassword
    $script:Scripts = Join-Path ([IO.Path]::GetTempPath()) "aappacker-provision-tests-$PID"
    $null = New-Item -ItemType Directory -Force -Path $Scripts

    function Get-SimState($Simulator) { Invoke-SimulatorControl -Simulator $Simulator -Path state }

    # Writes the documented script shape around one Invoke-AapPackerProvision call and runs it in a child pwsh with
    # the Packer-like environment; returns the exit code and everything the child printed (stdout and stderr).
    function Invoke-ProvisionScript {
        param(
            [Parameter(Mandatory)] $Simulator,
            [Parameter(Mandatory)] [string] $Arguments,
            [ValidateSet('File', 'Command')] [string] $Form = 'File',
            [hashtable] $Environment = @{},
            [string] $Uri = $Simulator.Uri,
            # For runs under a CI marker: their output holds the CI's mask commands, i.e. the secrets, on purpose.
            [switch] $NoCapture
        )
        $script = New-ProvisionScript -Directory $Scripts -ModulePath $ModulePath -Arguments $Arguments
        $formArguments = if ($Form -eq 'File') { '-File', $script } else { '-Command', "& '$script'; exit `$LASTEXITCODE" }
        $defaults = @{
            AAP_HOSTNAME           = $Uri
            AAP_TOKEN              = Get-TestSecret AdminToken
            AAPPACKER_HOST         = '10.0.0.5'
            AAPPACKER_USER         = 'ec2-user'
            AAPPACKER_RUN_ID       = [guid]::NewGuid().ToString()
            AAPPACKER_BUILD        = 'pester'
            AAPPACKER_PASSWORD_B64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($TargetPassword))
            XDG_STATE_HOME         = $Scripts
            NO_COLOR               = '1'
        }
        foreach ($entry in $Environment.GetEnumerator()) { $defaults[$entry.Key] = $entry.Value }
        $start = New-PwshStartInfo -Environment $defaults -ArgumentList (@('-NoProfile', '-NonInteractive') + $formArguments)
        $child = [System.Diagnostics.Process]::Start($start)
        $stderr = $child.StandardError.ReadToEndAsync()
        $stdout = $child.StandardOutput.ReadToEnd()
        if (-not $child.WaitForExit(120000)) { $child.Kill($true); throw 'The child pwsh hung.' }
        $child.WaitForExit()
        $result = [pscustomobject]@{ ExitCode = $child.ExitCode; Output = $stdout + $stderr.Result; GuardianWait = $null }
        # A run that handed its cleanup to the guardian is finished only when the guardian is: wait for its exit.
        $result.GuardianWait = Wait-CleanupGuardian -Output $result.Output
        if (-not $NoCapture) { Save-TestCapture -Label 'Lifecycle.Provision.Tests' -Text $result.Output }
        $child.Dispose()
        Remove-Item $script -ErrorAction SilentlyContinue
        $result
    }

    function Assert-NothingLeft($Simulator) {
        (Get-SimState $Simulator).userObjects | Should -Be 0
    }
}

AfterAll {
    foreach ($simulator in $Simulators.Values) { & $simulator.Stop }
    Remove-Item $Scripts -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Invoke-AapPackerProvision as a Packer script (<Layout>)' -ForEach $Layouts {
    BeforeAll { $script:Sim = $Simulators[$Layout] }

    AfterEach { Assert-NothingLeft $Sim }

    It 'exits 0 for a successful job and prints the lifecycle (<Form>)' -ForEach $Forms {
        $run = Invoke-ProvisionScript -Simulator $Sim -Form $Form -Arguments '-JobTemplate Baseline -Organization Default -Timeout 120'
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'Connected to http'
        $run.Output | Should -Match 'Created inventory \d+'
        $run.Output | Should -Match "Added host \d+ '10\.0\.0\.5'"
        $run.Output | Should -Match 'Created Machine credential \d+'
        $run.Output | Should -Match 'Launched job \d+ from .Baseline.: http'
        $run.Output | Should -Match 'PLAY RECAP'
        # Ansible's PLAY RECAP streamed with the output is not repeated (issue 15 item 7).
        $run.Output | Should -Not -Match '(?m)^Recap:'
        # The credential (the secret) is deleted by the run; the inventory AAP still holds on to is handed over.
        $run.Output | Should -Match "credential \d+ '[^']+': removed"
        $run.Output | Should -Match "inventory \d+ '[^']+': handed to the cleanup guardian: (as usual right after a job, AAP keeps it until it has stored the job's events|AAP accepted the delete \(202\))"
        $run.Output | Should -Not -Match 'AAP answered 403' 
        $run.Output | Should -Match 'Cleanup: removed 1, already gone 0, handed to the cleanup guardian 1 \(process \d+\), left 0'
        $run.Output | Should -Match 'Exit code 0 \(Success\)'
        # The guardian confirmed the removal and cleared the build's ledger and its own log (the API root cache stays).
        @(Get-ChildItem -Path (Join-Path $Scripts 'aappacker') -Recurse -File -ErrorAction SilentlyContinue |
            Where-Object FullName -NotLike '*/aappacker/cache/api-roots.json*').FullName | Should -BeNullOrEmpty
    }

    It '-WaitForCleanup waits in the run until AAP confirms every removal (<Form>)' -ForEach $Forms {
        $run = Invoke-ProvisionScript -Simulator $Sim -Form $Form -Arguments '-JobTemplate Baseline -Organization Default -WaitForCleanup'
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'Cleanup: removed 2, already gone 0, left 0'
        $run.Output | Should -Not -Match 'handed to the cleanup guardian'
        $run.GuardianWait | Should -Be ([TimeSpan]::Zero) -Because 'no guardian was handed anything'
        (Get-SimState $Sim).userObjects | Should -Be 0 -Because 'everything was removed before the run exited'

    }

    It 'exits 1 when the job fails, and still cleans up (<Form>)' -ForEach $Forms {
        $run = Invoke-ProvisionScript -Simulator $Sim -Form $Form -Arguments "-JobTemplate 'Failing Playbook' -Organization Default"
        $run.ExitCode | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match 'Job \d+ failed'
        $run.Output | Should -Match 'Cleanup: removed 1, already gone 0, handed to the cleanup guardian 1'
        # The non-terminating error is shown too (the script assigned the result, so nothing was lost at exit).
        $run.Output | Should -Match 'Read the job output'
    }

    It 'exits 3 when the job does not finish within -Timeout (seconds), after canceling it' {
        $run = Invoke-ProvisionScript -Simulator $Sim -Arguments "-JobTemplate 'Long Quiet' -Organization Default -Timeout 1 -NoOutput"
        $run.ExitCode | Should -Be 3 -Because $run.Output
        $run.Output | Should -Match 'timed out'
        @((Get-SimState $Sim).jobs | Where-Object { $_.status -notin 'successful', 'failed', 'error', 'canceled' }).Count | Should -Be 0
    }

    It 'exits 4 and creates nothing for <Case>' -ForEach $BadInputs {
        $launches = @((Get-SimState $Sim).launches | Where-Object { $_ }).Count
        $run = Invoke-ProvisionScript -Simulator $Sim -Arguments $Arguments -Environment $Environment
        $run.ExitCode | Should -Be 4 -Because $run.Output
        if ($ErrorId) { $run.Output | Should -Match "error id $ErrorId" }
        @((Get-SimState $Sim).launches | Where-Object { $_ }).Count | Should -Be $launches
    }

    It 'takes the original plugin''s option names' {
        $run = Invoke-ProvisionScript -Simulator $Sim -Arguments "-job_template_id Baseline -organization_id Default -extra_vars '{`"image`": `"x`"}' -timeout 120 -poll_interval 1"
        $run.ExitCode | Should -Be 0 -Because $run.Output
    }

    It 'under Azure Pipelines registers the secrets and their derived forms with the agent before any other line' {
        $password = 'Mask-pw-' + [guid]::NewGuid().ToString('N')
        $run = Invoke-ProvisionScript -Simulator $Sim -NoCapture -Arguments '-JobTemplate Baseline -Organization Default' -Environment @{
            TF_BUILD = 'True'; PACKER_RUN_UUID = [guid]::NewGuid().ToString()
            AAPPACKER_PASSWORD_B64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($password))
        }
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $lines = @($run.Output -split "`r?`n" | Where-Object { $_ })
        $registered = @($lines | Where-Object { $_ -like '##vso`[task.setsecret`]*' } | ForEach-Object { $_.Substring('##vso[task.setsecret]'.Length) })
        $registered | Should -Contain $password
        $registered | Should -Contain ([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($password)))
        $registered | Should -Contain (Get-TestSecret AdminToken) -Because 'the token came from the environment'
        # Registration comes first: no line before the last setsecret is anything else.
        $lastRegistration = [array]::FindLastIndex([string[]]$lines, [Predicate[string]] { param($l) $l -like '##vso`[task.setsecret`]*' })
        @($lines[0..$lastRegistration] | Where-Object { $_ -notlike '##vso`[task.setsecret`]*' }).Count | Should -Be 0
        $run.Output | Should -Match '##\[group\]'
    }

    It 'under Azure Pipelines registers each line of a -SshPrivateKeyPath key file' {
        $keyFile = Join-Path $Scripts ('key-' + [guid]::NewGuid().ToString('N'))
        Set-Content -Path $keyFile -Value (Get-TestSecret PrivateKey) -NoNewline
        try {
            $run = Invoke-ProvisionScript -Simulator $Sim -NoCapture -Arguments "-JobTemplate Baseline -Organization Default -SshPrivateKeyPath '$keyFile'" -Environment @{
                TF_BUILD = 'True'; AAPPACKER_PASSWORD_B64 = ''
            }
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $registered = @($run.Output -split "`r?`n" | Where-Object { $_ -like '##vso`[task.setsecret`]*' } | ForEach-Object { $_.Substring('##vso[task.setsecret]'.Length) })
            foreach ($line in (Get-TestSecret PrivateKey) -split "`n" | Where-Object { $_ -and $_ -notlike '-----*' }) {
                $registered | Should -Contain $line
            }
        }
        finally { Remove-Item $keyFile -ErrorAction SilentlyContinue }
    }

    It 'under GitHub Actions inside Packer writes no ::add-mask:: (Packer''s line prefix would print the secret instead)' {
        $run = Invoke-ProvisionScript -Simulator $Sim -NoCapture -Arguments '-JobTemplate Baseline -Organization Default' -Environment @{
            GITHUB_ACTIONS = 'true'; PACKER_BUILD_NAME = 'image'
        }
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Not -Match '::add-mask::'
        $run.Output | Should -Not -Match ([regex]::Escape($TargetPassword))
    }

    It 'never prints the target password, the key or the token, even with -Verbose -Debug' {
        $key = Get-TestSecret PrivateKey
        $run = Invoke-ProvisionScript -Simulator $Sim -Arguments '-JobTemplate Baseline -Organization Default -Verbose -Debug -WarningAction Continue' `
            -Environment @{ AAPPACKER_SSHKEY_B64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($key)) }
        $run.Output | Should -Match 'Cleanup:'
        $run.Output | Should -Not -Match ([regex]::Escape($TargetPassword))
        $run.Output | Should -Not -Match (Get-TestSecret AdminToken)
        $run.Output | Should -Not -Match 'TestKeyBodyThatMustNotLeak'
        $run.Output | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($TargetPassword))))
    }
}

Describe 'Invoke-AapPackerProvision with AAP unreachable' {
    # Layout-independent (no server answers); the client's retries make each run take a few seconds.
    It 'exits 5 when AAP is unreachable (<Form>)' -ForEach $Forms {
        $closed = "http://127.0.0.1:$(Get-FreeTcpPort)/"
        $run = Invoke-ProvisionScript -Simulator $Simulators.gateway -Form $Form -Uri $closed -Arguments '-JobTemplate Baseline -Organization Default'
        $run.ExitCode | Should -Be 5 -Because $run.Output
        $run.Output | Should -Match 'error id AapUnreachable'
    }

}

# AapJobTemplate@1 run as the agent runs it (node on the staged task's compiled entry, inputs and the service
# connection in INPUT_*/ENDPOINT_* variables) against the simulator, with real pwsh and the bundled module.
# Needs `build.ps1 -Task Extension` first (the AzureDevOps suite runs it).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../Pester/TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AdoTaskHelpers.psm1') -Force

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "aappacker-ado-$PID"
    $script:Bin = New-PwshShim -Folder (Join-Path $Work 'bin')
    $script:Token = Get-TestSecret AdminToken
    $script:TokenB64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Token))
    # Time runs 5 times faster: Baseline takes 2 s, Long Quiet a minute.
    $script:Simulator = Start-TestSimulator -Layout gateway -TimeScale 5

    function New-JobTemplateTask([hashtable] $Inputs, [string] $Scheme = 'Token', [hashtable] $AuthParameters = @{ apitoken = $Token }) {
        $agentTemp = New-Item -ItemType Directory -Force -Path (Join-Path $Work ([guid]::NewGuid().ToString('N')))
        New-AdoTaskStartInfo -Task AapJobTemplateV1 -Inputs $Inputs -EndpointUrl $Simulator.Uri -Scheme $Scheme -AuthParameters $AuthParameters `
            -TempDirectory $agentTemp.FullName -PathPrefix $Bin
    }
    function Get-SimState { Invoke-SimulatorControl -Simulator $Simulator -Path state }
    # An inventory other than the templates' own (AAP takes a template's own inventory even without the prompt).
    function New-SimInventory([string] $Name) {
        $organization = @((Get-SimState).organizations | Where-Object name -EQ 'Default')[0].id
        Invoke-RestMethod -Method Post -Uri ($Simulator.Uri.TrimEnd('/') + '/api/controller/v2/inventories/') -ContentType 'application/json' `
            -Headers @{ Authorization = "Bearer $Token" } -Body (@{ name = $Name; organization = $organization } | ConvertTo-Json)
    }
}

AfterAll {
    if ($script:Simulator) { & $Simulator.Stop }
    if ($script:Work -and (Test-Path $Work)) { Remove-Item -Recurse -Force $Work }
}

Describe 'AapJobTemplate@1' {
    BeforeEach { Reset-TestSimulator $Simulator }

    It 'runs a job template against an inventory given by name, streams its output and sets the output variables' {
        $inventory = New-SimInventory 'Build Hosts'
        $run = Wait-AdoTask (Start-AdoTask (New-JobTemplateTask @{ template = 'Baseline'; inventory = 'Build Hosts'; organization = 'Default'; extraVars = "image_version: '1.2.3'"; timeout = '10m' }))
        $run.Result | Should -Be 'Succeeded' -Because $run.Shown
        $run.ExitCode | Should -Be 0
        $run.Shown | Should -Match 'PLAY RECAP'
        $state = Get-SimState
        $job = @($state.jobs)[0]
        $run.Variables.AapJobId | Should -Be "$($job.id)"
        $run.Variables.AapJobStatus | Should -Be 'successful'
        $run.Variables.AapJobUrl | Should -Match "/jobs/playbook/$($job.id)/"
        $run.Lines | Should -Contain "##vso[task.setvariable variable=AapJobId;isOutput=true;issecret=false;]$($job.id)"
        $job.inventory | Should -Be $inventory.id
        @($state.launches)[0].payload.extra_vars.image_version | Should -Be '1.2.3'
    }

    It 'writes the token only inside ##vso[task.setsecret], before anything else prints it' {
        $run = Wait-AdoTask (Start-AdoTask (New-JobTemplateTask @{ template = 'Baseline'; inventory = 'Demo Inventory' }))
        $run.Result | Should -Be 'Succeeded' -Because $run.Shown
        $leaks = @(Assert-NoSecretOutsideSetSecret -Lines $run.Lines -Secrets $Token, $TokenB64)
        $leaks.Count | Should -Be 0 -Because 'no line but ##vso[task.setsecret] may carry the token'
        $run.Lines | Should -Contain "##vso[task.setsecret]$Token"
        # Registered before any line that could carry it: the first setsecret comes before the first non-debug line.
        $first = [array]::IndexOf($run.Lines, "##vso[task.setsecret]$Token")
        $firstPlain = [array]::FindIndex([string[]]$run.Lines, [Predicate[string]] { param($l) $l -and $l -notmatch '^##vso\[task\.debug\]' })
        $first | Should -BeLessOrEqual $firstPlain
    }

    It 'runs a workflow job template with a user name and password connection' {
        $inventory = New-SimInventory 'Build Hosts'
        $null = Invoke-SimulatorControl -Simulator $Simulator -Method DELETE -Path requests   # the test's own (Bearer) request
        $run = Wait-AdoTask (Start-AdoTask (New-JobTemplateTask -Scheme UsernamePassword -AuthParameters @{ username = 'admin'; password = 'password' } `
            -Inputs @{ templateType = 'workflow'; template = 'Image Pipeline'; inventory = "$($inventory.id)"; extraVars = '{"image_version": "2.0"}' }))
        $run.Result | Should -Be 'Succeeded' -Because $run.Shown
        $run.Lines | Should -Contain '##vso[task.setsecret]password'
        $state = Get-SimState
        @($state.launches)[0].kind | Should -Be 'workflow'
        $run.Variables.AapJobId | Should -Be "$(@($state.workflowJobs)[0].id)"
        $run.Variables.AapJobStatus | Should -Be 'successful'
        $requests = @(Invoke-SimulatorControl -Simulator $Simulator -Path requests | ForEach-Object { $_ })
        @($requests | Where-Object auth -EQ 'Bearer').Count | Should -Be 0
        @($requests | Where-Object auth -EQ 'Basic').Count | Should -BeGreaterThan 0
    }

    It 'launches without waiting when wait is false, and still sets the output variables' {
        $run = Wait-AdoTask (Start-AdoTask (New-JobTemplateTask @{ template = 'Long Quiet'; wait = 'false' }))
        $run.Result | Should -Be 'Succeeded' -Because $run.Shown
        $run.Message | Should -Match 'not waiting'
        $run.Variables.AapJobStatus | Should -BeIn 'pending', 'waiting', 'running'
        $job = @((Get-SimState).jobs)[0]
        "$($job.id)" | Should -Be $run.Variables.AapJobId
        $null = Invoke-RestMethod -Method Post -Uri ($Simulator.Uri.TrimEnd('/') + "/api/controller/v2/jobs/$($job.id)/cancel/") -Headers @{ Authorization = "Bearer $Token" }
    }

    It 'fails the step with the module''s message when the job fails' {
        $run = Wait-AdoTask (Start-AdoTask (New-JobTemplateTask @{ template = 'Failing Playbook' }))
        $run.Result | Should -Be 'Failed' -Because $run.Shown
        $run.Message | Should -Match "AapPacker exit code 1, the AAP job failed: Job \d+ 'Failing Playbook' ended failed"
        $run.Variables.AapJobStatus | Should -Be 'failed'
    }

    It 'fails before launching anything when the template does not prompt for the inventory' {
        $inventory = New-SimInventory 'Build Hosts'
        $run = Wait-AdoTask (Start-AdoTask (New-JobTemplateTask @{ template = 'No Prompts'; inventory = "$($inventory.id)" }))
        $run.Result | Should -Be 'Failed' -Because $run.Shown
        $run.Message | Should -Match 'AapPacker exit code 4'
        $run.Message | Should -Match 'Prompt on launch'
        $run.Message | Should -Match 'nventory'
        $state = Get-SimState
        @($state.launches).Count | Should -Be 0
        @($state.jobs).Count | Should -Be 0
        $state.userObjects | Should -Be 1 -Because 'the test''s own inventory is all there is'
        $run.Variables.Keys | Should -Not -Contain 'AapJobId'
    }

    It 'fails with a clear message for an input it cannot use, before starting PowerShell' {
        $run = Wait-AdoTask (Start-AdoTask (New-JobTemplateTask @{ template = 'Baseline'; templateType = 'playbook' }))
        $run.Result | Should -Be 'Failed'
        $run.Message | Should -Match "templateType must be 'job' or 'workflow'"
    }

    It 'cancels the AAP job within 5 s when the agent cancels the step (SIGINT, then SIGTERM), leaving nothing' {
        $running = Start-AdoTask (New-JobTemplateTask @{ template = 'Long Quiet'; inventory = 'Demo Inventory' })
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            do {
                $job = @((Get-SimState).jobs | Where-Object status -EQ 'running')
            } until ($job.Count -gt 0 -or $running.Process.HasExited -or [DateTime]::UtcNow -gt $deadline)
            $job.Count | Should -Be 1 -Because 'the job must be running before the cancel'
            $canceledAt = [Diagnostics.Stopwatch]::StartNew()
            & kill -s INT $running.Process.Id
            # The agent escalates to SIGTERM when the task has not ended a few seconds after SIGINT.
            if (-not $running.Process.WaitForExit(2500)) { & kill -s TERM $running.Process.Id }
            $run = Wait-AdoTask $running -TimeoutSeconds 60
            $ended = $canceledAt.Elapsed
        }
        finally {
            if (-not $running.Process.HasExited) { $running.Process.Kill($true) }
        }
        $state = Get-SimState
        $final = @($state.jobs | Where-Object id -EQ $job[0].id)[0]
        $final.status | Should -Be 'canceled' -Because $run.Shown
        $ended.TotalSeconds | Should -BeLessThan 5 -Because 'the job is canceled and the task ends within 5 s of the cancel'
        $run.Result | Should -Be 'Failed'
        $run.Message | Should -Match 'Canceled by the agent \(SIGINT\)'
        $state.userObjects | Should -Be 0
        @($state.jobs | Where-Object status -In 'pending', 'waiting', 'running').Count | Should -Be 0
        Write-Host ('Figures: AzureDevOps: AapJobTemplate canceled its AAP job and ended {0:0.00} s after SIGINT' -f $ended.TotalSeconds)
    }
}

Describe 'AapJobTemplate@1 against AAP over HTTPS with a private CA' {
    BeforeAll {
        $script:Pki = New-TestCertificateAuthority -Folder (New-Item -ItemType Directory -Force -Path (Join-Path $Work 'pki')).FullName
        $script:Https = Start-TestSimulator -Layout gateway -TimeScale 5 -ArgumentList $Pki.SimulatorArguments
        function Invoke-HttpsTask([hashtable] $Data) {
            $agentTemp = New-Item -ItemType Directory -Force -Path (Join-Path $Work ([guid]::NewGuid().ToString('N')))
            Wait-AdoTask (Start-AdoTask (New-AdoTaskStartInfo -Task AapJobTemplateV1 -Inputs @{ template = 'Baseline' } -EndpointUrl $Https.Uri `
                -AuthParameters @{ apitoken = $Token } -EndpointData $Data -TempDirectory $agentTemp.FullName -PathPrefix $Bin))
        }
    }
    AfterAll {
        if ($script:Https) { & $Https.Stop }
    }

    It 'trusts the CA certificates of the service connection, and removes the file it wrote for them' {
        $run = Invoke-HttpsTask @{ caBundle = (Get-Content -Raw $Pki.CaBundle) }
        $run.Result | Should -Be 'Succeeded' -Because $run.Shown
        $run.Shown | Should -Not -Match 'certificate validation off'
        @(Get-ChildItem -Recurse -Path $Work -Filter 'aap-ca-bundle.pem').Count | Should -Be 0
    }

    It 'fails with a TLS error without them, as AAP unreachable (exit code 5)' {
        $run = Invoke-HttpsTask @{}
        $run.Result | Should -Be 'Failed' -Because $run.Shown
        $run.Message | Should -Match 'AapPacker exit code 5'
        $run.Message | Should -Match 'not trusted'
        $run.Message | Should -Match ([regex]::Escape("paste the CA's PEM certificates into 'CA certificates (PEM)'"))
    }

    It 'connects with skip certificate check, and warns' {
        $run = Invoke-HttpsTask @{ skipCertificateCheck = 'true' }
        $run.Result | Should -Be 'Succeeded' -Because $run.Shown
        $run.Shown | Should -Match '##vso\[task\.issue type=warning[^\]]*\]The service connection turns certificate validation off'
    }
}

# Wait-AapJob and Remove-AapBuildResources (issue 3) against the simulator, on both API layouts: the output stream
# (complete, in order, tagged), the errors for jobs that do not succeed (error id + result attached), -PassThru,
# timeouts with -CancelOnTimeout, CI markup under TF_BUILD; removal by build id, by age, -WhatIf, and never an
# object AapPacker did not create. After every test the simulator holds no user objects.

BeforeDiscovery {
    $script:Layouts = @(@{ Layout = 'awx' }, @{ Layout = 'gateway' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulators = @{
        awx     = Start-TestSimulator -Layout awx -TimeScale 50
        gateway = Start-TestSimulator -Layout gateway -TimeScale 50
    }

    function Get-SimState($Simulator) { Invoke-SimulatorControl -Simulator $Simulator -Path state }

    function Invoke-SimApi($Simulator, [string] $Method, [string] $Path, $Body) {
        $prefix = if ($Simulator.Layout -eq 'gateway') { 'api/controller/v2/' } else { 'api/v2/' }
        $parameters = @{
            Method             = $Method
            Uri                = $Simulator.Uri.TrimEnd('/') + '/' + $prefix + $Path.TrimStart('/')
            Headers            = @{ Authorization = 'Bearer sim-admin-token' }
            SkipHttpErrorCheck = $true
        }
        if ($null -ne $Body) { $parameters.Body = ($Body | ConvertTo-Json); $parameters.ContentType = 'application/json' }
        Invoke-RestMethod @parameters
    }

    # A temporary inventory with one host, launched from $Template; returns the job.
    function Start-TestJob([string] $Template, [string] $BuildId) {
        New-AapTempInventory -Organization Default -BuildId $BuildId |
            Add-AapHost -Address 10.0.0.5 -UserName ec2-user |
            Start-AapJobTemplate -JobTemplate $Template
    }

    # The build ids of what AapPacker left in the simulator, read from the descriptions it writes.
    function Get-LeftBuildId($Simulator) {
        $state = Get-SimState $Simulator
        @($state.inventories) + @($state.credentials) | ForEach-Object {
            if ($_.description -match '^Created by AapPacker for build (\S+) at ') { $Matches[1] }
        } | Sort-Object -Unique
    }

    function Assert-SimulatorEmpty($Simulator) {
        # The removal cmdlet under test is also the cleanup (by build id: -OlderThan never sweeps builds younger than
        # a second), so tests that end with objects in AAP do not cascade into every later test.
        foreach ($buildId in Get-LeftBuildId $Simulator) {
            Remove-AapBuildResources -BuildId $buildId -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        }
        (Get-SimState $Simulator).userObjects | Should -Be 0
    }
}

AfterAll {
    foreach ($simulator in $Simulators.Values) { & $simulator.Stop }
}

Describe 'Wait-AapJob (<Layout>)' -ForEach $Layouts {
    BeforeAll {
        $script:Sim = $Simulators[$Layout]
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
    }

    AfterEach {
        Remove-Item Env:TF_BUILD -ErrorAction SilentlyContinue
        Assert-SimulatorEmpty $Sim
    }

    It 'refuses an inventory piped in (issue 15 item 3: its Id is no job id) before waiting for anything' {
        # A job whose id equals the inventory's exists: taken as a job id, the wait would follow an unrelated job.
        $other = Start-TestJob -Template Baseline -BuildId "wait-unrelated-$Layout"
        $inventory = New-AapTempInventory -Organization Default -BuildId "wait-inventory-$Layout"
        try {
            { $inventory | Wait-AapJob -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidJob*' -ExpectedMessage '*got an inventory*not a job*'
        }
        finally { $other | Wait-AapJob -NoOutput | Out-Null }
    }

    It 'streams the whole output, in order, tagged AapPacker/JobOutput/job-<id>, and returns the result' {
        $job = Start-TestJob -Template Baseline -BuildId "wait-stream-$Layout"
        $result = $job | Wait-AapJob -InformationVariable lines

        $result | Should -BeOfType AapPacker.Models.AapJobResult
        $result.Id | Should -Be $job.Id
        $result.Status | Should -Be 'successful'
        $result.ExitCode | Should -Be 'Success'
        @($result.HostRecaps).Count | Should -Be 1
        $result.HostRecaps[0].Host | Should -Be '10.0.0.5'
        $result.Artifacts.Count | Should -BeGreaterThan 0
        $result.Url | Should -Match "/$($job.Id)/"

        $lines = @($lines)
        $lines.Count | Should -Be $result.OutputLines
        $lines.Count | Should -BeGreaterThan 10
        foreach ($line in $lines) {
            $line.Tags | Should -Contain 'AapPacker'
            $line.Tags | Should -Contain 'JobOutput'
            $line.Tags | Should -Contain "job-$($job.Id)"
        }
        $text = @($lines | ForEach-Object { "$($_.MessageData)" })
        $play = [array]::FindIndex([string[]]$text, [Predicate[string]] { param($t) $t -like 'PLAY `[*' })
        $recap = [array]::FindIndex([string[]]$text, [Predicate[string]] { param($t) $t -like 'PLAY RECAP*' })
        $play | Should -BeGreaterOrEqual 0
        $recap | Should -BeGreaterThan $play
        ($text -match '^10\.0\.0\.5\s+: ok=').Count | Should -Be 1

        Remove-AapBuildResources -BuildId "wait-stream-$Layout" | Out-Null
    }

    It 'takes a job id from the pipeline and writes no output with -NoOutput' {
        $job = Start-TestJob -Template Baseline -BuildId "wait-id-$Layout"
        $result = $job.Id | Wait-AapJob -NoOutput -InformationVariable lines
        $result.Status | Should -Be 'successful'
        @($lines).Count | Should -Be 0
        $result.OutputLines | Should -Be 0
    }

    It 'makes a failed job a terminating error JobFailed with the result as TargetObject' {
        $job = Start-TestJob -Template 'Failing Playbook' -BuildId "wait-failed-$Layout"
        $record = $null
        try { $job | Wait-AapJob -InformationAction SilentlyContinue; throw 'no error' } catch { $record = $_ }

        $record.FullyQualifiedErrorId | Should -BeLike 'JobFailed,*'
        $record.TargetObject | Should -BeOfType AapPacker.Models.AapJobResult
        $record.TargetObject.Status | Should -Be 'failed'
        $record.TargetObject.HostRecaps[0].Failed | Should -BeGreaterThan 0
        $record.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($record.TargetObject.Url))
    }

    It 'returns the failed result without an error with -PassThru' {
        $job = Start-TestJob -Template 'Failing Playbook' -BuildId "wait-passthru-$Layout"
        $result = $job | Wait-AapJob -PassThru -NoOutput -ErrorVariable errors
        @($errors).Count | Should -Be 0
        $result.Status | Should -Be 'failed'
        $result.Failed | Should -BeTrue
        $result.ExitCode | Should -Be 'JobFailed'
    }

    It 'times out (seconds as a number), cancels with -CancelOnTimeout, and fails with JobTimedOut' {
        $job = Start-TestJob -Template 'Long Quiet' -BuildId "wait-timeout-$Layout"
        $record = $null
        try { $job | Wait-AapJob -Timeout 1 -CancelOnTimeout -NoOutput; throw 'no error' } catch { $record = $_ }

        $record.FullyQualifiedErrorId | Should -BeLike 'JobTimedOut,*'
        $record.TargetObject.TimedOut | Should -BeTrue
        $record.TargetObject.Status | Should -Be 'canceled'
        (Get-AapJob -Id $job.Id).Status | Should -Be 'canceled'
    }

    It 'reports a timeout in the result with -PassThru and leaves the job running without -CancelOnTimeout' {
        $job = Start-TestJob -Template 'Long Quiet' -BuildId "wait-timeout-pt-$Layout"
        $result = $job | Wait-AapJob -Timeout ([TimeSpan]::FromSeconds(1)) -PassThru -NoOutput
        $result.TimedOut | Should -BeTrue
        $result.ExitCode | Should -Be 'TimedOut'
        (Get-AapJob -Id $job.Id).Status | Should -BeIn 'pending', 'waiting', 'running'
        $job | Stop-AapJob | Out-Null
    }

    It 'under Azure Pipelines groups the output and annotates a failure, and defangs logging commands' {
        $env:TF_BUILD = 'True'
        $job = Start-TestJob -Template 'Failing Playbook' -BuildId "wait-ci-$Layout"
        $result = $job | Wait-AapJob -PassThru -InformationVariable lines 6>$null
        $text = @($lines | ForEach-Object { "$($_.MessageData)" })
        $text[0] | Should -BeLike ('##`[group`]*job ' + $job.Id + ' *')
        $text | Should -Contain '##[endgroup]'
        ($text | Where-Object { $_ -like '##vso`[task.logissue type=error`]*' }) | Should -Not -BeNullOrEmpty
        # Only AapPacker's own markup starts with ##: the job's lines are neutralised.
        ($text | Where-Object { $_ -like '##*' }).Count | Should -Be 3
        $result.Status | Should -Be 'failed'
    }
}

Describe 'Job output that tries to drive the CI agent (<Layout>)' -ForEach $Layouts {
    BeforeAll {
        $script:Sim = $Simulators[$Layout]
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
    }

    AfterEach {
        Remove-Item Env:TF_BUILD, Env:GITHUB_ACTIONS -ErrorAction SilentlyContinue
        Assert-SimulatorEmpty $Sim
    }

    It 'is defanged under <Ci>: no ##vso[ anywhere in a job line, no job line starting with ::' -ForEach @(
        @{ Ci = 'Azure Pipelines'; Variable = 'TF_BUILD'; Value = 'True' }
        @{ Ci = 'GitHub Actions'; Variable = 'GITHUB_ACTIONS'; Value = 'true' }
    ) {
        # Host names are printed in the job output ("ok: [name]", and first on a recap line): a playbook's output
        # under the attacker's control, carried by the simulator's real event stream.
        $inventory = New-AapTempInventory -Organization Default -BuildId "defang-$Layout"
        $null = Invoke-SimApi $Sim POST "inventories/$($inventory.Id)/hosts/" @{ name = 'evil##vso[task.setvariable variable=owned]1' }
        $null = Invoke-SimApi $Sim POST "inventories/$($inventory.Id)/hosts/" @{ name = '::add-mask::everything' }
        # The agents match culture-sensitively: a zero-width space inside the marker is invisible to them.
        $null = Invoke-SimApi $Sim POST "inventories/$($inventory.Id)/hosts/" @{ name = "sly#$([char]0x200B)#vso[task.complete result=Failed]" }
        $job = $inventory | Start-AapJobTemplate -JobTemplate Baseline
        Set-Item "Env:$Variable" $Value

        $null = $job | Wait-AapJob -PassThru -InformationVariable lines 6>$null

        # The job's own lines, without AapPacker's group markup around them.
        $jobLines = @($lines | Where-Object { $_.Tags -contains 'JobOutput' } | ForEach-Object { "$($_.MessageData)" } |
                Where-Object { $_ -notmatch '^(##\[(end)?group\]|::(end)?group::)' })
        ($jobLines -join "`n") | Should -Match 'evil\*\*vso\[task\.setvariable' -Because 'the hostile text is there, neutralised'
        # The agents' own checks: culture-sensitive IndexOf / TrimStart + StartsWith (PowerShell calls the same overloads).
        $jobLines | Where-Object { $_.IndexOf('##vso[') -ge 0 -or $_.IndexOf('##[') -ge 0 } | Should -BeNullOrEmpty
        $jobLines | Where-Object { $_.TrimStart().StartsWith('::') } | Should -BeNullOrEmpty
        ($jobLines | Where-Object { $_ -like '*::add-mask::everything*' }) | Should -Not -BeNullOrEmpty -Because 'the recap line still shows the host, just not as a command'
    }
}

Describe 'Remove-AapBuildResources (<Layout>)' -ForEach $Layouts {
    BeforeAll {
        $script:Sim = $Simulators[$Layout]
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
    }

    AfterEach { Assert-SimulatorEmpty $Sim }

    It 'removes the credential, inventory and host of one build and nothing of another' {
        $password = ConvertTo-TestSecret 'remove-test-pw'
        New-AapTempInventory -Organization Default -BuildId "rm-a-$Layout" | Add-AapHost -Address 10.0.0.5 | Out-Null
        New-AapTempCredential -Organization Default -UserName ec2-user -Password $password -BuildId "rm-a-$Layout" | Out-Null
        New-AapTempInventory -Organization Default -BuildId "rm-b-$Layout" | Out-Null
        (Get-SimState $Sim).userObjects | Should -Be 4

        $result = @(Remove-AapBuildResources -BuildId "rm-a-$Layout")
        $result.Count | Should -Be 1
        $result[0] | Should -BeOfType AapPacker.Models.AapCleanupResult
        $result[0].Complete | Should -BeTrue
        @($result[0].Removed.ObjectType) | Should -Be @('credential', 'inventory')
        $state = Get-SimState $Sim
        $state.userObjects | Should -Be 1
        @($state.inventories | Where-Object { $_.name -like "packer-rm-b-$Layout-*" }).Count | Should -Be 1

        Remove-AapBuildResources -BuildId "rm-b-$Layout" | Out-Null
    }

    It 'lists with -WhatIf and removes nothing' {
        New-AapTempInventory -Organization Default -BuildId "rm-whatif-$Layout" | Add-AapHost -Address 10.0.0.5 | Out-Null
        $before = (Get-SimState $Sim).userObjects
        $output = Remove-AapBuildResources -BuildId "rm-whatif-$Layout" -WhatIf
        $output | Should -BeNullOrEmpty
        (Get-SimState $Sim).userObjects | Should -Be $before
        (Get-SimState $Sim).userObjects | Should -Be 2
        Remove-AapBuildResources -BuildId "rm-whatif-$Layout" | Out-Null
    }

    It 'sweeps by age: -OlderThan 1 hour removes what a build made 3 hours ago and keeps what a build made now' {
        $old = New-AapTempInventory -Organization Default -BuildId "rm-age1-$Layout"
        $new = New-AapTempInventory -Organization Default -BuildId "rm-age2-$Layout"
        Remove-AapBuildResources -OlderThan (New-TimeSpan -Hours 1) | Should -BeNullOrEmpty
        (Get-SimState $Sim).userObjects | Should -Be 2
        # A build that crashed three hours ago: the age is the creation time AapPacker wrote in the description.
        $threeHoursAgo = [DateTime]::UtcNow.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
        $null = Invoke-SimApi $Sim PATCH "inventories/$($old.Id)/" @{ description = "Created by AapPacker for build rm-age1-$Layout at $threeHoursAgo" }
        $results = @(Remove-AapBuildResources -OlderThan (New-TimeSpan -Hours 1) -Organization Default -Confirm:$false)
        $results.Count | Should -Be 1
        $results[0].BuildId | Should -Be "rm-age1-$Layout"
        @((Get-SimState $Sim).inventories | Where-Object { $_.id -eq $new.Id }).Count | Should -Be 1
        Remove-AapBuildResources -BuildId "rm-age2-$Layout" | Out-Null
    }

    It 'waits for a running job of the build, then removes its objects' {
        $job = Start-TestJob -Template Baseline -BuildId "rm-job-$Layout"
        $result = Remove-AapBuildResources -BuildId "rm-job-$Layout"
        $result.Complete | Should -BeTrue
        (Get-AapJob -Id $job.Id).Status | Should -Be 'successful'
    }

    It 'finishes a killed build from its ledger file and deletes the file' {
        $state = Join-Path ([IO.Path]::GetTempPath()) ("aappacker-ledger-" + [guid]::NewGuid().ToString('N'))
        $saved = $env:XDG_STATE_HOME
        $env:XDG_STATE_HOME = $state
        try {
            $inventory = New-AapTempInventory -Organization Default -BuildId "rm-ledger-$Layout"
            $file = Join-Path $state "aappacker/rm-ledger-$Layout.json"
            $null = New-Item -ItemType Directory -Force -Path (Split-Path $file)
            ConvertTo-Json -Depth 3 @(
                @{ ObjectType = 'inventory'; Id = $inventory.Id; Name = $inventory.Name; BuildId = "rm-ledger-$Layout"; ApiPath = ''; CreatedAt = [DateTimeOffset]::UtcNow; Removed = $false }
                @{ ObjectType = 'credential'; Id = 99999; Name = "packer-rm-ledger-$Layout-x-machine"; BuildId = "rm-ledger-$Layout"; ApiPath = ''; CreatedAt = [DateTimeOffset]::UtcNow; Removed = $false }
            ) | Set-Content -Path $file

            $result = Remove-AapBuildResources -BuildId "rm-ledger-$Layout"
            @($result.Removed | Where-Object ObjectType -eq 'inventory').Id | Should -Be $inventory.Id
            @($result.AlreadyGone | Where-Object ObjectType -eq 'credential').Id | Should -Be 99999
            $file | Should -Not -Exist
        }
        finally {
            $env:XDG_STATE_HOME = $saved
            Remove-Item $state -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'removes exactly the objects piped to it' {
        $inventory = New-AapTempInventory -Organization Default -BuildId "rm-pipe-$Layout"
        $other = New-AapTempInventory -Organization Default -BuildId "rm-pipe-$Layout"
        $result = $inventory | Remove-AapBuildResources -Confirm:$false
        @($result.Removed).Count | Should -Be 1
        $result.Removed[0].Id | Should -Be $inventory.Id
        @((Get-SimState $Sim).inventories | Where-Object { $_.id -eq $other.Id }).Count | Should -Be 1
        $other | Remove-AapBuildResources | Out-Null
    }

    It 'never touches an inventory AapPacker did not create, even one named packer-* or piped in' {
        $foreign = Invoke-SimApi $Sim POST 'inventories/' @{ name = 'packer-handmade'; organization = 1; description = 'made by a person' }
        try {
            Remove-AapBuildResources -OlderThan 1 | Out-Null
            $impostor = [AapPacker.Models.AapInventory]@{ Id = $foreign.id; Name = $foreign.name; BuildId = 'handmade' }
            $impostor | Remove-AapBuildResources -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $refused[0].FullyQualifiedErrorId | Should -BeLike 'NotAapPackerObject,*'
            @((Get-SimState $Sim).inventories | Where-Object { $_.id -eq $foreign.id }).Count | Should -Be 1
        }
        finally {
            $null = Invoke-SimApi $Sim DELETE "inventories/$($foreign.id)/"
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ((Get-SimState $Sim).userObjects -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        }
    }

    It 'refuses to run without -BuildId, -OlderThan or objects (SweepNeedsFilter)' {
        { Remove-AapBuildResources } | Should -Throw -ErrorId 'SweepNeedsFilter*'
    }
}

# The pipeline cmdlets of the lifecycle (issue 3): New-AapTempInventory, Add-AapHost, New-AapTempCredential,
# Start-AapJobTemplate, Start-AapWorkflowJobTemplate, Get-AapJob and Stop-AapJob against the simulator, on both
# API layouts. After every test the simulator holds none of the objects the test created (userObjects == 0).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    # Wait-AapJob is written in parallel (engineer cmd2): the full one-liner runs once the module has it.
    $script:HasWaitAapJob = [bool](Get-Command Wait-AapJob -Module AapPacker -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    # The pipeline cmdlets record every object in the build's ledger files; this file cleans up through the API, so
    # its ledger files go into a folder of its own, removed at the end.
    $script:SavedStateHome = $env:XDG_STATE_HOME
    $script:StateHome = Join-Path ([IO.Path]::GetTempPath()) "aappacker-pipeline-state-$PID"
    $env:XDG_STATE_HOME = $StateHome
    $script:Simulators = @{
        awx     = Start-TestSimulator -Layout awx -TimeScale 50
        gateway = Start-TestSimulator -Layout gateway -TimeScale 50
    }

    function Get-SimState($Simulator) { Invoke-SimulatorControl -Simulator $Simulator -Path state }

    function Get-LaunchCount($Simulator) { @((Get-SimState $Simulator).launches | Where-Object { $_ }).Count }

    # Calls the AAP API of a simulator directly (as the admin), for assertions and cleanup.
    function Invoke-SimApi($Simulator, [string] $Method, [string] $Path) {
        $prefix = if ($Simulator.Layout -eq 'gateway') { 'api/controller/v2/' } else { 'api/v2/' }
        $parameters = @{
            Method             = $Method
            Uri                = $Simulator.Uri.TrimEnd('/') + '/' + $prefix + $Path.TrimStart('/')
            Headers            = @{ Authorization = 'Bearer sim-admin-token' }
            SkipHttpErrorCheck = $true
            StatusCodeVariable = 'status'
        }
        $body = Invoke-RestMethod @parameters
        [pscustomobject]@{ Status = $status; Body = $body }
    }

    # Deletes through the API whatever a test created: cancels unfinished jobs, then deletes the credentials and the
    # inventories (hosts go with them), waiting out AAP's 409/403 while jobs wind down and the async inventory delete.
    function Remove-TestObject($Simulator) {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($true) {
            $state = Get-SimState $Simulator
            if ($state.userObjects -eq 0) { return }
            if ([DateTime]::UtcNow -gt $deadline) { throw "The simulator still holds $($state.userObjects) user object(s)." }
            foreach ($job in @($state.jobs) + @($state.workflowJobs)) {
                if ($job -and $job.status -in 'new', 'pending', 'waiting', 'running') {
                    $collection = if ($job.type -eq 'workflow_job') { 'workflow_jobs' } else { 'jobs' }
                    $null = Invoke-SimApi $Simulator POST "$collection/$($job.id)/cancel/"
                }
            }
            foreach ($credential in @($state.credentials | Where-Object { $_ -and $_.name -like 'packer-*' })) {
                $null = Invoke-SimApi $Simulator DELETE "credentials/$($credential.id)/"
            }
            foreach ($inventory in @($state.inventories | Where-Object { $_ -and $_.name -like 'packer-*' -and -not $_.pending_deletion })) {
                $null = Invoke-SimApi $Simulator DELETE "inventories/$($inventory.id)/"
            }
            Start-Sleep -Milliseconds 200
        }
    }

    # Everything a user could see from a command, as text: all streams with -Verbose and -Debug, and the errors.
    function Get-EverythingShown([scriptblock] $Command) {
        $Error.Clear()
        $records = @(& {
                $DebugPreference = 'Continue'
                $VerbosePreference = 'Continue'
                $InformationPreference = 'Continue'
                try { & $Command } catch { $_ }
            } *>&1)
        $text = foreach ($item in @($records) + @($Error)) {
            $item | Out-String -Width 500
            $item | Format-List * -Force | Out-String -Width 500
            if ($item -is [System.Management.Automation.ErrorRecord]) {
                $item.ErrorDetails | Format-List * -Force | Out-String -Width 500
                $exception = $item.Exception
                while ($exception) { $exception.ToString(); $exception = $exception.InnerException }
            }
        }
        $joined = $text -join "`n"
        Save-TestCapture -Label 'Lifecycle.Pipeline.Tests' -Text $joined
        [pscustomobject]@{ Count = $records.Count; Text = $joined }
    }

    function New-TestKeyFile([string] $Path) {
        # An unencrypted OpenSSH key as ssh-keygen writes it (the engine checks the header and the cipher name).
        $magic = [Text.Encoding]::ASCII.GetBytes("openssh-key-v1`0")
        $none = [Text.Encoding]::ASCII.GetBytes('none')
        $length = [byte[]](0, 0, 0, 4)
        $payload = [byte[]]($magic + $length + $none + $length + $none + [byte[]](0, 0, 0, 0, 0, 0, 0, 1) + [byte[]](1..64))
        $base64 = [Convert]::ToBase64String($payload)
        Set-Content -Path $Path -Value "-----BEGIN OPENSSH PRIVATE KEY-----`n$base64`n-----END OPENSSH PRIVATE KEY-----" -NoNewline
        $base64
    }
}

AfterAll {
    foreach ($simulator in $script:Simulators.Values) { & $simulator.Stop }
    $env:XDG_STATE_HOME = $SavedStateHome
    Remove-Item $StateHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Lifecycle pipeline cmdlets on the <_> layout' -ForEach 'awx', 'gateway' {
    BeforeAll {
        $script:Sim = $Simulators[$_]
    }

    BeforeEach {
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
        $script:Password = Get-TestSecret TargetPassword -AsSecureString
    }

    AfterEach {
        Remove-TestObject $Sim
        (Get-SimState $Sim).userObjects | Should -Be 0
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    }

    Context 'New-AapTempInventory' {
        It 'refuses a build id too long for AAP''s 512-character names before creating anything (issue 15 item 12)' {
            $posts = @((Invoke-SimulatorControl -Simulator $Sim -Path requests) | Where-Object { $_.method -eq 'POST' }).Count
            foreach ($create in { New-AapTempInventory -Organization Default -BuildId ('x' * 600) -ErrorAction Stop },
                { New-AapTempCredential -Organization Default -UserName ec2-user -Password (ConvertTo-TestSecret 'pw-long-id') -BuildId ('x' * 600) -ErrorAction Stop }) {
                $thrown = $create | Should -Throw -PassThru
                $thrown.FullyQualifiedErrorId | Should -BeLike 'BuildIdTooLong,*'
                $thrown.Exception.Message | Should -Match '-BuildId is 600 characters long; AapPacker takes at most 200'
                $thrown.Exception.Message | Should -Match '512 characters'
                $thrown.ErrorDetails.RecommendedAction | Should -Match '-BuildId'
            }
            @((Invoke-SimulatorControl -Simulator $Sim -Path requests) | Where-Object { $_.method -eq 'POST' }).Count | Should -Be $posts -Because 'nothing is sent to AAP'
        }

        It 'creates a marked inventory with the build id and variables' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-inv' -Variables @{ image_family = 'rhel9' }
            $inventory | Should -BeOfType AapPacker.Models.AapInventory
            $inventory.Name | Should -Match '^packer-pipe-inv-[a-z0-9]{8}$'
            $inventory.BuildId | Should -Be 'pipe-inv'
            $inventory.OrganizationId | Should -Be 1
            $inventory.Description | Should -Match 'Created by AapPacker for build pipe-inv at \d{4}-'
            $inventory.Url | Should -Match '^http'
            $stored = (Get-SimState $Sim).inventories | Where-Object id -EQ $inventory.Id
            $stored.name | Should -Be $inventory.Name
            ($stored.variables | ConvertFrom-Json).image_family | Should -Be 'rhel9'
        }

        It 'accepts the organization by id' {
            (New-AapTempInventory -Organization 2 -BuildId 'pipe-org-id').OrganizationId | Should -Be 2
        }

        It 'gives two inventories of one build different names' {
            $first = New-AapTempInventory -Organization Default -BuildId 'pipe-twice'
            $second = New-AapTempInventory -Organization Default -BuildId 'pipe-twice'
            $first.Name | Should -Not -Be $second.Name
            $second.BuildId | Should -Be $first.BuildId
        }

        It 'shares the session build id with New-AapTempCredential when no -BuildId is given' {
            $inventory = New-AapTempInventory -Organization Default
            $credential = New-AapTempCredential -Organization Default -UserName packer -Password $Password
            $inventory.BuildId | Should -Not -BeNullOrEmpty
            $credential.BuildId | Should -Be $inventory.BuildId
        }

        It 'refuses an unknown organization with an ErrorId and a fix, creating nothing' {
            $thrown = { New-AapTempInventory -Organization 'No Such Org' } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'OrganizationNotFound,*'
            $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $thrown.ErrorDetails.Message | Should -Match "No Such Org"
            $thrown.ErrorDetails.RecommendedAction | Should -Match '-Organization'
            (Get-SimState $Sim).userObjects | Should -Be 0
        }

        It 'refuses a secret among the inventory variables' {
            $thrown = { New-AapTempInventory -Organization Default -Variables @{ ansible_password = 'x' } } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'SecretInVariables,*'
            (Get-SimState $Sim).userObjects | Should -Be 0
        }

        It 'creates nothing with -WhatIf' {
            New-AapTempInventory -Organization Default -WhatIf | Should -BeNullOrEmpty
            (Get-SimState $Sim).userObjects | Should -Be 0
        }
    }

    Context 'Add-AapHost' {
        It 'adds a host from the pipeline with the ssh host variables' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-host'
            $host1 = $inventory | Add-AapHost -Address 10.0.0.5 -User ec2-user
            $host1 | Should -BeOfType AapPacker.Models.AapHost
            $host1.InventoryId | Should -Be $inventory.Id
            $host1.BuildId | Should -Be 'pipe-host'
            $host1.Port | Should -Be 22
            $stored = (Get-SimState $Sim).hosts | Where-Object id -EQ $host1.Id
            $variables = $stored.variables | ConvertFrom-Json
            $variables.ansible_host | Should -Be '10.0.0.5'
            $variables.ansible_port | Should -Be 22
            $variables.ansible_user | Should -Be 'ec2-user'
            $variables.ansible_connection | Should -Be 'ssh'
        }

        It 'puts the host into every -Group, creating the groups once, and cleanup leaves no group behind' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-groups'
            $host1 = $inventory | Add-AapHost -Address 10.0.0.7 -Name web-build -Group web, linux
            $groups = (Invoke-SimApi $Sim GET "inventories/$($inventory.Id)/groups/?order_by=name").Body
            $groups.count | Should -Be 2
            $groups.results.name | Should -Be @('linux', 'web')
            foreach ($group in $groups.results) {
                $members = (Invoke-SimApi $Sim GET "groups/$($group.id)/hosts/").Body
                @($members.results.id) | Should -Be @($host1.Id) -Because "the host is in group $($group.name)"
            }
            # A second host joins the existing groups instead of creating them again.
            $host2 = $inventory | Add-AapHost -Address 10.0.0.8 -Name db-build -Group linux
            (Invoke-SimApi $Sim GET "inventories/$($inventory.Id)/groups/").Body.count | Should -Be 2
            $linux = $groups.results | Where-Object name -EQ 'linux'
            @((Invoke-SimApi $Sim GET "groups/$($linux.id)/hosts/?order_by=id").Body.results.id) | Should -Be @($host1.Id, $host2.Id)
            @((Get-SimState $Sim).groups | Where-Object { $_ -and $_.inventory -eq $inventory.Id }).Count | Should -Be 2
            Remove-TestObject $Sim
            @((Get-SimState $Sim).groups | Where-Object { $_ }).Count | Should -Be 0 -Because 'groups go with the inventory'
        }

        It 'adds a WinRM host with safe defaults, by inventory id' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-winrm'
            $host1 = Add-AapHost -Inventory $inventory.Id -Address 10.0.0.6 -Name win-build -ConnectionType winrm
            $host1.Name | Should -Be 'win-build'
            $host1.Port | Should -Be 5986
            $host1.BuildId | Should -Be 'pipe-winrm' -Because 'the build id is read from the inventory marker'
            $host1.Variables['ansible_winrm_transport'] | Should -Be 'ntlm'
            $host1.Variables['ansible_winrm_scheme'] | Should -Be 'https'
            $host1.Variables['ansible_winrm_server_cert_validation'] | Should -Be 'validate'
        }

        It 'refuses Packer''s <unknown> address and secrets in host variables, adding no host' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-badhost'
            $thrown = { $inventory | Add-AapHost -Address '<unknown>' } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidTargetAddress,*'
            $thrown.ErrorDetails.RecommendedAction | Should -Match '-Address'
            $thrown = { $inventory | Add-AapHost -Address 10.0.0.5 -Variables @{ ansible_ssh_pass = 'x' } } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'SecretInVariables,*'
            @((Get-SimState $Sim).hosts | Where-Object { $_ -and $_.inventory -eq $inventory.Id }).Count | Should -Be 0
        }

        It 'adds one host per piped inventory, and takes an inventory by name' {
            $first = New-AapTempInventory -Organization Default -BuildId 'pipe-many'
            $second = New-AapTempInventory -Organization Default -BuildId 'pipe-many'
            $hosts = $first, $second | Add-AapHost -Address 10.0.0.9
            @($hosts).Count | Should -Be 2
            $hosts.InventoryId | Should -Be @($first.Id, $second.Id)
            (Add-AapHost -Inventory $first.Name -Address 10.0.0.10).InventoryId | Should -Be $first.Id
        }

        It 'takes an inventory from Invoke-RestMethod by its id, but refuses a job where an inventory belongs' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-restobj'
            $fromApi = (Invoke-SimApi $Sim GET "inventories/$($inventory.Id)/").Body
            ($fromApi | Add-AapHost -Address 10.0.0.11).BuildId | Should -Be 'pipe-restobj'
            $job = [AapPacker.Models.AapJob]@{ Id = $inventory.Id }
            $thrown = { $job | Add-AapHost -Address 10.0.0.12 } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidInventory,*'
        }

        It 'warns about a loopback address' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-loop'
            $null = $inventory | Add-AapHost -Address 127.0.0.1 -WarningVariable warnings -WarningAction SilentlyContinue
            "$warnings" | Should -Match 'loopback'
        }

        It 'adds no host with -WhatIf' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-host-whatif'
            $inventory | Add-AapHost -Address 10.0.0.5 -WhatIf | Should -BeNullOrEmpty
            @((Get-SimState $Sim).hosts | Where-Object { $_ -and $_.inventory -eq $inventory.Id }).Count | Should -Be 0
        }
    }

    Context 'New-AapTempCredential' {
        It 'creates a Machine credential of the type found by kind, without any secret in the object' {
            $credential = New-AapTempCredential -Organization Default -UserName packer -Password $Password -BecomeMethod sudo -BuildId 'pipe-cred'
            $credential | Should -BeOfType AapPacker.Models.AapMachineCredential
            $credential.Name | Should -Match '^packer-pipe-cred-[a-z0-9]{8}-machine$'
            $credential.Authentication | Should -Be 'password'
            $credential.Kind | Should -Be 'ssh'
            $credential.CredentialTypeId | Should -Not -Be 1
            $stored = (Get-SimState $Sim).credentials | Where-Object id -EQ $credential.Id
            $stored.inputs.password | Should -Be '$encrypted$'
            $stored.inputs.become_method | Should -Be 'sudo'
            $stored.description | Should -Match 'Created by AapPacker for build pipe-cred'
        }

        It 'creates a key credential from a key file' {
            $path = Join-Path $TestDrive 'build_key'
            $null = New-TestKeyFile $path
            $credential = New-AapTempCredential -Organization Default -User ec2-user -SshPrivateKeyPath $path -BuildId 'pipe-key'
            $credential.Authentication | Should -Be 'ssh-key'
        }

        It 'refuses a file that is not a private key, creating nothing' {
            $path = Join-Path $TestDrive 'not_a_key'
            Set-Content -Path $path -Value 'hello'
            $thrown = { New-AapTempCredential -Organization Default -UserName packer -SshPrivateKeyPath $path } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidSshKey,*'
            $thrown.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            (Get-SimState $Sim).userObjects | Should -Be 0
        }

        It 'refuses a credential with neither key nor password' {
            $thrown = { New-AapTempCredential -Organization Default -UserName packer } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'CredentialSecretMissing,*'
        }

        It 'creates nothing with -WhatIf' {
            New-AapTempCredential -Organization Default -UserName packer -Password $Password -WhatIf | Should -BeNullOrEmpty
            (Get-SimState $Sim).userObjects | Should -Be 0
        }

        It 'never shows the password or the key in any stream with -Verbose -Debug' {
            $path = Join-Path $TestDrive 'secret_key'
            $keyBody = New-TestKeyFile $path
            $shown = Get-EverythingShown {
                New-AapTempCredential -Organization Default -UserName packer -Password $Password -BecomePassword $Password -Verbose -Debug -WarningAction Continue
                New-AapTempCredential -Organization Default -UserName packer -SshPrivateKeyPath $path -Verbose -Debug -WarningAction Continue
                New-AapTempCredential -Organization Default -UserName packer -SshPrivateKey (ConvertTo-TestSecret (Get-Content -Raw $path)) -Verbose -Debug -WarningAction Continue
                New-AapTempCredential -Organization Default -UserName packer -SshPrivateKeyPath $path -SshKeyPassphrase $Password -Verbose -Debug -WarningAction Continue
            }
            $shown.Count | Should -BeGreaterThan 3 -Because 'verbose output and objects were produced'
            $shown.Text | Should -Match 'PassphraseForUnencryptedSshKey' -Because 'the third call fails'
            $shown.Text | Should -Not -Match (Get-TestSecret TargetPassword)
            $shown.Text | Should -Not -Match ([regex]::Escape($keyBody.Substring(0, 24)))
        }
    }

    Context 'Start-AapJobTemplate' {
        It 'runs the design card pipeline up to the launch: inventory, host, credential, job' {
            $credential = New-AapTempCredential -Organization Default -UserName ec2-user -Password $Password -BuildId 'pipe-launch'
            $job = New-AapTempInventory -Organization Default -BuildId 'pipe-launch' |
                Add-AapHost -Address 10.0.0.5 -UserName ec2-user |
                Start-AapJobTemplate -JobTemplate 'Baseline' -AapCredential $credential
            $job | Should -BeOfType AapPacker.Models.AapJob
            $job.Type | Should -Be 'job'
            $job.BuildId | Should -Be 'pipe-launch'
            $job.CredentialIds | Should -Contain $credential.Id
            $job.Url | Should -Match "/$($job.Id)"
            $launch = @((Get-SimState $Sim).launches)[-1]
            $launch.payload.inventory | Should -Be $job.InventoryId
            $launch.payload.credentials | Should -Contain $credential.Id
        }

        It 'sends extra variables given as JSON text and the launch fields' {
            $job = New-AapTempInventory -Organization Default -BuildId 'pipe-json' |
                Start-AapJobTemplate -JobTemplate Baseline -ExtraVars '{"image_version": "1.2.3"}'
            $launch = @((Get-SimState $Sim).launches)[-1]
            $launch.jobId | Should -Be $job.Id
            $launch.payload.extra_vars.image_version | Should -Be '1.2.3'
        }

        It 'sends extra variables given as a hashtable' {
            $job = New-AapTempInventory -Organization Default -BuildId 'pipe-vars' |
                Start-AapJobTemplate -JobTemplate Baseline -ExtraVars @{ image_version = '1.2.3' }
            $launch = @((Get-SimState $Sim).launches)[-1]
            $launch.jobId | Should -Be $job.Id
            $launch.payload.extra_vars.image_version | Should -Be '1.2.3'
        }

        It 'refuses a template that does not prompt for the inventory, naming the setting; nothing launched' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-noprompt'
            $before = Get-LaunchCount $Sim
            $thrown = { $inventory | Start-AapJobTemplate -JobTemplate 'No Prompts' } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -Match ',AapPacker.Commands.StartAapJobTemplateCommand$'
            $thrown.ErrorDetails.RecommendedAction | Should -Match 'ask_inventory_on_launch'
            Get-LaunchCount $Sim | Should -Be $before
        }

        It 'refuses a launch that misses a required survey variable; nothing launched' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-survey'
            $before = Get-LaunchCount $Sim
            $thrown = { $inventory | Start-AapJobTemplate -JobTemplate 'Survey Template' } | Should -Throw -PassThru
            "$($thrown.ErrorDetails.Message) $($thrown.ErrorDetails.RecommendedAction)" | Should -Match 'target_os'
            Get-LaunchCount $Sim | Should -Be $before
        }

        It 'answers a survey and follows a sliced template''s workflow job' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-sliced'
            $null = $inventory | Add-AapHost -Address 10.0.0.5
            $null = $inventory | Add-AapHost -Address 10.0.0.6
            ($inventory | Start-AapJobTemplate -JobTemplate 'Survey Template' -ExtraVars @{ target_os = 'linux' }).Type | Should -Be 'job'
            ($inventory | Start-AapJobTemplate -JobTemplate 'Sliced').Type | Should -Be 'workflow_job'
        }

        It 'refuses an unknown template with JobTemplateNotFound and a fix' {
            $thrown = { Start-AapJobTemplate -JobTemplate 'No Such Template' } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'JobTemplateNotFound,*'
            $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $thrown.ErrorDetails.RecommendedAction | Should -Match '-JobTemplate'
        }

        It 'launches nothing with -WhatIf' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-start-whatif'
            $before = Get-LaunchCount $Sim
            $inventory | Start-AapJobTemplate -JobTemplate Baseline -WhatIf | Should -BeNullOrEmpty
            Get-LaunchCount $Sim | Should -Be $before
        }
    }

    Context 'Start-AapWorkflowJobTemplate' {
        It 'launches a workflow against the piped host''s inventory' {
            $job = New-AapTempInventory -Organization Default -BuildId 'pipe-wf' |
                Add-AapHost -Address 10.0.0.7 |
                Start-AapWorkflowJobTemplate -WorkflowJobTemplate 'Image Pipeline' -ExtraVars "image_version: '2.0'"
            $job.Type | Should -Be 'workflow_job'
            $job.BuildId | Should -Be 'pipe-wf'
            $launch = @((Get-SimState $Sim).launches)[-1]
            $launch.kind | Should -Be 'workflow'
            $launch.payload.inventory | Should -Not -BeNullOrEmpty
        }

        It 'refuses credentials instead of dropping them' {
            $before = Get-LaunchCount $Sim
            $thrown = { Start-AapWorkflowJobTemplate -WorkflowJobTemplate 'Image Pipeline' -AapCredential 1 } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'WorkflowCannotTakeCredentials,*'
            $thrown.ErrorDetails.RecommendedAction | Should -Match 'own Machine credential'
            Get-LaunchCount $Sim | Should -Be $before
        }
    }

    Context 'Get-AapJob and Stop-AapJob' {
        It 'gets a job by id and by the Id property of a piped object' {
            $job = New-AapTempInventory -Organization Default -BuildId 'pipe-get' | Start-AapJobTemplate -JobTemplate Baseline
            $read = Get-AapJob -Id $job.Id
            $read | Should -BeOfType AapPacker.Models.AapJob
            $read.Name | Should -Be 'Baseline'
            $read.InventoryId | Should -Be $job.InventoryId
            ($job | Get-AapJob).Id | Should -Be $job.Id
        }

        It 'names the job parameter -Job on Get-AapJob, Wait-AapJob and Stop-AapJob, each with the alias -Id (issue 15 item 12)' {
            foreach ($name in 'Get-AapJob', 'Wait-AapJob', 'Stop-AapJob') {
                $parameters = (Get-Command $name -Module AapPacker).Parameters
                $parameters.Keys | Should -Contain 'Job' -Because "$name takes the job as -Job"
                $parameters['Job'].Aliases | Should -Contain 'Id' -Because "$name keeps -Id working"
            }
        }

        It 'takes the job as -Job or -Id on every job cmdlet, as an object or an id' {
            $job = New-AapTempInventory -Organization Default -BuildId 'pipe-job-name' | Add-AapHost -Address 10.0.0.5 |
                Start-AapJobTemplate -JobTemplate 'Long Quiet'
            (Get-AapJob -Job $job.Id).Id | Should -Be $job.Id
            (Get-AapJob -Job $job).Id | Should -Be $job.Id -Because 'a job object is read again'
            (Get-AapJob -Id $job.Id).Id | Should -Be $job.Id -Because 'existing scripts keep working'
            (Get-AapJob $job.Id).Id | Should -Be $job.Id
            ($job.Id | Get-AapJob).Id | Should -Be $job.Id
            (Stop-AapJob -Id $job.Id).Status | Should -Be 'canceled'
            (Wait-AapJob -Id $job.Id -NoOutput -PassThru).Status | Should -Be 'canceled'
        }

        It 'Get-AapJob -Job refuses an inventory or a bad id instead of reading an unrelated job' {
            $inventory = New-AapTempInventory -Organization Default -BuildId 'pipe-job-refuse'
            Get-AapJob -Job $inventory -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJob,*'
            "$($errors[0])" | Should -Match '-Job got an inventory'
            Get-AapJob -Job 0 -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            "$($errors[0])" | Should -Match 'not a job id'
        }

        It 'reports an unknown job as a non-terminating ObjectNotFound error' {
            Get-AapJob -Id 987654 -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }

        It 'cancels a running job and returns it canceled' {
            $job = New-AapTempInventory -Organization Default -BuildId 'pipe-stop' | Add-AapHost -Address 10.0.0.5 |
                Start-AapJobTemplate -JobTemplate 'Long Quiet'
            $stopped = $job | Stop-AapJob
            $stopped.Status | Should -Be 'canceled'
            ((Get-SimState $Sim).jobs | Where-Object id -EQ $job.Id).status | Should -Be 'canceled'
        }

        It 'cancels nothing with -WhatIf, and warns for a job that has already ended' {
            $job = New-AapTempInventory -Organization Default -BuildId 'pipe-stop-whatif' | Start-AapJobTemplate -JobTemplate 'Long Quiet'
            Stop-AapJob -Job $job.Id -WhatIf | Should -BeNullOrEmpty
            ((Get-SimState $Sim).jobs | Where-Object id -EQ $job.Id).status | Should -Not -Be 'canceled'
            $null = Stop-AapJob -Job $job.Id
            $again = Stop-AapJob -Job $job -WarningVariable warnings -WarningAction SilentlyContinue
            $again.Status | Should -Be 'canceled'
            "$warnings" | Should -Match 'already ended'
        }
    }

    Context 'The design card one-liner' {
        It 'runs inventory | host | job template | Wait-AapJob to a successful result, then Remove-AapBuildResources -BuildId removes it all' -Skip:(-not $HasWaitAapJob) {
            $cred = New-AapTempCredential -Organization Default -UserName ec2-user -Password $Password -BuildId 'pipe-oneliner'
            $result = New-AapTempInventory -Organization Default -BuildId 'pipe-oneliner' | Add-AapHost -Address 10.0.0.5 -UserName ec2-user | Start-AapJobTemplate -JobTemplate 'Baseline' -AapCredential $cred | Wait-AapJob
            $result.Status | Should -Be 'successful'
            @($result.HostRecaps).Count | Should -BeGreaterThan 0
            if (Get-Command Remove-AapBuildResources -Module AapPacker -ErrorAction SilentlyContinue) {
                # The credential and the inventory share the build id, so one call removes both (hosts go with the inventory).
                $null = Remove-AapBuildResources -BuildId 'pipe-oneliner'
                (Get-SimState $Sim).userObjects | Should -Be 0
            }
        }
    }
}

Describe 'Format views of the lifecycle models' {
    BeforeAll {
        # The models' assembly loads with the first cmdlet that runs.
        Get-AapConnection -ErrorAction SilentlyContinue | Out-Null
    }

    It 'lists a job result with its per-host recap and artifacts' {
        $result = [AapPacker.Models.AapJobResult]::new()
        $result.Status = 'successful'
        $result.Artifacts['image_id'] = 'ami-1'
        $result.HostRecaps.Add([AapPacker.Models.AapHostRecap]@{ Host = '10.0.0.5'; Ok = 3; Changed = 1 })
        $text = $result | Format-List | Out-String
        $text | Should -Match '10\.0\.0\.5 : ok=3 changed=1'
        $text | Should -Match 'image_id = ami-1'
    }

    It 'has a default table view for <_>' -ForEach 'AapInventory', 'AapHost', 'AapMachineCredential', 'AapJob', 'AapJobResult', 'AapHostRecap', 'AapCleanupResult' {
        $type = "AapPacker.Models.$_"
        $views = @(Get-FormatData -TypeName $type -PowerShellVersion $PSVersionTable.PSVersion)
        $views.Count | Should -BeGreaterThan 0 -Because "$type needs a view in AapPacker.Format.ps1xml"
        $object = New-Object $type
        ($object | Format-Table | Out-String) | Should -Match 'Id|Host|BuildId'
    }
}

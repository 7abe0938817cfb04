# Issue 15 item 3: a step-by-step run (New-AapTempInventory | Add-AapHost | New-AapTempCredential |
# Start-AapJobTemplate | Wait-AapJob) is protected the way the README says: every object is recorded in the build's
# ledger (one file per object under XDG_STATE_HOME/aappacker, the create announced before it is sent), so
# Remove-AapBuildResources -BuildId finds everything, also a host added to an inventory AapPacker did not create (which
# no name sweep finds), removes exactly that, and deletes the ledger files. Ctrl-C in Wait-AapJob (a child pwsh given
# SIGINT) cancels the job and leaves the objects recorded. Synchronisation is on real events: a line of the child's
# output and the simulator's state.

BeforeDiscovery {
    $script:OnUnix = -not $IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:ModulePath = Get-BuiltModulePath
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "aappacker-steps-tests-$PID"
    $null = New-Item -ItemType Directory -Force -Path $Work
    # The ledger folder of this file alone, for the cmdlets in this process and in the child.
    $script:StateHome = Join-Path $Work 'state'
    $script:LedgerFolder = Join-Path $StateHome 'aappacker'
    $script:SavedStateHome = $env:XDG_STATE_HOME
    $env:XDG_STATE_HOME = $StateHome
    $scenario = Join-Path $Work 'scenario.json'
    @{
        jobTemplates = @(
            @{ name = 'Interruptible'; organization = 'Default'; playbook = 'site.yml'; ask = @('inventory', 'credential', 'variables'); eventCount = 40; runSeconds = 20 }
        )
        inventoryDeletionSeconds = 1
    } | ConvertTo-Json -Depth 5 | Set-Content -Path $scenario -Encoding utf8
    $script:Sim = Start-TestSimulator -Layout gateway -Scenario $scenario -TimeScale 2
    $script:Token = 'sim-admin-token'

    function Get-SimState { Invoke-SimulatorControl -Simulator $Sim -Path state }

    function Invoke-SimApi([string] $Method, [string] $Path, $Body) {
        $parameters = @{
            Method = $Method; Uri = $Sim.Uri.TrimEnd('/') + '/api/controller/v2/' + $Path.TrimStart('/')
            Headers = @{ Authorization = "Bearer $Token" }; SkipHttpErrorCheck = $true; StatusCodeVariable = 'status'
        }
        if ($null -ne $Body) { $parameters.Body = $Body | ConvertTo-Json -Depth 5; $parameters.ContentType = 'application/json' }
        $answer = Invoke-RestMethod @parameters
        [pscustomobject]@{ Status = $status; Body = $answer }
    }

    # An inventory AapPacker did not create, holding a host of its own that must survive every removal.
    function New-SharedInventory([string] $Name) {
        $inventory = (Invoke-SimApi POST 'inventories/' @{ name = $Name; organization = 1; description = 'the image team''s inventory' }).Body
        $keep = (Invoke-SimApi POST "inventories/$($inventory.id)/hosts/" @{ name = 'keep-me'; description = 'a real machine' }).Body
        [pscustomobject]@{ Id = $inventory.id; Name = $inventory.name; KeepHostId = $keep.id }
    }

    function Remove-SharedInventory($Shared) {
        $null = Invoke-SimApi DELETE "inventories/$($Shared.Id)/"
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while (@((Get-SimState).inventories | Where-Object { $_ -and $_.id -eq $Shared.Id }).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) {
            $null = [Threading.Tasks.Task]::Delay(100).Wait()
        }
    }

    # The ledger files of one build, and their entries.
    function Get-LedgerFile([string] $BuildId) { @(Get-ChildItem -Path $LedgerFolder -Filter "$BuildId-*.json" -File -ErrorAction SilentlyContinue) }
    function Get-LedgerEntry([string] $BuildId) { foreach ($file in Get-LedgerFile $BuildId) { Get-Content $file.FullName -Raw | ConvertFrom-Json } }

    function Write-Ledger([string] $BuildId, [object[]] $Entries) {
        $null = New-Item -ItemType Directory -Force -Path $LedgerFolder
        $file = Join-Path $LedgerFolder "$BuildId-synthetic.json"
        ConvertTo-Json -Depth 3 -InputObject @($Entries) | Set-Content -Path $file
        $file
    }
}

AfterAll {
    Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    $env:XDG_STATE_HOME = $SavedStateHome
    if ($Sim) { & $Sim.Stop }
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Step-by-step cmdlets record what they create in the build ledger' {
    BeforeEach {
        Reset-TestSimulator -Simulator $Sim
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret $Token)
        $script:Password = Get-TestSecret TargetPassword -AsSecureString
    }

    It 'records the inventory, host and credential, each in a file of the build, and Remove-AapBuildResources -BuildId clears them all' {
        $credential = New-AapTempCredential -Organization Default -UserName ec2-user -Password $Password -BuildId 'steps-ledger'
        $inventory = New-AapTempInventory -Organization Default -BuildId 'steps-ledger'
        $machine = $inventory | Add-AapHost -Address 10.0.0.5 -UserName ec2-user

        $entries = @(Get-LedgerEntry 'steps-ledger')
        @(Get-LedgerFile 'steps-ledger').Count | Should -Be 3 -Because 'each create writes a file of its own (no two processes share one)'
        @($entries | Where-Object ObjectType -EQ 'inventory').Id | Should -Be $inventory.Id
        @($entries | Where-Object ObjectType -EQ 'credential').Id | Should -Be $credential.Id
        $recordedHost = @($entries | Where-Object ObjectType -EQ 'host')
        $recordedHost.Id | Should -Be $machine.Id
        $recordedHost.ParentId | Should -Be $inventory.Id
        @($entries | Where-Object Pending).Count | Should -Be 0 -Because 'every answered create replaced its announcement'

        $null = Remove-AapBuildResources -BuildId 'steps-ledger'
        (Get-SimState).userObjects | Should -Be 0
        Get-LedgerFile 'steps-ledger' | Should -BeNullOrEmpty -Because 'a ledger file goes once everything in it is removed'
    }

    It 'writes no ledger file for -WhatIf or for a create AAP refuses' {
        New-AapTempInventory -Organization Default -BuildId 'steps-whatif' -WhatIf | Should -BeNullOrEmpty
        $inventory = New-AapTempInventory -Organization Default -BuildId 'steps-refused'
        $null = $inventory | Add-AapHost -Address 10.0.0.5
        # The same name again: AAP answers 400, nothing is made, the announcement is withdrawn.
        { $inventory | Add-AapHost -Address 10.0.0.5 } | Should -Throw
        Get-LedgerFile 'steps-whatif' | Should -BeNullOrEmpty
        @(Get-LedgerFile 'steps-refused').Count | Should -Be 2
        @(Get-LedgerEntry 'steps-refused' | Where-Object Pending).Count | Should -Be 0
        $null = Remove-AapBuildResources -BuildId 'steps-refused'
        Get-LedgerFile 'steps-refused' | Should -BeNullOrEmpty
    }
}

Describe 'Add-AapHost into an inventory AapPacker did not create' {
    BeforeEach {
        Reset-TestSimulator -Simulator $Sim
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret $Token)
        $script:Shared = New-SharedInventory 'image-builds'
    }

    AfterEach {
        Remove-SharedInventory $Shared
        (Get-SimState).userObjects | Should -Be 0
    }

    It 'marks the host as the build''s, and Remove-AapBuildResources -BuildId removes exactly that host, never the inventory' {
        $machine = Add-AapHost -Inventory $Shared.Id -Address 10.0.0.20 -UserName ec2-user -BuildId 'steps-shared'
        $machine.BuildId | Should -Be 'steps-shared'
        $stored = (Invoke-SimApi GET "hosts/$($machine.Id)/").Body
        $stored.description | Should -Be 'Added by AapPacker for build steps-shared'
        @(Get-LedgerFile 'steps-shared').Count | Should -Be 1

        $result = Remove-AapBuildResources -BuildId 'steps-shared' -ErrorVariable refused
        $refused | Should -BeNullOrEmpty
        @($result.Removed | Where-Object ObjectType -EQ 'host').Id | Should -Be $machine.Id
        @($result.Removed | Where-Object ObjectType -NE 'host') | Should -BeNullOrEmpty
        (Invoke-SimApi GET "hosts/$($machine.Id)/").Status | Should -Be 404
        (Invoke-SimApi GET "inventories/$($Shared.Id)/").Status | Should -Be 200 -Because 'the inventory is not AapPacker''s'
        (Invoke-SimApi GET "hosts/$($Shared.KeepHostId)/").Status | Should -Be 200 -Because 'a host AapPacker did not add stays'
        Get-LedgerFile 'steps-shared' | Should -BeNullOrEmpty
    }

    It 'gives the host the session''s build id without -BuildId, and removes it when it is piped back' {
        $machine = Add-AapHost -Inventory $Shared.Name -Address 10.0.0.21
        $machine.BuildId | Should -Not -BeNullOrEmpty
        $result = $machine | Remove-AapBuildResources -Confirm:$false -ErrorVariable refused
        $refused | Should -BeNullOrEmpty
        @($result.Removed).Id | Should -Be $machine.Id
        (Invoke-SimApi GET "hosts/$($Shared.KeepHostId)/").Status | Should -Be 200
        Get-LedgerFile $machine.BuildId | Should -BeNullOrEmpty
    }

    It 'refuses a -BuildId other than the temporary inventory''s, adding no host' {
        $inventory = New-AapTempInventory -Organization Default -BuildId 'steps-own'
        $thrown = { $inventory | Add-AapHost -Address 10.0.0.22 -BuildId 'steps-other' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InventoryOfAnotherBuild,*'
        $thrown.ErrorDetails.RecommendedAction | Should -Match '-BuildId'
        @((Get-SimState).hosts | Where-Object { $_ -and $_.inventory -eq $inventory.Id }).Count | Should -Be 0
        $null = Remove-AapBuildResources -BuildId 'steps-own'
    }

    It 'finds a host whose create was announced but never answered by its name, and forgets one AAP never made' {
        # What a process killed while the POST was on its way leaves: the announcement, no id.
        $made = (Invoke-SimApi POST "inventories/$($Shared.Id)/hosts/" @{ name = 'build-vm'; description = 'Added by AapPacker for build steps-pending' }).Body
        $file = Write-Ledger 'steps-pending' @(
            @{ ObjectType = 'host'; Id = 0; Name = 'build-vm'; BuildId = 'steps-pending'; ParentId = $Shared.Id; Pending = $true; CreatedAt = [DateTimeOffset]::UtcNow; Removed = $false; ApiPath = '' }
            @{ ObjectType = 'host'; Id = 0; Name = 'never-made'; BuildId = 'steps-pending'; ParentId = $Shared.Id; Pending = $true; CreatedAt = [DateTimeOffset]::UtcNow; Removed = $false; ApiPath = '' }
        )
        $result = Remove-AapBuildResources -BuildId 'steps-pending'
        @($result.Removed).Id | Should -Be $made.id
        (Invoke-SimApi GET "hosts/$($Shared.KeepHostId)/").Status | Should -Be 200
        $file | Should -Not -Exist
    }

    It 'drops a ledger entry whose id AAP now gives to another object, leaving that object alone' {
        $file = Write-Ledger 'steps-reused' @(
            @{ ObjectType = 'host'; Id = $Shared.KeepHostId; Name = '10.0.0.5'; BuildId = 'steps-reused'; ParentId = $Shared.Id; CreatedAt = [DateTimeOffset]::UtcNow; Removed = $false; ApiPath = '' }
        )
        $null = Remove-AapBuildResources -BuildId 'steps-reused' -ErrorVariable refused
        $refused | Should -BeNullOrEmpty
        (Invoke-SimApi GET "hosts/$($Shared.KeepHostId)/").Status | Should -Be 200
        $file | Should -Not -Exist
    }
}

Describe 'Ctrl-C in Wait-AapJob during a step-by-step run' -Skip:(-not $OnUnix) {
    BeforeAll {
        Reset-TestSimulator -Simulator $Sim
        $script:Shared = New-SharedInventory 'image-builds'
    }

    AfterAll {
        Remove-SharedInventory $Shared
    }

    It 'cancels the job, leaves every object recorded in the ledger, and Remove-AapBuildResources -BuildId removes them all and the files' {
        $script = Join-Path $Work 'steps.ps1'
        @(
            "Import-Module '$ModulePath'"
            'Connect-Aap -Uri $env:AAP_HOSTNAME -Token (ConvertTo-SecureString $env:AAP_TOKEN -AsPlainText -Force)'
            '$password = ConvertTo-SecureString $env:STEPS_PASSWORD -AsPlainText -Force'
            '$cred = New-AapTempCredential -Organization Default -UserName ec2-user -Password $password -BuildId steps-int'
            "`$null = Add-AapHost -Inventory $($Shared.Id) -Address 10.0.0.30 -Name steps-int-vm -BuildId steps-int"
            'New-AapTempInventory -Organization Default -BuildId steps-int | Add-AapHost -Address 10.0.0.5 -UserName ec2-user |'
            '    Start-AapJobTemplate -JobTemplate Interruptible -AapCredential $cred -Verbose | Wait-AapJob -InformationAction Continue'
        ) | Set-Content -Path $script -Encoding utf8
        $environment = @{ AAP_HOSTNAME = $Sim.Uri; AAP_TOKEN = $Token; XDG_STATE_HOME = $StateHome; NO_COLOR = '1'; STEPS_PASSWORD = (Get-TestSecret TargetPassword) }
        $start = New-PwshStartInfo -Environment $environment -ArgumentList '-NoProfile', '-NonInteractive', '-File', $script
        $child = [System.Diagnostics.Process]::Start($start)
        try {
            $stderr = $child.StandardError.ReadToEndAsync()
            $lines = [Collections.Generic.List[string]]::new()
            # The job is streaming once two lines follow the launch.
            $after = -1
            while ($after -lt 2) {
                $read = $child.StandardOutput.ReadLineAsync()
                if (-not $read.Wait([TimeSpan]::FromSeconds(90))) { throw "No job output within 90 s:`n$($lines -join "`n")" }
                if ($null -eq $read.Result) { throw "The child ended early:`n$($lines -join "`n")`n$($stderr.Result)" }
                $lines.Add($read.Result)
                if ($after -ge 0) { $after++ } elseif ($read.Result -match '^VERBOSE: Launched ') { $after = 0 }
            }
            & /bin/kill -s INT $child.Id
            $child.WaitForExit(60000) | Should -BeTrue -Because 'Ctrl-C ends the run once the job is canceled'
            Save-TestCapture -Label 'StepByStep.Tests' -Text (($lines -join "`n") + $child.StandardOutput.ReadToEnd() + $stderr.Result)
        }
        finally {
            if (-not $child.HasExited) { $child.Kill() }
            $child.Dispose()
        }

        $state = Get-SimState
        @($state.jobs | Where-Object { $_ }).status | Should -Be 'canceled'
        # Inventory, its host, the host in the shared inventory, the credential: all still there, all recorded.
        $state.userObjects | Should -Be 6 -Because 'the shared inventory and its own host are 2 of them'
        $entries = @(Get-LedgerEntry 'steps-int')
        ($entries.ObjectType | Sort-Object) | Should -Be @('credential', 'host', 'host', 'inventory')
        @($entries | Where-Object Pending).Count | Should -Be 0

        $null = Remove-AapBuildResources -BuildId 'steps-int' -ErrorVariable refused
        $refused | Should -BeNullOrEmpty
        (Get-SimState).userObjects | Should -Be 2 -Because 'only the shared inventory and its own host stay'
        (Invoke-SimApi GET "hosts/$($Shared.KeepHostId)/").Status | Should -Be 200
        Get-LedgerFile 'steps-int' | Should -BeNullOrEmpty
    }
}

# Tab completion of AAP object names (issue 15 item 8), through TabExpansion2 as a user's Tab key reaches it, and the
# completer classes directly. The scenario has an 'Install Docker' and an 'Image Pipeline' in each of two organizations.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-BuiltModulePath) -Force -PassThru
    $script:Assembly = $module.ImplementingAssembly
    $scenario = @{
        organizations     = @(@{ name = 'Default' }, @{ name = 'Engineering' })
        inventories       = @(
            @{ name = 'Demo Inventory'; organization = 'Default'; hosts = @('localhost') }
            @{ name = 'Build Hosts'; organization = 'Engineering'; hosts = @('localhost') }
        )
        jobTemplates      = @(
            @{ name = 'Baseline'; organization = 'Default' }
            @{ name = 'Chatty'; organization = 'Default' }
            @{ name = 'Failing Playbook'; organization = 'Default'; outcome = 'failed' }
            @{ name = 'Install Docker'; organization = 'Default' }
            @{ name = 'Install Docker'; organization = 'Engineering' }
            @{ name = '12345'; organization = 'Default' }
        )
        workflowTemplates = @(
            @{ name = 'Image Pipeline'; organization = 'Default'; nodes = @(@{ identifier = 'b'; jobTemplate = 'Baseline' }) }
            @{ name = 'Image Pipeline'; organization = 'Engineering'; nodes = @(@{ identifier = 'b'; jobTemplate = 'Baseline' }) }
        )
    }
    $script:ScenarioPath = Join-Path ([IO.Path]::GetTempPath()) ('aappacker-completion-' + [guid]::NewGuid().ToString('n') + '.json')
    $scenario | ConvertTo-Json -Depth 8 | Set-Content -Path $ScenarioPath -Encoding utf8
    $script:Sim = Start-TestSimulator -Layout gateway -Scenario $ScenarioPath

    # The AAP settings of this process, put back after: the tests set AAP_HOSTNAME/AAP_TOKEN themselves.
    $script:SavedEnvironment = @{}
    foreach ($item in Get-ChildItem Env: | Where-Object Name -Match '^(AAP_|CONTROLLER_|TOWER_|AWXKIT_)') {
        $SavedEnvironment[$item.Name] = $item.Value
        Remove-Item "Env:$($item.Name)"
    }

    function Complete([string] $Completer, [string] $Word, [hashtable] $Bound = @{}) {
        $instance = [Activator]::CreateInstance($script:Assembly.GetType("AapPacker.Infrastructure.$Completer", $true))
        @($instance.CompleteArgument('Start-AapJobTemplate', 'JobTemplate', $Word, $null, $Bound))
    }

    # What the Tab key offers at the end of $Line, and everything any stream carried while it was computed.
    function Get-TabCompletion([string] $Line) {
        $all = @(TabExpansion2 -inputScript $Line -cursorColumn $Line.Length *>&1)
        $completion = @($all | Where-Object { $_ -is [System.Management.Automation.CommandCompletion] })
        $completion.Count | Should -Be 1
        @($all | Where-Object { $_ -isnot [System.Management.Automation.CommandCompletion] }) | Should -BeNullOrEmpty -Because 'completion prints nothing'
        @($completion[0].CompletionMatches)
    }

    function Connect-Simulator { Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') }

    function Set-AapEnvironment([string] $Uri) {
        $env:AAP_HOSTNAME = $Uri
        $env:AAP_TOKEN = 'sim-admin-token'
    }
}

AfterAll {
    Remove-Item Env:AAP_HOSTNAME, Env:AAP_TOKEN -ErrorAction SilentlyContinue
    foreach ($name in $SavedEnvironment.Keys) { Set-Item "Env:$name" $SavedEnvironment[$name] }
    if ($script:Sim) { & $script:Sim.Stop }
    if ($script:ScenarioPath) { Remove-Item $ScenarioPath -ErrorAction SilentlyContinue }
}

Describe 'AAP name completion' {
    AfterEach {
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
        Remove-Item Env:AAP_HOSTNAME, Env:AAP_TOKEN -ErrorAction SilentlyContinue
    }

    It 'offers nothing, without failing, when not connected' {
        Complete 'JobTemplateNameCompleter' 'Ba' | Should -BeNullOrEmpty
    }

    It 'completes job template names from the current connection' {
        Connect-Simulator
        $results = Complete 'JobTemplateNameCompleter' 'Ba'
        $results.CompletionText | Should -Contain 'Baseline'
        $results.CompletionText | Should -Not -Contain 'Chatty'
    }

    It 'quotes names with spaces' {
        Connect-Simulator
        $results = Complete 'JobTemplateNameCompleter' "'fail"
        $results.CompletionText | Should -Contain "'Failing Playbook'"
        ($results | Where-Object CompletionText -eq "'Failing Playbook'").ListItemText | Should -Be 'Failing Playbook (Default)'
    }

    It 'quotes a name PowerShell would read as a number, so it stays a name' {
        Connect-Simulator
        (Complete 'JobTemplateNameCompleter' '123').CompletionText | Should -Be "'12345'"
    }

    It 'completes organizations and workflow templates' {
        Connect-Simulator
        (Complete 'OrganizationNameCompleter' 'Eng').CompletionText | Should -Contain 'Engineering'
        (Complete 'WorkflowJobTemplateNameCompleter' '').CompletionText | Should -Contain "'Image Pipeline'"
    }

    It 'uses the -Connection already on the command line' {
        $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
        Disconnect-Aap -Connection $connection
        $other = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
        Disconnect-Aap
        # Neither is current now; only the one named on the command line could answer, and it is closed.
        Complete 'JobTemplateNameCompleter' 'Ba' @{ Connection = $other } | Should -BeNullOrEmpty
        $live = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
        (Complete 'JobTemplateNameCompleter' 'Ba' @{ Connection = $live }).CompletionText | Should -Contain 'Baseline'
    }
}

Describe 'Invoke-AapPackerProvision completes from AAP' {
    AfterEach {
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
        Remove-Item Env:AAP_HOSTNAME, Env:AAP_TOKEN -ErrorAction SilentlyContinue
    }

    It '-JobTemplate lists both same-named templates with their organizations, quoted and filtered by what was typed' {
        Connect-Simulator
        $offered = Get-TabCompletion 'Invoke-AapPackerProvision -JobTemplate Inst'
        $offered.CompletionText | Should -Be @("'Install Docker'", "'Install Docker'")
        $offered.ListItemText | Sort-Object | Should -Be @('Install Docker (Default)', 'Install Docker (Engineering)')
        foreach ($tip in $offered.ToolTip) { $tip | Should -Match "^Job template 'Install Docker' \(id \d+\) in organization '(Default|Engineering)' \(id \d+\)$" }
        ($offered.ToolTip -match "organization 'Engineering'").Count | Should -Be 1
    }

    It '-JobTemplate, with no Connect-Aap, asks the server in AAP_HOSTNAME with AAP_TOKEN, as the cmdlet connects' {
        Set-AapEnvironment $Sim.Uri
        $offered = Get-TabCompletion "Invoke-AapPackerProvision -JobTemplate 'Fail"
        $offered.CompletionText | Should -Be @("'Failing Playbook'")
    }

    It '-JobTemplate asks the server named by -Uri on the command line, with AAP_TOKEN' {
        $env:AAP_HOSTNAME = "http://127.0.0.1:$(Get-FreeTcpPort)/"
        $env:AAP_TOKEN = 'sim-admin-token'
        $offered = Get-TabCompletion "Invoke-AapPackerProvision -Uri $($Sim.Uri) -JobTemplate Base"
        $offered.CompletionText | Should -Be @('Baseline')
    }

    It '-JobTemplate honours an -Organization already on the command line' {
        Set-AapEnvironment $Sim.Uri
        $offered = Get-TabCompletion 'Invoke-AapPackerProvision -Organization Engineering -JobTemplate Inst'
        $offered.ListItemText | Should -Be @('Install Docker (Engineering)')
    }

    It '-WorkflowJobTemplate lists workflows with their organizations' {
        Connect-Simulator
        $offered = Get-TabCompletion 'Invoke-AapPackerProvision -WorkflowJobTemplate im'
        $offered.ListItemText | Sort-Object | Should -Be @('Image Pipeline (Default)', 'Image Pipeline (Engineering)')
        foreach ($tip in $offered.ToolTip) { $tip | Should -Match "^Workflow job template 'Image Pipeline' \(id \d+\) in organization" }
    }

    It '-Organization lists organizations' {
        Set-AapEnvironment $Sim.Uri
        $offered = Get-TabCompletion 'Invoke-AapPackerProvision -JobTemplate Baseline -Organization e'
        $offered.CompletionText | Should -Be @('Engineering')
        $offered.ToolTip | Should -Match "^Organization 'Engineering' \(id \d+\)$"
    }

    It '-InventoryId lists inventories with their organizations' {
        Connect-Simulator
        $offered = Get-TabCompletion 'Invoke-AapPackerProvision -JobTemplate Baseline -InventoryId b'
        $offered.CompletionText | Should -Be @("'Build Hosts'")
        $offered.ListItemText | Should -Be @('Build Hosts (Engineering)')
    }

    It 'offers nothing (not file names) when there is no connection and no AAP_HOSTNAME' {
        Get-TabCompletion 'Invoke-AapPackerProvision -JobTemplate ' | Should -BeNullOrEmpty
        Get-TabCompletion 'Invoke-AapPackerProvision -InventoryId ' | Should -BeNullOrEmpty
    }

    It 'offers nothing, quickly, when AAP_HOSTNAME names a server that does not answer' {
        Set-AapEnvironment "http://127.0.0.1:$(Get-FreeTcpPort)/"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Get-TabCompletion 'Invoke-AapPackerProvision -JobTemplate ' | Should -BeNullOrEmpty
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 4
    }

    It 'offers nothing within its 3 s budget when the server accepts the connection and never answers' {
        $silent = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            Set-AapEnvironment "http://127.0.0.1:$($silent.LocalEndpoint.Port)/"
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Get-TabCompletion 'Invoke-AapPackerProvision -JobTemplate ' | Should -BeNullOrEmpty
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 4.5
        }
        finally {
            $silent.Stop()
        }
    }
}

Describe 'Template completion elsewhere shows the organization' {
    BeforeEach { Connect-Simulator }
    AfterEach { Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ } }

    It 'Start-AapJobTemplate -JobTemplate lists "Install Docker" once per organization' {
        $offered = Get-TabCompletion 'Start-AapJobTemplate -JobTemplate inst'
        $offered.ListItemText | Sort-Object | Should -Be @('Install Docker (Default)', 'Install Docker (Engineering)')
        ($offered.ToolTip -match "organization 'Default'").Count | Should -Be 1
    }

    It 'Start-AapJobTemplate -Organization narrows -JobTemplate to that organization' {
        $offered = Get-TabCompletion "Start-AapJobTemplate -Organization 'Default' -JobTemplate inst"
        $offered.ListItemText | Should -Be @('Install Docker (Default)')
    }

    It 'Start-AapWorkflowJobTemplate and Get-AapJobTemplate show it too' {
        (Get-TabCompletion 'Start-AapWorkflowJobTemplate -WorkflowJobTemplate Im').ListItemText | Should -Contain 'Image Pipeline (Engineering)'
        (Get-TabCompletion 'Get-AapJobTemplate -Name Inst').ListItemText | Should -Contain 'Install Docker (Engineering)'
    }

    It 'Start-AapJobTemplate, with no Connect-Aap, completes from AAP_HOSTNAME, where the cmdlet connects too' {
        Disconnect-Aap
        Set-AapEnvironment $Sim.Uri
        try {
            (Get-TabCompletion 'Start-AapJobTemplate -JobTemplate Inst').ListItemText | Sort-Object | Should -Be @('Install Docker (Default)', 'Install Docker (Engineering)')
        }
        finally {
            Remove-Item Env:AAP_HOSTNAME, Env:AAP_TOKEN -ErrorAction SilentlyContinue
        }
    }
}

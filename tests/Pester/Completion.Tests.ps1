# Tab completion of AAP object names, as later cmdlets use it ([ArgumentCompleter(typeof(...))]).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-BuiltModulePath) -Force -PassThru
    $script:Assembly = $module.ImplementingAssembly
    $script:Sim = Start-TestSimulator -Layout gateway

    function Complete([string] $Completer, [string] $Word, [hashtable] $Bound = @{}) {
        $instance = [Activator]::CreateInstance($script:Assembly.GetType("AapPacker.Infrastructure.$Completer", $true))
        @($instance.CompleteArgument('Start-AapJobTemplate', 'JobTemplate', $Word, $null, $Bound))
    }
}

AfterAll {
    if ($script:Sim) { & $script:Sim.Stop }
}

Describe 'AAP name completion' {
    AfterEach {
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    }

    It 'offers nothing, without failing, when not connected' {
        Complete 'JobTemplateNameCompleter' 'Ba' | Should -BeNullOrEmpty
    }

    It 'completes job template names from the current connection' {
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
        $results = Complete 'JobTemplateNameCompleter' 'Ba'
        $results.CompletionText | Should -Contain 'Baseline'
        $results.CompletionText | Should -Not -Contain 'Chatty'
    }

    It 'quotes names with spaces' {
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
        $results = Complete 'JobTemplateNameCompleter' "'fail"
        $results.CompletionText | Should -Contain "'Failing Playbook'"
        ($results | Where-Object CompletionText -eq "'Failing Playbook'").ListItemText | Should -Be 'Failing Playbook'
    }

    It 'completes organizations and workflow templates' {
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
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

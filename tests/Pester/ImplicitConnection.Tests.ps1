# The implicit connection (issue 11, item 5): a cmdlet that needs AAP and finds no connection in the session connects
# from the environment, as Connect-Aap without parameters does, says so in a verbose line, and keeps that connection.
# The card's pipeline runs in a fresh pwsh with only AAP_HOSTNAME and AAP_TOKEN set, no Connect-Aap, and leaves nothing.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-BuiltModulePath
    $script:Sim = Start-TestSimulator -Layout gateway -TimeScale 50
    $script:Secret = 'Tgt-' + [guid]::NewGuid().ToString('N')
    function Get-SimState { Invoke-SimulatorControl -Simulator $Sim -Path state }
}

AfterAll {
    if ($script:Sim) { & $Sim.Stop }
}

Describe 'A cmdlet without Connect-Aap' {
    It 'runs the card''s pipeline from AAP_HOSTNAME and AAP_TOKEN alone, connecting once, and leaves nothing behind' {
        $script = @"
Import-Module '$ModulePath'
`$verbose = [Collections.Generic.List[string]]::new()
`$password = ConvertTo-SecureString '$Secret' -AsPlainText -Force
`$credential = New-AapTempCredential -Organization Default -UserName ec2-user -Password `$password -BuildId implicit-1 -Verbose 4>&1 |
    ForEach-Object { if (`$_ -is [Management.Automation.VerboseRecord]) { `$verbose.Add(`$_.Message) } else { `$_ } }
`$result = New-AapTempInventory -Organization Default -BuildId implicit-1 -Verbose 4>&1 |
    ForEach-Object { if (`$_ -is [Management.Automation.VerboseRecord]) { `$verbose.Add(`$_.Message) } else { `$_ } } |
    Add-AapHost -Address 10.0.0.5 -UserName ec2-user |
    Start-AapJobTemplate -JobTemplate Baseline -AapCredential `$credential |
    Wait-AapJob -NoOutput -PassThru
`$cleanup = Remove-AapBuildResources -BuildId implicit-1 -Confirm:`$false
[pscustomobject]@{
    Status = "`$(`$result.Status)"
    Complete = `$cleanup.Complete
    Connection = "`$((Get-AapConnection).Uri)"
    Implicit = @(`$verbose | Where-Object { `$_ -like 'No AAP connection in this session*' })
}
"@
        $run = Invoke-FreshPwsh -Script $script -Environment @{ AAP_HOSTNAME = $Sim.Uri; AAP_TOKEN = 'sim-admin-token'; XDG_STATE_HOME = (Join-Path $TestDrive 'state') }
        $run.Status | Should -Be 'successful'
        $run.Complete | Should -BeTrue
        $run.Connection | Should -Be ([uri]$Sim.Uri).AbsoluteUri
        # Connected once, by the first cmdlet; the others used the session's connection it left.
        @($run.Implicit).Count | Should -Be 1
        $run.Implicit[0] | Should -Match 'from the environment \(.*AAP_HOSTNAME.*AAP_TOKEN.*\), as Connect-Aap without parameters does'
        $run.Implicit[0] | Should -Not -Match ([regex]::Escape('sim-admin-token'))
        (Get-SimState).userObjects | Should -Be 0
    }

    It 'without an AAP server in the environment still fails with AapNotConnected, creating nothing' {
        $script = @"
Import-Module '$ModulePath'
try { New-AapTempInventory -Organization Default -BuildId implicit-2 -ErrorAction Stop; 'no error' }
catch { [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId; Message = `$_.Exception.Message; Fix = `$_.ErrorDetails.RecommendedAction } }
"@
        $run = Invoke-FreshPwsh -Script $script -Environment @{ AAP_HOSTNAME = ''; CONTROLLER_HOST = ''; TOWER_HOST = ''; AAP_HOST = ''; AAP_TOKEN = 'sim-admin-token' }
        $run.Id | Should -BeLike 'AapNotConnected,*'
        $run.Fix | Should -Match 'Connect-Aap'
        $run.Fix | Should -Match 'AAP_HOSTNAME'
        (Get-SimState).userObjects | Should -Be 0
    }
}

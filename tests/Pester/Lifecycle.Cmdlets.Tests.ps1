# Behaviour every lifecycle pipeline cmdlet shares: a clear error without a connection, -Connection, ConfirmImpact
# Medium with -WhatIf/-Confirm where AAP changes, and a prompt stop on Ctrl-C (PowerShell.Stop) while AAP is slow.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Sim = Start-TestSimulator -Layout gateway -TimeScale 50
}

AfterAll {
    if ($script:Sim) { & $script:Sim.Stop }
}

Describe 'Lifecycle cmdlets' {
    AfterEach {
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
        $null = Invoke-SimulatorControl -Simulator $Sim -Method DELETE -Path faults
        (Invoke-SimulatorControl -Simulator $Sim -Path state).userObjects | Should -Be 0
    }

    It '<Name> changes AAP, so it supports -WhatIf and -Confirm with ConfirmImpact Medium' -ForEach @(
        @{ Name = 'New-AapTempInventory' }, @{ Name = 'Add-AapHost' }, @{ Name = 'New-AapTempCredential' },
        @{ Name = 'Start-AapJobTemplate' }, @{ Name = 'Start-AapWorkflowJobTemplate' }, @{ Name = 'Stop-AapJob' }
    ) {
        $command = Get-Command $Name -Module AapPacker
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }

    It '<Name> takes -Connection and answers to the documented aliases' -ForEach @(
        @{ Name = 'New-AapTempInventory'; Aliases = @() }, @{ Name = 'Add-AapHost'; Aliases = @('User') },
        @{ Name = 'New-AapTempCredential'; Aliases = @('User') }, @{ Name = 'Start-AapJobTemplate'; Aliases = @('Credentials') },
        @{ Name = 'Start-AapWorkflowJobTemplate'; Aliases = @('Credentials') }, @{ Name = 'Get-AapJob'; Aliases = @() },
        @{ Name = 'Stop-AapJob'; Aliases = @() }
    ) {
        $command = Get-Command $Name -Module AapPacker
        $command.Parameters.Keys | Should -Contain 'Connection'
        $all = @($command.Parameters.Values | ForEach-Object { $_.Aliases })
        foreach ($alias in $Aliases) { $all | Should -Contain $alias }
    }

    It 'Get-AapJob reads nothing without a connection and says how to connect' {
        $thrown = { Get-AapJob -Id 1 } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AapNotConnected,*'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'Connect-Aap'
    }

    It 'uses the connection given with -Connection rather than the session default' {
        $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
        # The session default becomes a read-only token, which AAP answers 403 on any create.
        $reader = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-read-token') -PassThru
        { New-AapTempInventory -Organization Default -BuildId 'cmdlets-reader' } | Should -Throw -ErrorId 'AapForbidden,*'
        $inventory = New-AapTempInventory -Organization Default -BuildId 'cmdlets-connection' -Connection $connection
        $inventory.Id | Should -BeGreaterThan 0
        $null = Invoke-RestMethod -Method DELETE -Uri ($Sim.Uri.TrimEnd('/') + "/api/controller/v2/inventories/$($inventory.Id)/") -Headers @{ Authorization = 'Bearer sim-admin-token' }
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Invoke-SimulatorControl -Simulator $Sim -Path state).userObjects -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Disconnect-Aap -Connection $connection
        Disconnect-Aap -Connection $reader
    }

    It 'stops promptly on Ctrl-C while AAP is slow, creating nothing' {
        $null = Invoke-SimulatorControl -Simulator $Sim -Method POST -Path faults -Body @{ rules = @(@{ method = 'GET'; path = 'organizations'; kind = 'latency'; latencyMs = 30000 }) }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Module, $Uri) Import-Module $Module; Connect-Aap -Uri $Uri -Token (ConvertTo-SecureString sim-admin-token -AsPlainText -Force)').
                AddArgument((Get-BuiltModulePath)).AddArgument($Sim.Uri).Invoke()
            $ps.Commands.Clear()
            $null = $ps.AddCommand('New-AapTempInventory').AddParameter('Organization', 'Default')
            $invocation = $ps.BeginInvoke()
            # Give the request time to be in flight; the assertion holds whether or not it already is.
            Start-Sleep -Milliseconds 700
            $stopwatch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $stopwatch.Stop()
            $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $invocation.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $ps.Runspace.Dispose()
            $ps.Dispose()
        }
    }
}

# Every recommended action names a parameter of the cmdlet that was called (issue 15 item 5): a walk over every
# exported cmdlet and every error kind of the shared mapping, and the four cases a new user hit, over HTTP.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Commands = @((Get-Module AapPacker).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Sim = Start-TestSimulator -Layout gateway -TimeScale 50
    $script:Wording = (Get-Command Connect-Aap -Module AapPacker).ImplementingType.Assembly.GetType('AapPacker.Infrastructure.RecommendationWording', $true)

    # The -Xxx names in a recommendation that are neither a parameter of $Command nor follow 'Other-Cmdlet ' and exist there.
    function Get-ForeignParameter([string] $Action, [System.Management.Automation.CommandInfo] $Command) {
        foreach ($match in [regex]::Matches($Action, '(?<![\w-])-(?<name>[A-Z][A-Za-z]*)\b')) {
            $name = $match.Groups['name'].Value
            $before = $Action.Substring(0, $match.Index)
            $owner = if ($before -match '(?<cmdlet>\b[A-Z][a-z]+-Aap[A-Za-z]*) $') { Get-Command $Matches.cmdlet -Module AapPacker } else { $Command }
            $known = @($owner.Parameters.Keys) + @($owner.Parameters.Values | ForEach-Object { $_.Aliases })
            if ($known -notcontains $name) { "-$name (on $($owner.Name))" }
        }
    }

    function Invoke-Provision([hashtable] $Parameters) {
        $errors = $null
        $null = Invoke-AapPackerProvision @Parameters -NoOutput -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 6>$null
        $errors | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1
    }

    $script:Target = @{
        JobTemplate    = 'Baseline'
        Organization   = 'Default'
        TargetHost     = '10.0.0.5'
        TargetUser     = 'ec2-user'
        TargetPassword = (ConvertTo-TestSecret 'target-pass-1')
        BuildId        = 'recommend'
    }
}

AfterAll {
    Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    if ($script:Sim) { & $script:Sim.Stop }
}

Describe 'The error kinds of the shared mapping, under every cmdlet' {
    It '<Name> is advised only with its own parameters (or another cmdlet''s, named with it)' -ForEach $Commands {
        $command = Get-Command $Name -Module AapPacker
        $catalog = $Wording.GetMethod('Catalog', [Reflection.BindingFlags]'NonPublic, Static').Invoke($null, @($command.ImplementingType))
        $catalog.Count | Should -BeGreaterThan 10
        foreach ($entry in $catalog) {
            Get-ForeignParameter $entry $command | Should -BeNullOrEmpty -Because $entry
        }
    }
}

Describe 'What a new user hit, over HTTP' {
    BeforeEach {
        $null = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
    }

    AfterEach {
        $null = Invoke-SimulatorControl -Simulator $Sim -Method DELETE -Path faults
        Remove-AapBuildResources -BuildId 'recommend' -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
        Remove-Item Env:AAPPACKER_SSHKEY_B64 -ErrorAction SilentlyContinue
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    }

    It 'a template that prompts for nothing, under Invoke-AapPackerProvision, advises the prompts or -NoCredential' {
        $parameters = $Target.Clone()
        $parameters.JobTemplate = 'No Prompts'
        $record = Invoke-Provision $parameters
        $action = $record.ErrorDetails.RecommendedAction
        $action | Should -Not -Match 'remove -Inventory|remove -AapCredential'
        $action | Should -Match '-NoCredential'
        Get-ForeignParameter $action (Get-Command Invoke-AapPackerProvision) | Should -BeNullOrEmpty
    }

    It "-TargetUser 'a b' advises -TargetUser" {
        $parameters = $Target.Clone()
        $parameters.TargetUser = 'a b'
        $record = Invoke-Provision $parameters
        $record.FullyQualifiedErrorId | Should -BeLike 'InvalidUserName*'
        $record.ErrorDetails.RecommendedAction | Should -Match '-TargetUser'
        $record.ErrorDetails.RecommendedAction | Should -Not -Match '-UserName'
    }

    It 'an invalid AAPPACKER_SSHKEY_B64 cites build.SSHPrivateKey' {
        $env:AAPPACKER_SSHKEY_B64 = 'not*base64'
        $parameters = $Target.Clone()
        $parameters.Remove('TargetPassword')
        $record = Invoke-Provision $parameters
        $record.FullyQualifiedErrorId | Should -BeLike 'InvalidPackerBase64*'
        $record.ErrorDetails.RecommendedAction | Should -Match 'build\.SSHPrivateKey'
        $record.ErrorDetails.RecommendedAction | Should -Not -Match 'build\.Password'
    }

    It 'a 500 from AAP on the credential create does not advise about the key' {
        $null = Invoke-SimulatorControl -Simulator $Sim -Method POST -Path faults -Body @{ rules = @(@{ method = 'POST'; path = '/credentials/$'; kind = 'status'; status = 500 }) }
        $record = Invoke-Provision $Target.Clone()
        $record | Should -Not -BeNullOrEmpty
        $record.ErrorDetails.RecommendedAction | Should -Not -Match 'key'
        $record.ErrorDetails.RecommendedAction | Should -Match 'server'
    }
}

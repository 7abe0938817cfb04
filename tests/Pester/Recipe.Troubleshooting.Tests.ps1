# The recipe's script (tests/Pester/TestHelpers.psm1 New-ProvisionScript: `$global:LASTEXITCODE = 4`, the import, the
# assigned call, `exit $LASTEXITCODE`) run the way Packer's shell-local runs it, in a fresh `pwsh -NonInteractive
# -Command "& 'script.ps1'; exit $LASTEXITCODE"`, for what the troubleshooting advice covers (issue 15 item 11):
# - any failure before the lifecycle (a parameter PowerShell cannot bind, a prompt under -NonInteractive, missing
#   connection settings) still ends the process with a non-zero code, and nothing is created in AAP;
# - `$DebugPreference = 'Continue'` is the way to debug a build (-Debug asks before each verbose line, which
#   -NonInteractive refuses);
# - `-InformationAction SilentlyContinue` silences the lifecycle lines as PowerShell's preference says (still
#   captured by -InformationVariable), Ignore drops them from the stream.

BeforeDiscovery {
    # PowerShell refuses these before the cmdlet runs: only the recipe's first line makes the build fail.
    $script:BindingFailures = @(
        @{ Case = 'a value the parameter cannot take (-Timeout abc)'; Arguments = '-JobTemplate Baseline -Organization Default -Timeout abc'; Says = 'Timeout' }
        @{ Case = 'a value its validation refuses (-PollInterval 0)'; Arguments = '-JobTemplate Baseline -Organization Default -PollInterval 0'; Says = 'PollInterval' }
        @{ Case = 'a missing mandatory parameter (no prompt under -NonInteractive)'; Arguments = '-Organization Default'; Says = 'JobTemplate' }
        @{ Case = 'two parameter sets at once'; Arguments = "-JobTemplate Baseline -WorkflowJobTemplate 'Image Pipeline'"; Says = 'Parameter set cannot be resolved' }
    )
    # The cmdlet runs but fails before the lifecycle: it sets the code itself, even when an earlier command of the
    # script left $LASTEXITCODE at 0.
    $script:EarlyFailures = @(
        @{ Case = '-Debug (PowerShell''s prompt under -NonInteractive)'; Arguments = '-JobTemplate Baseline -Organization Default -Debug'; Remove = @(); Says = 'NonInteractive mode' }
        @{ Case = '-Confirm (PowerShell''s prompt under -NonInteractive)'; Arguments = '-JobTemplate Baseline -Organization Default -Confirm'; Remove = @(); Says = 'NonInteractive mode' }
        @{ Case = 'no AAP server in the environment'; Arguments = '-JobTemplate Baseline -Organization Default'; Remove = @('AAP_HOSTNAME'); Says = 'AAP_HOSTNAME' }
        @{ Case = 'no AAP token in the environment'; Arguments = '-JobTemplate Baseline -Organization Default'; Remove = @('AAP_TOKEN'); Says = 'AAP_TOKEN' }
        # Issue 15 item 12: a build id whose object names would pass AAP's 512-character limit (refused, not shortened).
        @{ Case = 'a -BuildId too long for AAP''s names'; Arguments = "-JobTemplate Baseline -Organization Default -BuildId ('x' * 600)"; Remove = @(); Says = 'error id BuildIdTooLong' }
        @{ Case = 'an AAPPACKER_RUN_ID too long for AAP''s names'; Arguments = '-JobTemplate Baseline -Organization Default'; Remove = @(); Says = 'AAPPACKER_RUN_ID'; Environment = @{ AAPPACKER_RUN_ID = 'r' * 600 } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-BuiltModulePath
    $script:Sim = Start-TestSimulator -Layout gateway -TimeScale 50
    $script:TargetPassword = Get-TestSecret TargetPassword
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "aappacker-recipe-troubleshooting-$PID"
    $null = New-Item -ItemType Directory -Force -Path $Work

    function Get-SimState { Invoke-SimulatorControl -Simulator $Sim -Path state }

    # The recipe's script around one call, in `pwsh -NoProfile -NonInteractive -Command "& 'script'; exit $LASTEXITCODE"`
    # with a Packer-like environment (the agent's AAP_HOSTNAME/AAP_TOKEN less -Remove); returns the process exit code
    # and everything it printed.
    function Invoke-RecipeScript {
        param([Parameter(Mandatory)] [string] $Arguments, [string[]] $Before = @(), [string[]] $After = @(), [string[]] $Remove = @(), [hashtable] $Environment = @{})
        $script = New-ProvisionScript -Directory $Work -ModulePath $ModulePath -Arguments $Arguments -Before $Before -After $After
        $start = New-PwshStartInfo -ArgumentList '-NoProfile', '-NonInteractive', '-Command', "& '$script'; exit `$LASTEXITCODE"
        Set-TestAapEnvironment -StartInfo $start -ServerUri $Sim.Uri -StateFolder $Work
        $start.Environment['AAP_TOKEN'] = Get-TestSecret AdminToken
        $start.Environment['AAPPACKER_HOST'] = '10.0.0.5'
        $start.Environment['AAPPACKER_USER'] = 'ec2-user'
        $start.Environment['AAPPACKER_RUN_ID'] = [guid]::NewGuid().ToString()
        $start.Environment['AAPPACKER_BUILD'] = 'troubleshooting'
        $start.Environment['AAPPACKER_PASSWORD_B64'] = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($TargetPassword))
        foreach ($entry in $Environment.GetEnumerator()) { $start.Environment[$entry.Key] = [string]$entry.Value }
        foreach ($name in $Remove) { $null = $start.Environment.Remove($name) }
        $child = [System.Diagnostics.Process]::Start($start)
        try {
            $stderr = $child.StandardError.ReadToEndAsync()
            $stdout = $child.StandardOutput.ReadToEnd()
            if (-not $child.WaitForExit(120000)) { $child.Kill($true); throw 'The child pwsh hung.' }
            $child.WaitForExit()
            $run = [pscustomobject]@{ ExitCode = $child.ExitCode; Output = $stdout + $stderr.Result }
        }
        finally { $child.Dispose(); Remove-Item $script -ErrorAction SilentlyContinue }
        Save-TestCapture -Label 'Recipe.Troubleshooting.Tests' -Text $run.Output
        # A run that handed its cleanup to the guardian is finished only when the guardian is.
        $null = Wait-CleanupGuardian -Output $run.Output -StateFolder $Work
        $run
    }
}

AfterAll {
    if ($script:Sim) { & $script:Sim.Stop }
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The recipe''s script when the run fails before the lifecycle' {
    BeforeEach { $script:LaunchesBefore = @((Get-SimState).launches | Where-Object { $_ }).Count }

    AfterEach {
        (Get-SimState).userObjects | Should -Be 0 -Because 'nothing may be created when the run fails before the lifecycle'
        @((Get-SimState).launches | Where-Object { $_ }).Count | Should -Be $LaunchesBefore
    }

    It 'exits 4 for <Case>: the recipe''s first line, since PowerShell never runs the cmdlet' -ForEach $BindingFailures {
        $run = Invoke-RecipeScript -Arguments $Arguments
        $run.ExitCode | Should -Be 4 -Because $run.Output
        $run.Output | Should -Match ([regex]::Escape($Says))
    }

    It 'exits 4 for <Case>, also when the script''s $LASTEXITCODE was 0 before the call' -ForEach $EarlyFailures {
        # As after a native command that succeeded earlier in the script: the cmdlet itself must set the code.
        $environment = if ($_.ContainsKey('Environment')) { $_.Environment } else { @{} }
        $run = Invoke-RecipeScript -Arguments $Arguments -Before '$global:LASTEXITCODE = 0' -Remove $Remove -Environment $environment
        $run.ExitCode | Should -Be 4 -Because $run.Output
        $run.Output | Should -Match ([regex]::Escape($Says))
    }
}

Describe 'Debugging and quieting a build the way the troubleshooting advice says' {
    AfterEach { (Get-SimState).userObjects | Should -Be 0 }

    It '$DebugPreference = ''Continue'' prints the requests under -NonInteractive, and the run succeeds without a secret in the log' {
        $run = Invoke-RecipeScript -Arguments '-JobTemplate Baseline -Organization Default' -Before '$DebugPreference = ''Continue'''
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match '(?m)^DEBUG: (GET|POST) /api/'
        $run.Output | Should -Match 'Exit code 0 \(Success\)'
        $run.Output | Should -Not -Match ([regex]::Escape($TargetPassword))
        $run.Output | Should -Not -Match ([regex]::Escape((Get-TestSecret AdminToken)))
    }

    It '-InformationAction SilentlyContinue silences the lifecycle and the job output; -InformationVariable still gets them' {
        $run = Invoke-RecipeScript -Arguments '-JobTemplate Baseline -Organization Default -InformationAction SilentlyContinue -InformationVariable lines' `
            -After '"captured: lifecycle $(@($lines | Where-Object Tags -Contains Lifecycle).Count), output $(@($lines | Where-Object Tags -Contains JobOutput).Count)"'
        $run.ExitCode | Should -Be 0 -Because $run.Output
        foreach ($line in 'Connected to', 'Created inventory', 'Launched job', 'PLAY RECAP', 'Cleanup:', 'Exit code 0') {
            $run.Output | Should -Not -Match ([regex]::Escape($line)) -Because "SilentlyContinue does not display ($($run.Output))"
        }
        $run.Output | Should -Match 'captured: lifecycle [1-9]\d*, output [1-9]\d*'
    }

    It '-InformationAction Ignore drops them from the stream' {
        # As Write-Information -InformationAction Ignore: not displayed, nothing left to redirect (6>&1).
        $run = Invoke-RecipeScript -Arguments '-JobTemplate Baseline -Organization Default -InformationAction Ignore 6>&1' `
            -After '"redirected: $(@($result | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }).Count)"'
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Not -Match 'Created inventory|Launched job|PLAY RECAP'
        $run.Output | Should -Match 'redirected: 0'
    }

    It 'without -InformationAction the lifecycle displays like Write-Host (a Packer log shows it)' {
        $run = Invoke-RecipeScript -Arguments '-JobTemplate Baseline -Organization Default'
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'Created inventory \d+'
        $run.Output | Should -Match 'PLAY RECAP'
        $run.Output | Should -Match 'Exit code 0 \(Success\)'
    }
}

Describe 'The troubleshooting advice' {
    It '<File> says to debug with $DebugPreference = ''Continue'' and warns against -Debug under -NonInteractive' -ForEach @(
        @{ File = 'README.md' }
        @{ File = 'docs/en-US/about_AapPacker.help.md' }
        @{ File = 'docs/en-US/Invoke-AapPackerProvision.md' }
        @{ File = 'docs/examples/README.md' }
    ) {
        $text = Get-Content -Raw -Path (Join-Path $PSScriptRoot "../../$File")
        $text | Should -Match ([regex]::Escape('$DebugPreference = ''Continue'''))
        $text | Should -Match 'Not `-Debug`|not `-Debug`|do not pass\s+`-Debug`|not pass `-Debug`'
        $text | Should -Match 'NonInteractive'
    }
}

# The time parameters (-Timeout, -PollInterval, -OlderThan) take a TimeSpan, a number of seconds, or a Go duration
# as the original Packer plugin's configs write it (timeout = "15m"), so a plugin configuration carries over.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    # The transformation the parameter declares, applied as PowerShell applies it while binding.
    function ConvertTo-ParameterTimeSpan([string] $Command, [string] $Parameter, $Value) {
        $transformation = (Get-Command $Command).Parameters[$Parameter].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ArgumentTransformationAttribute] }
        $transformation.Transform($ExecutionContext, $Value)
    }
}

Describe 'Time parameters' {
    It 'read <Value> as <Expected>' -ForEach @(
        @{ Value = '15m'; Expected = '00:15:00' }
        @{ Value = '10s'; Expected = '00:00:10' }
        @{ Value = '1h30m'; Expected = '01:30:00' }
        @{ Value = '1.5h'; Expected = '01:30:00' }
        @{ Value = '2m30s500ms'; Expected = '00:02:30.5000000' }
        @{ Value = 600; Expected = '00:10:00' }
        @{ Value = '600'; Expected = '00:10:00' }
    ) {
        foreach ($target in @('Invoke-AapPackerProvision', 'Timeout'), @('Invoke-AapPackerProvision', 'PollInterval'),
            @('Wait-AapJob', 'Timeout'), @('Remove-AapBuildResources', 'OlderThan')) {
            ConvertTo-ParameterTimeSpan $target[0] $target[1] $Value | Should -Be ([TimeSpan]::Parse($Expected)) -Because "$($target -join ' -')"
        }
    }

    It 'leave a TimeSpan text to PowerShell''s own conversion' {
        ConvertTo-ParameterTimeSpan 'Wait-AapJob' 'Timeout' '00:15:00' | Should -BeExactly '00:15:00'
    }

    It 'bind a Go duration on the command line' {
        { Invoke-AapPackerProvision -JobTemplate Baseline -Timeout 15m -PollInterval 10s -TargetHost 10.0.0.5 -WhatIf } | Should -Not -Throw
    }

    It 'refuse a unit Go durations do not have, naming the parameter' {
        { Invoke-AapPackerProvision -JobTemplate Baseline -Timeout 15x -WhatIf } |
            Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException]) -ExpectedMessage "*'Timeout'*"
    }

    # Issue 15 item 1: PowerShell parses an unquoted 30s as the Int16 30; it must never become 30 ticks.
    It 'read the unquoted literal <Literal> as <Expected>' -ForEach @(
        @{ Literal = '30s'; Expected = '00:00:30' }
        @{ Literal = '90'; Expected = '00:01:30' }
        @{ Literal = '1e2'; Expected = '00:01:40' }
    ) {
        ConvertTo-ParameterTimeSpan 'Wait-AapJob' 'Timeout' ([int16]30) | Should -Be ([TimeSpan]::FromSeconds(30)) -Because 'an Int16 is seconds'
        { Invoke-AapPackerProvision -JobTemplate Baseline -Timeout 30s -PollInterval 10s -TargetHost 10.0.0.5 -WhatIf } | Should -Not -Throw
    }

    It 'take every numeric type as seconds' {
        foreach ($number in [byte]30, [int16]30, [int]30, [long]30, [double]30, [decimal]30, [single]30) {
            ConvertTo-ParameterTimeSpan 'Wait-AapJob' 'Timeout' $number | Should -Be ([TimeSpan]::FromSeconds(30)) -Because $number.GetType().Name
        }
    }

    It 'refuse the suffixed literal <Literal> instead of reading it as ticks' -ForEach @(
        @{ Literal = '1kb' }, @{ Literal = '0x1e' }, @{ Literal = '5l' }, @{ Literal = '5d' }
    ) {
        $script = "Invoke-AapPackerProvision -JobTemplate Baseline -TargetHost 10.0.0.5 -WhatIf -Timeout $Literal"
        { & ([scriptblock]::Create($script)) } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException]) -ExpectedMessage '*not a duration*'
    }

    It 'refuse <Value> for -<Parameter> of <Command>' -ForEach @(
        @{ Command = 'Wait-AapJob'; Parameter = 'Timeout'; Value = 0 }
        @{ Command = 'Wait-AapJob'; Parameter = 'Timeout'; Value = -5 }
        @{ Command = 'Invoke-AapPackerProvision'; Parameter = 'Timeout'; Value = 0 }
        @{ Command = 'Invoke-AapPackerProvision'; Parameter = 'PollInterval'; Value = 0 }
        @{ Command = 'Invoke-AapPackerProvision'; Parameter = 'PollInterval'; Value = 86400 }
        @{ Command = 'Remove-AapBuildResources'; Parameter = 'OlderThan'; Value = 0 }
        @{ Command = 'Remove-AapBuildResources'; Parameter = 'OlderThan'; Value = '-1h' }
        @{ Command = 'Invoke-AapPackerProvision'; Parameter = 'Timeout'; Value = '100000h' }
    ) {
        $splat = @{ $Parameter = $Value; WhatIf = $true }
        if ($Command -eq 'Invoke-AapPackerProvision') { $splat.JobTemplate = 'Baseline'; $splat.TargetHost = '10.0.0.5' }
        if ($Command -eq 'Wait-AapJob') { $splat.Remove('WhatIf'); $splat.Job = 1 }
        { & $Command @splat } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException]) -ExpectedMessage "*'$Parameter'*"
    }
}

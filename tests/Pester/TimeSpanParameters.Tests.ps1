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
}

# Get-Help for every exported cmdlet comes from the generated MAML (docs/en-US -> en-US/AapPacker.dll-Help.xml)
# and is complete: a written synopsis, a description, every parameter described, at least one example.
# Commands not exported yet are simply not visited: the list comes from the built module itself.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Commands = @((Get-Module AapPacker).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    # Common parameters come with every cmdlet and are described by about_CommonParameters. WhatIf and Confirm are
    # not among them: a cmdlet that has them documents them on its own page.
    $script:CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters

    function Get-ParagraphText($Paragraphs) {
        (@($Paragraphs | ForEach-Object { $_.Text }) -join "`n").Trim()
    }
}

Describe 'The module ships help' {
    It 'exports at least one cmdlet' {
        (Get-Module AapPacker).ExportedCmdlets.Count | Should -BeGreaterThan 0
    }

    It 'has the MAML file and the about topic next to the manifest' {
        $base = (Get-Module AapPacker).ModuleBase
        Join-Path $base 'en-US/AapPacker.dll-Help.xml' | Should -Exist
        Join-Path $base 'en-US/about_AapPacker.help.txt' | Should -Exist
    }

    It 'finds about_AapPacker with Get-Help' {
        $about = Get-Help about_AapPacker | Out-String
        $about | Should -Match 'SHORT DESCRIPTION'
        $about | Should -Match 'LONG DESCRIPTION'
        $about | Should -Match 'Invoke-AapPackerProvision'
        $about | Should -Match 'LASTEXITCODE'
    }
}

Describe 'Get-Help <Name> -Full' -ForEach $Commands {
    BeforeAll {
        $script:Command = Get-Command -Name $Name -Module AapPacker
        $script:Help = Get-Help -Name $Name -Full
        $script:OwnParameters = @($Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters })
        $script:HelpParameters = @(if ($Help.parameters -and $Help.parameters.PSObject.Properties['parameter']) { $Help.parameters.parameter })
    }

    It 'comes from the MAML file, not from the command metadata' {
        $Help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a written synopsis, not the generated syntax line' {
        $synopsis = "$($Help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -Match "^$([regex]::Escape($Name))(\s|$)"
        $synopsis.Length | Should -BeGreaterThan 20
    }

    It 'has a description' {
        Get-ParagraphText $Help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code and an explanation' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            Get-ParagraphText $example.remarks | Should -Not -BeNullOrEmpty -Because "$($example.title) needs an explanation"
        }
    }

    It 'describes every parameter of the command' {
        foreach ($parameter in $OwnParameters) {
            $entry = $HelpParameters | Where-Object { $_.name -eq $parameter }
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name must be documented in docs/en-US/$Name.md"
            Get-ParagraphText $entry.description | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a description"
        }
    }

    It 'documents no parameter the command does not have' {
        foreach ($entry in $HelpParameters) {
            $OwnParameters | Should -Contain $entry.name -Because "docs/en-US/$Name.md documents -$($entry.name), which $Name does not have"
        }
    }

    It 'documents the aliases the command has' {
        foreach ($parameter in $OwnParameters) {
            $aliases = @($Command.Parameters[$parameter].Aliases)
            if ($aliases.Count -eq 0) { continue }
            $entry = $HelpParameters | Where-Object { $_.name -eq $parameter }
            foreach ($alias in $aliases) {
                @("$($entry.aliases)" -split ',\s*') | Should -Contain $alias -Because "-$parameter of $Name answers to -$alias"
            }
        }
    }
}

Describe 'docs/migration.md agrees with the cmdlet' {
    It 'gives -PollInterval''s default as the cmdlet has it (issue 15 item 12: it said 4 s, the help 5 s)' {
        $default = [AapPacker.Commands.InvokeAapPackerProvisionCommand]::new().PollInterval
        $help = (Get-Help Invoke-AapPackerProvision -Parameter PollInterval).defaultValue
        [TimeSpan]::Parse("$help") | Should -Be $default -Because 'the help states the cmdlet''s default'
        $row = Get-Content -Path (Join-Path $PSScriptRoot '../../docs/migration.md') | Where-Object { $_ -match '^\| `poll_interval`' }
        $row | Should -Match "Default $($default.TotalSeconds) seconds"
    }
}

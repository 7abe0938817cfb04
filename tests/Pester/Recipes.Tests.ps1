# The recipes in docs/examples are what users copy, so they are checked like code:
#   - every Packer template (HCL2 *.pkr.hcl and legacy *.json) passes `packer validate` (Debian's 1.6.6 in CI;
#     without packer it is a failure under CI=true and a skip with the reason elsewhere),
#   - its shell-local provisioner keeps the recipe's rules (packer-and-ci.md §3.2): PowerShell started so the exit
#     code survives, single-quoted env_var_format, a .ps1 script, no secret in environment_vars, secrets only in
#     inline lines, `$global:LASTEXITCODE = 4` first, the result assigned, `exit $LASTEXITCODE` last, and no AAP
#     server or token in the template,
#   - Packer really runs each recipe's provisioner, verbatim, on a null builder without a communicator (so
#     build.Host is Packer's "<unknown>", or "<no value>" in JSON) against the simulator: PowerShell starts,
#     imports AapPacker by name, stops before creating anything, and Packer fails the build with exit status 4,
#     error id TargetHostMissing (a real SSH target is the E2E suite's job),
#   - the Azure Pipelines and GitHub Actions files parse (with the module's own YamlDotNet, in a child pwsh), map
#     the AAP token from a secret into the environment, and end with an always-run Remove-AapBuildResources step
#     that shares the build's run id.

BeforeDiscovery {
    $examples = Join-Path $PSScriptRoot '../../docs/examples'
    $script:Templates = @(Get-ChildItem -Path $examples -File | Where-Object { $_.Name -like '*.pkr.hcl' -or $_.Extension -eq '.json' } |
            Sort-Object Name | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Examples = (Resolve-Path (Join-Path $PSScriptRoot '../../docs/examples')).Path

    # The string elements of `name = [ ... ]` (or the string of `name = "..."`) in HCL text: enough HCL for the
    # recipes, whose lists hold plain strings.
    function Read-HclStrings([string] $Text, [string] $Name) {
        $match = [regex]::Match($Text, "(?m)^\s*$([regex]::Escape($Name))\s*=\s*(\[|"")")
        if (-not $match.Success) { return $null }
        $strings = [Collections.Generic.List[string]]::new()
        $position = $match.Index + $match.Length - 1
        $isList = $Text[$position] -eq '['
        if ($isList) { $position++ }
        while ($position -lt $Text.Length) {
            $c = $Text[$position]
            if ($isList -and $c -eq ']') { break }
            if ($c -eq '#') { $position = $Text.IndexOf("`n", $position); if ($position -lt 0) { break }; continue }
            if ($c -eq '"') {
                $value = [Text.StringBuilder]::new()
                $position++
                while ($Text[$position] -ne '"') {
                    if ($Text[$position] -eq '\') { $position++ }
                    $null = $value.Append($Text[$position])
                    $position++
                }
                $strings.Add($value.ToString())
                if (-not $isList) { break }
            }
            $position++
        }
        $strings.ToArray()
    }

    # The shell-local provisioner of a template, the same shape for both formats.
    function Get-ShellLocal([string] $Path) {
        $text = Get-Content -Raw -Path $Path
        if ($Path -like '*.json') {
            $provisioner = @((ConvertFrom-Json $text).provisioners | Where-Object type -EQ 'shell-local')
            $provisioner.Count | Should -Be 1 -Because "$Path needs exactly one shell-local provisioner"
            $p = $provisioner[0]
            return [pscustomobject]@{
                Text = $text; ExecuteCommand = @($p.execute_command); EnvVarFormat = $p.env_var_format
                Extension = $p.tempfile_extension; EnvironmentVars = @($p.environment_vars); Inline = @($p.inline)
            }
        }
        $start = [regex]::Match($text, 'provisioner\s+"shell-local"\s*\{')
        $start.Success | Should -BeTrue -Because "$Path needs a shell-local provisioner"
        $block = $text.Substring($start.Index)
        [pscustomobject]@{
            Text            = $text
            ExecuteCommand  = @(Read-HclStrings $block 'execute_command')
            EnvVarFormat    = @(Read-HclStrings $block 'env_var_format')[0]
            Extension       = @(Read-HclStrings $block 'tempfile_extension')[0]
            EnvironmentVars = @(Read-HclStrings $block 'environment_vars')
            Inline          = @(Read-HclStrings $block 'inline')
        }
    }

    # A pipeline file parsed by YamlDotNet (the module ships it) in a child pwsh and handed back as JSON.
    function Read-PipelineYaml([string] $Path) {
        $yamlDll = Join-Path (Split-Path (Get-BuiltModulePath)) 'bin/Core/deps/YamlDotNet.dll'
        Invoke-FreshPwsh -Environment @{ RECIPE_YAML = $Path; RECIPE_YAMLDOTNET = $yamlDll } -Script @'
Add-Type -Path $env:RECIPE_YAMLDOTNET
$document = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize([IO.StringReader]::new((Get-Content -Raw $env:RECIPE_YAML)))
[YamlDotNet.Serialization.SerializerBuilder]::new().JsonCompatible().Build().Serialize($document)
'@ | ConvertFrom-Json
    }

    # The script text of a pipeline step, whatever kind of step it is.
    function Get-StepScript($Step) {
        foreach ($key in 'run', 'powershell', 'pwsh', 'script', 'bash') {
            if ($Step.PSObject.Properties[$key]) { return [string]$Step.$key }
        }
        if ($Step.PSObject.Properties['inputs'] -and $Step.inputs.PSObject.Properties['inlineScript']) { return [string]$Step.inputs.inlineScript }
        ''
    }

    function Get-StepEnv($Step, [string] $Name) {
        if ($Step.PSObject.Properties['env'] -and $Step.env.PSObject.Properties[$Name]) { return [string]$Step.env.$Name }
        $null
    }

    # The packer on PATH; a missing one fails under CI=true and skips (with the reason) elsewhere.
    function Get-PackerOrSkip {
        $packer = Get-Command packer -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($packer) { return $packer.Source }
        if ($env:CI -eq 'true') { throw 'packer is not installed: CI must install it (apt-get install packer, 1.6.6 on Debian 12).' }
        Set-ItResult -Skipped -Because 'packer is not installed here (CI installs Debian''s 1.6.6)'
        $null
    }

    # The recipe's shell-local provisioner, verbatim, in a template whose only source is a null builder without a
    # communicator. Only the Windows recipes' powershell.exe becomes pwsh, which runs here.
    function New-NullBuilderTemplate([string] $Path, [string] $Folder) {
        $text = Get-Content -Raw -Path $Path
        $target = Join-Path $Folder (Split-Path -Leaf $Path)
        if ($Path -like '*.json') {
            $template = ConvertFrom-Json $text
            $name = $template.builders[0].name
            $template.builders = @([pscustomobject]@{ type = 'null'; name = $name; communicator = 'none' })
            $template | ConvertTo-Json -Depth 10 | Set-Content -Path $target
        }
        else {
            $start = [regex]::Match($text, 'provisioner\s+"shell-local"\s*\{').Index
            $depth = 0
            $end = $start
            do {
                if ($text[$end] -eq '{') { $depth++ } elseif ($text[$end] -eq '}') { $depth-- }
                $end++
            } while ($depth -gt 0 -or $text[$end - 1] -ne '}')
            $buildName = [regex]::Match($text, '(?m)^\s*name\s*=\s*"([^"]+)"').Groups[1].Value
            @(
                'variable "aap_run_id" {', '  type    = string', '  default = ""', '}'
                'source "null" "recipe" {', '  communicator = "none"', '}'
                'build {', "  name    = `"$buildName`"", '  sources = ["source.null.recipe"]'
                $text.Substring($start, $end - $start)
                '}'
            ) -join "`n" | Set-Content -Path $target
        }
        (Get-Content -Raw $target).Replace('"powershell.exe"', '"pwsh"') | Set-Content -Path $target
        $target
    }

    # A `pwsh` on PATH for Packer: this very PowerShell (a dotnet tool here, so a small shell shim).
    function New-PwshShim([string] $Folder) {
        $shim = Join-Path $Folder 'pwsh'
        $process = [Environment]::ProcessPath
        $command = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { "`"$process`" `"$(Join-Path $PSHOME 'pwsh.dll')`"" } else { "`"$process`"" }
        Set-Content -Path $shim -Value "#!/bin/sh`nexec $command `"`$@`""
        & chmod +x $shim
        $Folder
    }

    $script:SecretNames = 'Password|SSHPrivateKey|SSHPublicKey|WinRMPassword|_B64|TOKEN|access_token'
}

Describe 'docs/examples holds the four Packer recipes' {
    It 'has an HCL2 and a JSON template for a Windows agent and for a Linux/macOS agent' {
        foreach ($name in 'linux-agent.pkr.hcl', 'linux-agent.json', 'windows-agent.pkr.hcl', 'windows-agent.json') {
            Join-Path $Examples $name | Should -Exist
        }
    }
}

Describe 'Packer template <Name>' -ForEach $Templates {
    BeforeAll {
        $script:Recipe = Get-ShellLocal $Path
        $script:IsWindowsAgent = $Name -like 'windows-*'
    }

    It 'passes packer validate' {
        $packer = Get-PackerOrSkip
        if (-not $packer) { return }
        Push-Location $Examples
        try {
            $output = & $packer validate $Name 2>&1 | Out-String
            $LASTEXITCODE | Should -Be 0 -Because "packer validate $Name said:`n$output"
        }
        finally {
            Pop-Location
        }
    }

    It 'starts PowerShell so that the script''s exit code reaches Packer' {
        $Recipe.ExecuteCommand[-1] | Should -BeExactly "{{.Vars}} & '{{.Script}}'; exit `$LASTEXITCODE"
        $Recipe.ExecuteCommand[-2] | Should -BeExactly '-Command'
        $Recipe.ExecuteCommand | Should -Contain '-NoProfile'
        $Recipe.ExecuteCommand | Should -Contain '-NonInteractive'
        if ($IsWindowsAgent) {
            $Recipe.ExecuteCommand[0] | Should -BeExactly 'powershell.exe'
            ($Recipe.ExecuteCommand -join ' ') | Should -Match '-ExecutionPolicy Bypass'
        }
        else {
            $Recipe.ExecuteCommand[0] | Should -BeExactly 'pwsh'
        }
    }

    It 'sets environment variables in single quotes and writes a .ps1 script' {
        $Recipe.EnvVarFormat | Should -BeExactly "`$env:%s='%s'; "
        $Recipe.Extension | Should -BeExactly '.ps1'
    }

    It 'puts no secret into environment_vars (Packer logs them)' {
        $Recipe.EnvironmentVars.Count | Should -BeGreaterThan 0
        foreach ($variable in $Recipe.EnvironmentVars) {
            $variable | Should -Not -Match $SecretNames -Because 'environment_vars appear on the logged command line'
            ($variable -split '=', 2)[0] | Should -BeIn 'AAPPACKER_HOST', 'AAPPACKER_PORT', 'AAPPACKER_USER', 'AAPPACKER_CONNTYPE', 'AAPPACKER_RUN_ID', 'AAPPACKER_BUILD'
        }
        @($Recipe.EnvironmentVars | Where-Object { $_ -like 'AAPPACKER_HOST=*' }) | Should -HaveCount 1
    }

    It 'hands the build password to AapPacker only inside the inline script, base64-encoded' {
        $passwordLines = @($Recipe.Inline | Where-Object { $_ -match 'build[.\s`]+Password' })
        $passwordLines.Count | Should -Be 1
        if ($Name -like '*.pkr.hcl') {
            $passwordLines[0] | Should -BeExactly "`$env:AAPPACKER_PASSWORD_B64 = '`${base64encode(build.Password)}'"
        }
        else {
            # Legacy JSON has no base64encode (1.6.6): the value sits alone in a literal here-string, which no
            # quote, $ or backtick can end or expand, and is encoded by the script.
            $index = [array]::IndexOf($Recipe.Inline, $passwordLines[0])
            $Recipe.Inline[$index] | Should -BeExactly '{{ build `Password` }}'
            $Recipe.Inline[$index - 1] | Should -Match "= @'$"
            $Recipe.Inline[$index + 1] | Should -BeExactly "'@"
            $Recipe.Inline | Should -Contain '$env:AAPPACKER_PASSWORD_B64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($packerPassword))'
        }
    }

    It 'hands an SSH key the same way when the build uses SSH' {
        $keyLines = @($Recipe.Inline | Where-Object { $_ -match 'SSHPrivateKey' })
        if ($IsWindowsAgent) { $keyLines | Should -BeNullOrEmpty; return }
        $keyLines | Should -HaveCount 1
        if ($Name -like '*.pkr.hcl') {
            $keyLines[0] | Should -BeExactly "`$env:AAPPACKER_SSHKEY_B64 = '`${base64encode(build.SSHPrivateKey)}'"
        }
        else {
            $index = [array]::IndexOf($Recipe.Inline, $keyLines[0])
            $Recipe.Inline[$index - 1] | Should -Match "= @'$"
            $Recipe.Inline[$index + 1] | Should -BeExactly "'@"
        }
    }

    It 'starts with exit code 4, assigns the result and ends with exit $LASTEXITCODE' {
        $Recipe.Inline[0] | Should -BeExactly '$global:LASTEXITCODE = 4'
        $Recipe.Inline | Should -Contain 'Import-Module AapPacker'
        @($Recipe.Inline | Where-Object { $_ -match '^\$result = Invoke-AapPackerProvision ' }) | Should -HaveCount 1
        $Recipe.Inline[-1] | Should -BeExactly 'exit $LASTEXITCODE'
        $Recipe.Inline | Should -Not -Match 'ErrorActionPreference'
    }

    It 'takes the AAP server and token from the agent''s environment, not from the template' {
        $code = $Recipe.Text -replace '(?m)^\s*#.*$', ''
        $code | Should -Not -Match 'AAP_TOKEN|AAP_HOSTNAME|CONTROLLER_|TOWER_|access_token|tower_host|-Token\b|-Uri\b|sim-admin-token'
    }

    It 'lets the CI pass the run id its final sweep uses' {
        if ($Name -like '*.pkr.hcl') {
            $Recipe.Text | Should -Match 'variable\s+"aap_run_id"'
            $Recipe.EnvironmentVars | Should -Contain 'AAPPACKER_RUN_ID=${var.aap_run_id}'
        }
        else {
            (ConvertFrom-Json $Recipe.Text).variables.PSObject.Properties.Name | Should -Contain 'aap_run_id'
            $Recipe.EnvironmentVars | Should -Contain 'AAPPACKER_RUN_ID={{ user `aap_run_id` }}'
        }
    }
}

Describe 'Packer runs the provisioner of <Name>' -ForEach $Templates {
    BeforeAll {
        $script:Sim = Start-TestSimulator -Layout gateway -TimeScale 20
        $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("aappacker-recipe-" + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $Work
    }

    AfterAll {
        if ($script:Sim) { & $script:Sim.Stop }
        if ($script:Work) { Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'hands AapPacker''s exit code 4 to Packer when the builder has no address, and creates nothing' {
        $packer = Get-PackerOrSkip
        if (-not $packer) { return }
        if (-not ($IsLinux -or $IsMacOS)) { Set-ItResult -Skipped -Because 'the pwsh shim for Packer is a shell script'; return }
        $template = New-NullBuilderTemplate -Path $Path -Folder $Work
        $shimFolder = New-PwshShim -Folder (New-Item -ItemType Directory -Force -Path (Join-Path $Work 'bin')).FullName

        $start = [System.Diagnostics.ProcessStartInfo]::new($packer)
        foreach ($argument in 'build', '-color=false', '-var', "aap_run_id=$([guid]::NewGuid())", $template) { $start.ArgumentList.Add($argument) }
        $start.WorkingDirectory = $Work
        Set-TestAapEnvironment -StartInfo $start -ServerUri $Sim.Uri -StateFolder (Join-Path $Work 'state')
        $start.Environment['PATH'] = $shimFolder + [IO.Path]::PathSeparator + $start.Environment['PATH']
        $start.Environment['CHECKPOINT_DISABLE'] = '1' # Packer's update check would reach for the network
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd() + $stderr.Result
        $process.WaitForExit()

        $process.ExitCode | Should -Be 1 -Because "Packer fails the build`n$output"
        $output | Should -Match 'non-zero exit status: 4' -Because $output
        $output | Should -Match 'error id TargetHostMissing' -Because $output
        $state = Invoke-SimulatorControl -Simulator $Sim -Path 'state'
        $state.userObjects | Should -Be 0
        @($state.jobs).Count | Should -Be 0
    }
}

Describe 'CI pipeline <File>' -ForEach @(
    @{ File = 'azure-pipelines-noextension.yml'; Token = '$(AapToken)'; AlwaysKey = 'condition'
        BuildRunId = 'aap_run_id=$(AapRunId)'; Sweep = "Remove-AapBuildResources -BuildId '`$(AapRunId)'" }
    @{ File = 'github-actions.yml'; Token = '${{ secrets.AAP_TOKEN }}'; AlwaysKey = 'if'
        BuildRunId = 'aap_run_id=$env:AAP_RUN_ID'; Sweep = 'Remove-AapBuildResources -BuildId $env:AAP_RUN_ID' }
) {
    BeforeAll {
        $document = Read-PipelineYaml (Join-Path $Examples $File)
        # Azure Pipelines lists steps at the top; GitHub Actions per job.
        $script:Steps = if ($document.PSObject.Properties['steps']) { @($document.steps) } else { @($document.jobs.PSObject.Properties.Value | ForEach-Object { $_.steps }) }
        $script:PackerStep = @($Steps | Where-Object { (Get-StepScript $_) -match '(?m)^\s*packer build ' })
        $script:SweepStep = @($Steps | Where-Object { (Get-StepScript $_) -match '(?m)^\s*Remove-AapBuildResources -BuildId' })
        $script:MaskStep = @($Steps | Where-Object { (Get-StepScript $_) -match '::add-mask::' })
    }

    It 'parses, with one Packer build step and one sweep step after it' {
        $PackerStep | Should -HaveCount 1
        $SweepStep | Should -HaveCount 1
        [array]::IndexOf($Steps, $SweepStep[0]) | Should -BeGreaterThan ([array]::IndexOf($Steps, $PackerStep[0]))
    }

    It 'maps the AAP token from a secret into AAP_TOKEN for the build and the sweep' {
        Get-StepEnv $PackerStep[0] 'AAP_TOKEN' | Should -BeExactly $Token
        Get-StepEnv $SweepStep[0] 'AAP_TOKEN' | Should -BeExactly $Token
    }

    It 'runs the sweep always, with the run id Packer got' {
        $SweepStep[0].$AlwaysKey | Should -Match '\balways\(\)'
        Get-StepScript $PackerStep[0] | Should -Match ([regex]::Escape($BuildRunId))
        Get-StepScript $SweepStep[0] | Should -Match ([regex]::Escape($Sweep))
    }

    It 'builds a template from docs/examples' {
        $template = [regex]::Match((Get-StepScript $PackerStep[0]), '\S+\.pkr\.hcl').Value
        Join-Path $Examples $template | Should -Exist
    }

    It 'masks derived secrets in a step before Packer starts on GitHub (Packer''s output cannot register a mask)' {
        if ($File -ne 'github-actions.yml') { $MaskStep | Should -BeNullOrEmpty; return }
        $MaskStep | Should -HaveCount 1
        [array]::IndexOf($Steps, $MaskStep[0]) | Should -BeLessThan ([array]::IndexOf($Steps, $PackerStep[0]))
    }
}

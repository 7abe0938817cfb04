# Windows PowerShell 5.1 (powershell.exe) meets the built module: it loads bin/Desktop, exports the 13 cmdlets with
# their help, and the Windows recipe's shell-local block (docs/examples/windows-agent.json), run the way Packer runs
# it with powershell.exe, provisions against the simulator and leaves nothing behind.
# Written for Windows PowerShell 5.1 and Pester 5; run by .github/ci/Test-Windows.ps1 (CI, windows-latest), which
# sets AAPPACKER_MODULE_PATH (out/AapPacker/AapPacker.psd1) and AAPPACKER_SIMULATOR_DLL.

BeforeAll {
    $script:ModulePath = $env:AAPPACKER_MODULE_PATH
    $script:ModuleDir = Split-Path $ModulePath
    $script:Cmdlets = @(
        'Add-AapHost', 'Connect-Aap', 'Disconnect-Aap', 'Get-AapConnection', 'Get-AapJob', 'Invoke-AapPackerProvision',
        'New-AapTempCredential', 'New-AapTempInventory', 'Remove-AapBuildResources', 'Start-AapJobTemplate',
        'Start-AapWorkflowJobTemplate', 'Stop-AapJob', 'Wait-AapJob'
    )

    # The simulator on a free loopback port (gateway layout, 50 times real time); returns its process and URI.
    function Start-Simulator {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $start = New-Object Diagnostics.ProcessStartInfo 'dotnet'
        $start.Arguments = '"{0}" --port {1} --layout gateway --time-scale 50' -f $env:AAPPACKER_SIMULATOR_DLL, $port
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $process = [Diagnostics.Process]::Start($start)
        $read = $process.StandardOutput.ReadLineAsync()
        while ($read.Wait(60000) -and $null -ne $read.Result -and $read.Result -notmatch 'listening on (https?://\S+)') {
            $read = $process.StandardOutput.ReadLineAsync()
        }
        if (-not $read.IsCompleted -or $read.Result -notmatch 'listening on (https?://\S+)') {
            $process.Kill()
            throw 'The simulator did not report ready within 60 s.'
        }
        $null = $process.StandardOutput.ReadToEndAsync()
        [pscustomobject]@{ Process = $process; Uri = $Matches[1] }
    }

    function Get-SimulatorState($Simulator) {
        Invoke-RestMethod -Uri ($Simulator.Uri.TrimEnd('/') + '/_sim/state')
    }
}

Describe 'The module in Windows PowerShell 5.1' {
    BeforeAll {
        Import-Module $ModulePath -Force
        $script:Module = Get-Module AapPacker
    }

    AfterAll {
        Remove-Module AapPacker -ErrorAction SilentlyContinue
    }

    It 'runs in the Desktop edition and loads bin/Desktop' {
        $PSVersionTable.PSEdition | Should -Be 'Desktop'
        $Module.ImplementingAssembly.Location | Should -Be (Join-Path $ModuleDir 'bin\Desktop\AapPacker.dll')
    }

    It 'exports the 13 cmdlets' {
        @(Get-Command -Module AapPacker -CommandType Cmdlet | ForEach-Object Name | Sort-Object) | Should -Be $Cmdlets
    }

    It 'has full help for every cmdlet' {
        foreach ($name in $Cmdlets) {
            $help = Get-Help $name -Full
            ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "$name needs a description"
            @($help.examples.example).Count | Should -BeGreaterThan 0 -Because "$name needs an example"
        }
    }
}

Describe 'The Windows recipe''s shell-local block, run by powershell.exe as Packer runs it' {
    BeforeAll {
        $script:Simulator = Start-Simulator
        $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('aappacker-winps-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Force -Path $Work
    }

    AfterAll {
        if ($script:Simulator -and -not $Simulator.Process.HasExited) { $Simulator.Process.Kill() }
        Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'provisions, exits 0 and leaves nothing in AAP' {
        $recipe = Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/examples/windows-agent.json') | ConvertFrom-Json
        $provisioner = @($recipe.provisioners | Where-Object type -EQ 'shell-local')[0]
        $provisioner.execute_command[0] | Should -Be 'powershell.exe'

        # What Packer does: the build's values into the templates, the inline lines into a .ps1 file, the environment
        # variables through env_var_format, then execute_command with {{.Vars}} and {{.Script}} filled in.
        $password = [Convert]::ToBase64String((1..18 | ForEach-Object { [byte](Get-Random -Maximum 256) }))
        $values = @{ '{{ build `Host` }}' = '10.0.0.5'; '{{ build `Port` }}' = '5986'; '{{ build `User` }}' = 'packer'
            '{{ build `ConnType` }}' = 'winrm'; '{{ build `Password` }}' = $password; '{{ user `aap_run_id` }}' = [guid]::NewGuid().ToString() }
        $fill = { param([string] $Text) foreach ($key in $values.Keys) { $Text = $Text.Replace($key, $values[$key]) }; $Text }
        $script = Join-Path $Work 'packer-shell-local.ps1'
        [IO.File]::WriteAllLines($script, [string[]]@($provisioner.inline | ForEach-Object { & $fill $_ }))
        $vars = -join @($provisioner.environment_vars | ForEach-Object {
                $name, $value = (& $fill $_) -split '=', 2
                ([regex]'%s').Replace(([regex]'%s').Replace($provisioner.env_var_format, $name, 1), $value, 1)
            })
        $arguments = @($provisioner.execute_command | Select-Object -Skip 1 | ForEach-Object { $_.Replace('{{.Vars}}', $vars).Replace('{{.Script}}', $script) })

        $start = New-Object Diagnostics.ProcessStartInfo 'powershell.exe'
        $start.Arguments = ($arguments | ForEach-Object { '"' + $_.Replace('"', '\"') + '"' }) -join ' '
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.EnvironmentVariables['AAP_HOSTNAME'] = $Simulator.Uri
        $start.EnvironmentVariables['AAP_TOKEN'] = 'sim-admin-token'
        $start.EnvironmentVariables['PSModulePath'] = (Split-Path $ModuleDir) + ';' + $env:PSModulePath
        $child = [Diagnostics.Process]::Start($start)
        $stderr = $child.StandardError.ReadToEndAsync()
        $output = $child.StandardOutput.ReadToEnd()
        $child.WaitForExit()
        $output += $stderr.Result
        $output | Should -Not -Match ([regex]::Escape($password)) -Because 'the target password never reaches the output'
        $child.ExitCode | Should -Be 0 -Because $output
        $output | Should -Match 'PLAY RECAP'

        # The inventory AAP still holds on to is handed to the cleanup guardian (a powershell.exe importing the same
        # module): the cleanup is done when the guardian exits.
        $output | Should -Match 'Cleanup: removed 1, already gone 0, handed to the cleanup guardian 1 \(process (\d+)\), left 0'
        $null = $output -match 'handed to the cleanup guardian 1 \(process (\d+)\)'
        $guardian = Get-Process -Id ([int]$Matches[1]) -ErrorAction SilentlyContinue
        if ($guardian) { $guardian.WaitForExit(90000) | Should -BeTrue -Because 'the guardian finishes the cleanup within 90 s' }
        (Get-SimulatorState $Simulator).userObjects | Should -Be 0
    }
}

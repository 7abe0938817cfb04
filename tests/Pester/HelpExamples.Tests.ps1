# Every example in the help runs as written. Each example's code is taken from Get-Help <cmdlet> -Full (the MAML
# the build generates from docs/en-US), written to a script file, and run with `pwsh -File` in a fresh process
# and an empty working folder against the simulator, the way a user on a build agent would run it:
#   - the module is found by name (the built out/AapPacker folder is on PSModulePath),
#   - the server and token come from AAP_HOSTNAME and AAP_TOKEN, and the script starts with `Connect-Aap`
#     unless the example connects itself or is a whole script (imports the module itself),
#   - the simulator's documented standalone address http://127.0.0.1:8043/ is replaced by the test simulator's,
#   - an example that trusts ./corp-ca.pem talks to an HTTPS simulator whose certificate that CA issued.
# An example passes when its script writes nothing to stderr (no error reached the user), exits 0, and leaves
# no inventory, host or credential behind in AAP. Errors an example handles (try/catch, -ErrorAction
# SilentlyContinue) are part of the lesson and do not count.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Examples = @(
        foreach ($name in (Get-Module AapPacker).ExportedCmdlets.Keys | Sort-Object) {
            foreach ($example in @((Get-Help -Name $name -Full).examples.example)) {
                @{ Command = $name; Title = ("$($example.title)" -replace '^[-\s]+|[-\s]+$', ''); Code = "$($example.code)" }
            }
        }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("aappacker-helpexamples-" + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $Root
    $authority = New-TestCertificateAuthority -Folder $Root
    $script:CaBundle = $authority.CaBundle
    # Time scale 20: Baseline's 10 s run takes half a second, 'Long Quiet' (300 s) still outlasts a 5-second wait.
    $script:Sim = Start-TestSimulator -Layout gateway -TimeScale 20
    $script:HttpsSim = Start-TestSimulator -Layout gateway -TimeScale 20 -ArgumentList $authority.SimulatorArguments
    $script:DocumentedSimulatorUri = 'http://127.0.0.1:8043/'
    $script:ExampleTimeout = [TimeSpan]::FromMinutes(3)

    function Invoke-ExampleScript {
        <#
        Runs one example in a fresh `pwsh -File` in its own empty folder; returns its exit code, stdout and stderr.
        The AAP, Packer and AapPacker variables of this process are not inherited (Set-TestAapEnvironment).
        #>
        param(
            [Parameter(Mandatory)] [string] $Code,
            [Parameter(Mandatory)] [string] $ServerUri,
            [switch] $ConnectFirst,
            [hashtable] $Files = @{}
        )
        $folder = Join-Path $Root ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $folder
        foreach ($file in $Files.GetEnumerator()) { Copy-Item -LiteralPath $file.Value -Destination (Join-Path $folder $file.Key) }
        $preamble = if ($ConnectFirst) { "Import-Module AapPacker`n`$null = Connect-Aap`n" } else { '' }
        $script = Join-Path $folder 'example.ps1'
        Set-Content -Path $script -Value "`$ProgressPreference = 'SilentlyContinue'`n$preamble$Code" -Encoding utf8

        $process = [Environment]::ProcessPath
        $start = [System.Diagnostics.ProcessStartInfo]::new($process)
        if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $script) { $start.ArgumentList.Add($argument) }
        $start.WorkingDirectory = $folder
        Set-TestAapEnvironment -StartInfo $start -ServerUri $ServerUri -StateFolder (Join-Path $folder 'state')
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $child = [System.Diagnostics.Process]::Start($start)
        try {
            $stdout = $child.StandardOutput.ReadToEndAsync()
            $stderr = $child.StandardError.ReadToEndAsync()
            $timedOut = -not $child.WaitForExit([int]$ExampleTimeout.TotalMilliseconds)
            if ($timedOut) { $child.Kill($true) }
            $child.WaitForExit()
            # An example that provisioned may have handed its cleanup to the guardian: done when the guardian is.
            $null = Wait-CleanupGuardian -Output $stdout.Result -StateFolder (Join-Path $folder 'state')
            [pscustomobject]@{
                ExitCode = $child.ExitCode
                TimedOut = $timedOut
                Output   = $stdout.Result
                Errors   = $stderr.Result.Trim()
            }
        }
        finally {
            $child.Dispose()
        }
    }

    function Invoke-HelpExample([string] $Code, [string] $ServerUri) {
        $files = @{}
        if ($Code -match 'corp-ca\.pem') { $files['corp-ca.pem'] = $CaBundle }
        $connectFirst = $Code -notmatch '\bConnect-Aap\b' -and $Code -notmatch '(?m)^\s*Import-Module AapPacker\s*$'
        Invoke-ExampleScript -Code $Code.Replace($DocumentedSimulatorUri, $Sim.Uri) -ServerUri $ServerUri -ConnectFirst:$connectFirst -Files $files
    }

    function Get-UserObjectCount($Simulator) {
        (Invoke-SimulatorControl -Simulator $Simulator -Path 'state').userObjects
    }
}

AfterAll {
    foreach ($simulator in $script:Sim, $script:HttpsSim) { if ($simulator) { & $simulator.Stop } }
    if ($script:Root) { Remove-Item $script:Root -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'The example runner' {
    # The runner must be able to fail: these are not examples, they prove what the runner counts as failure.
    It 'reports an error the example does not handle' {
        $run = Invoke-HelpExample -Code 'Get-AapJob -Id 987654' -ServerUri $Sim.Uri
        $run.Errors | Should -Match 'AapNotFound|not found|987654'
    }

    It 'reports an example that stops with a terminating error' {
        $run = Invoke-HelpExample -Code "throw 'broken example'`n'not reached'" -ServerUri $Sim.Uri
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Not -Match 'not reached'
    }

    It 'does not count an error the example handles' {
        $run = Invoke-HelpExample -Code "try { Get-AapJob -Id 987654 -ErrorAction Stop } catch { 'handled' }" -ServerUri $Sim.Uri
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Match 'handled'
    }

    It 'sees an object an example leaves behind' {
        $run = Invoke-HelpExample -Code "New-AapTempInventory -Organization Default -BuildId 'runner-leftover' | Out-Null" -ServerUri $Sim.Uri
        $run.Errors | Should -BeNullOrEmpty
        Get-UserObjectCount $Sim | Should -BeGreaterThan 0
        Reset-TestSimulator $Sim
    }
}

Describe '<Command>: <Title>' -ForEach $Examples {
    AfterEach {
        Reset-TestSimulator $Sim
        Reset-TestSimulator $HttpsSim
    }

    It 'runs against the simulator without an error and leaves nothing behind' {
        if ($Code -match '\bssh-keygen\b' -and -not (Get-Command ssh-keygen -ErrorAction SilentlyContinue)) {
            if ($env:CI -eq 'true') { throw 'ssh-keygen is missing: CI must install the OpenSSH client (openssh-client).' }
            Set-ItResult -Skipped -Because 'ssh-keygen (OpenSSH client) is not installed here'
            return
        }
        $simulator = if ($Code -match 'corp-ca\.pem') { $HttpsSim } else { $Sim }

        $run = Invoke-HelpExample -Code $Code -ServerUri $simulator.Uri

        $transcript = "exit code $($run.ExitCode)`n--- stdout`n$($run.Output)`n--- stderr`n$($run.Errors)"
        $run.TimedOut | Should -BeFalse -Because "the example must finish within $ExampleTimeout`n$transcript"
        $run.Errors | Should -BeNullOrEmpty -Because "no error may reach the user`n$transcript"
        $run.ExitCode | Should -Be 0 -Because $transcript
        Get-UserObjectCount $simulator | Should -Be 0 -Because "the example must clean up what it creates`n$transcript"
    }
}

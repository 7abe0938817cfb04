# Issue 4 items 1 and 2 with real processes, the way Packer and CI agents stop a build: a child pwsh runs the
# shell-local script; at a chosen line of its output it gets SIGINT or SIGTERM (CI cancel: the cmdlet must cancel the
# job within 5 s and clean up before the process ends) or SIGKILL (Packer's cancel or timeout: no finally runs; the
# cleanup guardian must cancel the job and remove everything within 60 s). Figures are printed per point.
# Synchronisation is on real events only: a line of the child's output, the simulator's state and request log.

BeforeDiscovery {
    # Kill points: the line to wait for, and how many job output lines after it.
    $script:KillPoints = @(
        @{ Point = 'after connecting, before anything exists'; Line = '^Connected to '; After = 0; Template = 'Interruptible'; Immediate = $true }
        @{ Point = 'after the inventory is created'; Line = '^Created inventory '; After = 0; Template = 'Interruptible' }
        @{ Point = 'after the host is added'; Line = '^Added host '; After = 0; Template = 'Interruptible' }
        @{ Point = 'after the credential is created'; Line = '^Created Machine credential '; After = 0; Template = 'Interruptible' }
        @{ Point = 'right after the launch'; Line = '^Launched job '; After = 0; Template = 'Interruptible' }
        @{ Point = 'while streaming (1st line)'; Line = '^Launched job '; After = 1; Template = 'Interruptible' }
        @{ Point = 'while streaming (6th line)'; Line = '^Launched job '; After = 6; Template = 'Interruptible' }
        @{ Point = 'while streaming (15th line)'; Line = '^Launched job '; After = 15; Template = 'Interruptible' }
        @{ Point = 'after the job ended'; Line = '^Job \d+ successful after '; After = 0; Template = 'Quick' }
        @{ Point = 'during cleanup'; Line = '^Cleaning up build '; After = 0; Template = 'Quick' }
    )
    $script:SignalPoints = @(
        @{ Signal = 'INT'; Point = 'right after the launch'; Line = '^Launched job '; After = 0 }
        @{ Signal = 'INT'; Point = 'while streaming (4th line)'; Line = '^Launched job '; After = 4 }
        @{ Signal = 'TERM'; Point = 'after the credential is created'; Line = '^Created Machine credential '; After = 0 }
        @{ Signal = 'TERM'; Point = 'while streaming (4th line)'; Line = '^Launched job '; After = 4 }
    )
    $script:OnUnix = -not $IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-BuiltModulePath
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "aappacker-interruption-tests-$PID"
    $null = New-Item -ItemType Directory -Force -Path $Work
    $script:StateHome = Join-Path $Work 'state'
    $scenario = Join-Path $Work 'scenario.json'
    # At twice real time: Interruptible prints 40 output lines over 10 s, long enough to be interrupted anywhere; Quick
    # ends in about a second; AAP's after-job windows (events still processing, asynchronous inventory delete) are halved.
    @{
        jobTemplates = @(
            @{ name = 'Interruptible'; organization = 'Default'; playbook = 'site.yml'; ask = @('inventory', 'credential', 'variables'); eventCount = 40; runSeconds = 20 }
            @{ name = 'Quick'; organization = 'Default'; playbook = 'site.yml'; ask = @('inventory', 'credential', 'variables'); eventCount = 6; runSeconds = 2 }
        )
        inventoryDeletionSeconds = 2
    } | ConvertTo-Json -Depth 5 | Set-Content -Path $scenario -Encoding utf8
    $script:Sim = Start-TestSimulator -Layout gateway -Scenario $scenario -TimeScale 2
    $script:Token = 'sim-admin-token'
    $script:TargetPassword = 'Tgt-' + [guid]::NewGuid().ToString('N')
    $script:Secrets = @($Token, $TargetPassword, [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($TargetPassword)))
    $script:Figures = [Collections.Generic.List[string]]::new()

    function Get-SimState { Invoke-SimulatorControl -Simulator $Sim -Path state }

    # The shell-local recipe's script in a child pwsh (-Command "& 'script'; exit $LASTEXITCODE"), its output read line by line.
    function Start-ProvisionChild([string] $Template) {
        $script = New-ProvisionScript -Directory $Work -ModulePath $ModulePath -Arguments "-JobTemplate '$Template' -Organization Default -PollInterval 1"
        $environment = @{
            AAP_HOSTNAME = $Sim.Uri; AAP_TOKEN = $Token; AAPPACKER_HOST = '10.0.0.5'; AAPPACKER_USER = 'ec2-user'
            AAPPACKER_RUN_ID = [guid]::NewGuid().ToString(); AAPPACKER_BUILD = 'interruption'
            AAPPACKER_PASSWORD_B64 = $Secrets[2]; XDG_STATE_HOME = $StateHome; NO_COLOR = '1'
        }
        $start = New-PwshStartInfo -Environment $environment -ArgumentList '-NoProfile', '-NonInteractive', '-Command', "& '$script'; exit `$LASTEXITCODE"
        $child = [System.Diagnostics.Process]::Start($start)
        [pscustomobject]@{ Process = $child; Lines = [Collections.Generic.List[string]]::new(); Pending = $null; Stderr = $child.StandardError.ReadToEndAsync() }
    }

    # Reads the child's output until a line matches $Pattern, then $After more lines (the job's output).
    function Wait-ChildLine($Child, [string] $Pattern, [int] $After = 0, [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(90)) {
        $deadline = [DateTime]::UtcNow + $Timeout
        $matched = $false
        $remaining = $After
        while ($true) {
            if (-not $Child.Pending) { $Child.Pending = $Child.Process.StandardOutput.ReadLineAsync() }
            $left = $deadline - [DateTime]::UtcNow
            if ($left -le [TimeSpan]::Zero -or -not $Child.Pending.Wait($left)) { throw "No line matching '$Pattern' within $Timeout. Output so far:`n$($Child.Lines -join "`n")" }
            $line = $Child.Pending.Result
            $Child.Pending = $null
            if ($null -eq $line) { throw "The child ended before a line matching '$Pattern':`n$($Child.Lines -join "`n")`n$($Child.Stderr.Result)" }
            $Child.Lines.Add($line)
            if ($matched) { $remaining-- }
            elseif ($line -match $Pattern) { $matched = $true }
            if ($matched -and $remaining -le 0) { return }
        }
    }

    function Get-ChildProcessId([int] $ParentId) {
        foreach ($directory in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue) {
            if ($directory.Name -notmatch '^\d+$') { continue }
            try { $stat = [IO.File]::ReadAllText("/proc/$($directory.Name)/stat") } catch { continue }
            $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
            if ([int]$fields[1] -eq $ParentId) { [int]$directory.Name }
        }
    }

    function Get-GuardianProcessId([int] $ParentId) {
        foreach ($id in Get-ChildProcessId $ParentId) {
            try { $commandLine = [IO.File]::ReadAllText("/proc/$id/cmdline") } catch { continue }
            if ($commandLine -match 'GuardianEntryPoint') { return $id }
        }
    }

    # Polls the simulator (the event being waited for is its state) until nothing is left and no job runs.
    function Wait-AllClear([TimeSpan] $Timeout) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        while ($watch.Elapsed -lt $Timeout) {
            $state = Get-SimState
            $running = @($state.jobs | Where-Object { $_.status -in 'new', 'pending', 'waiting', 'running' })
            if ($state.userObjects -eq 0 -and $running.Count -eq 0) { return $watch.Elapsed }
            $null = [Threading.Tasks.Task]::Delay(200).Wait()
        }
        $state = Get-SimState
        throw "Not clear after $Timeout`: userObjects $($state.userObjects), jobs $(($state.jobs | ForEach-Object { "$($_.id)=$($_.status)" }) -join ', ')"
    }

    # The ledger directory is the event: the guardian deletes a build's file once everything in it is removed.
    function Wait-LedgerEmpty([TimeSpan] $Timeout) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        while ($watch.Elapsed -lt $Timeout) {
            if (-not (Get-ChildItem (Join-Path $StateHome 'aappacker') -Filter *.json -ErrorAction SilentlyContinue)) { return $true }
            $null = [Threading.Tasks.Task]::Delay(200).Wait()
        }
        $false
    }

    function Get-LaunchedJobIds { @((Get-SimState).launches | ForEach-Object { $_.jobId }) }
}

AfterAll {
    Write-Host "interruption figures:`n  $($Figures -join "`n  ")"
    if ($Sim) { & $Sim.Stop }
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Kill suite: the pwsh running the build is SIGKILLed (<Point>)' -ForEach $KillPoints -Skip:(-not $OnUnix) {
    BeforeAll { Reset-TestSimulator -Simulator $Sim }

    It 'cancels the job and removes every object within 60 s, with no secret in the guardian''s command line or environment' {
        $child = Start-ProvisionChild -Template $Template
        try {
            Wait-ChildLine $child $Line $After
            # Killed at once when the point is before any object (no time spent looking for a guardian first).
            $guardian = if ($Immediate) { $null } else { Get-GuardianProcessId $child.Process.Id }
            if ($guardian) {
                $commandLine = [IO.File]::ReadAllText("/proc/$guardian/cmdline")
                $environment = [IO.File]::ReadAllText("/proc/$guardian/environ")
                foreach ($secret in $Secrets) {
                    $commandLine.Contains($secret) | Should -BeFalse -Because 'argv must hold no secret'
                    $environment.Contains($secret) | Should -BeFalse -Because 'the environment must hold no secret'
                }
            }
            $jobRunning = @((Get-SimState).jobs | Where-Object { $_.status -in 'new', 'pending', 'waiting', 'running' }).Count -gt 0
            $child.Process.Kill()   # SIGKILL, like Go's exec.CommandContext
            $child.Process.WaitForExit()
            $elapsed = Wait-AllClear ([TimeSpan]::FromSeconds(60))

            $jobs = foreach ($jobId in Get-LaunchedJobIds) {
                $status = (@((Get-SimState).jobs) | Where-Object id -eq $jobId).status
                if ($jobRunning) { $status | Should -Be 'canceled' -Because "job $jobId was running when the build was killed" }
                "job $jobId $status"
            }
            $Figures.Add(('kill  {0,-40} guardian seen {1,-3} {2,-17} all clear {3,5:0.0} s after SIGKILL' -f $Point, $(if ($guardian) { 'yes' } else { 'no' }),
                    $(if ($jobs) { $jobs -join ', ' } else { 'no job' }), $elapsed.TotalSeconds))
            Write-Host $Figures[-1]
            if ($guardian) {
                # The guardian's own log: ids only, no secret.
                $logs = Get-ChildItem (Join-Path $StateHome 'aappacker/guardian') -Filter "guardian-$guardian.log" -ErrorAction SilentlyContinue
                foreach ($log in $logs) { foreach ($secret in $Secrets) { (Get-Content $log.FullName -Raw).Contains($secret) | Should -BeFalse } }
                # The guardian exits once the cleanup is done (throws if it still runs after the minute).
                $null = Wait-CleanupGuardian -ProcessId $guardian -Timeout ([TimeSpan]::FromSeconds(60))
            }
            Wait-LedgerEmpty ([TimeSpan]::FromSeconds(60)) | Should -BeTrue -Because 'the guardian marks what it removed in the ledger, which then goes'

        }
        finally {
            if (-not $child.Process.HasExited) { $child.Process.Kill() }
            $child.Process.Dispose()
        }
    }
}

Describe 'Signal suite: the pwsh running the build gets SIG<Signal> (<Point>)' -ForEach $SignalPoints -Skip:(-not $OnUnix) {
    BeforeAll { Reset-TestSimulator -Simulator $Sim }

    It 'cancels the job first within 5 s and cleans up before the process ends' {
        $child = Start-ProvisionChild -Template 'Interruptible'
        try {
            Wait-ChildLine $child $Line $After
            $sent = [DateTimeOffset]::UtcNow
            & /bin/kill -s $Signal $child.Process.Id
            $child.Process.WaitForExit(60000) | Should -BeTrue -Because 'the process ends once cancel and cleanup are done'
            $ended = [DateTimeOffset]::UtcNow
            $rest = $child.Process.StandardOutput.ReadToEnd()
            $output = ($child.Lines -join "`n") + $rest
            $output | Should -Match 'Cleanup: '
            # Checked at the moment the process ended: the build itself removed the credential (the secret); what AAP
            # still held on to (the inventory, 403 or 202) it handed to its guardian.
            @((Get-SimState).credentials | Where-Object { $_.name -like 'packer-*' }).Count | Should -Be 0
            $output | Should -Match 'Cleanup: removed \d+, already gone \d+, (handed to the cleanup guardian 1 \(process \d+\), )?left 0'
            $null = Wait-CleanupGuardian -Output $output -StateFolder $StateHome   # a signal-ended run prints no result: its guardian's log names it
            (Get-SimState).userObjects | Should -Be 0

            $requests = Invoke-SimulatorControl -Simulator $Sim -Path requests | ForEach-Object { $_ }
            $jobId = @(Get-LaunchedJobIds)[0]
            $cancel = $requests | Where-Object { $_.method -eq 'POST' -and $_.path -like "*/jobs/$jobId/cancel/" } | Select-Object -First 1
            $cancelAt = $null
            if ($null -ne $jobId) {
                $cancel | Should -Not -BeNullOrEmpty -Because 'a running job is canceled'
                $cancelAt = ([DateTimeOffset]$cancel.at - $sent).TotalSeconds
                $cancelAt | Should -BeLessOrEqual 5
                # A launch POST may still be in flight when the signal lands; no delete may go before the cancel.
                $firstDelete = $requests | Where-Object { [DateTimeOffset]$_.at -ge $sent -and $_.method -eq 'DELETE' } | Select-Object -First 1
                if ($firstDelete) { [DateTimeOffset]$firstDelete.at | Should -BeGreaterThan ([DateTimeOffset]$cancel.at) -Because 'the cancel POST goes first' }
            }
            $Figures.Add(('SIG{0,-4} {1,-36} cancel POST {2} s after the signal, process ended {3:0.0} s after it, exit {4}, leftovers 0' -f $Signal, $Point,
                    $(if ($null -ne $cancelAt) { '{0:0.00}' -f $cancelAt } else { '-' }), ($ended - $sent).TotalSeconds, $child.Process.ExitCode))
            Write-Host $Figures[-1]
        }
        finally {
            if (-not $child.Process.HasExited) { $child.Process.Kill() }
            $child.Process.Dispose()
        }
    }
}

Describe 'Remove-AapBuildResources -OlderThan after a machine crash' {
    BeforeAll {
        Reset-TestSimulator -Simulator $Sim
        Import-Module (Get-BuiltModulePath) -Force
        Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
        function Invoke-Api([string] $Method, [string] $Path, $Body) {
            Invoke-RestMethod -Method $Method -Uri ($Sim.Uri.TrimEnd('/') + '/api/controller/v2/' + $Path) -Headers @{ Authorization = "Bearer $Token" } `
                -ContentType 'application/json' -Body ($Body | ConvertTo-Json) -SkipHttpErrorCheck
        }
    }
    AfterAll { Disconnect-Aap }

    It 'finishes the ledger files of builds older than the limit (a host in a team inventory no name sweep finds) and keeps newer ones' {
        $saved = $env:XDG_STATE_HOME
        $env:XDG_STATE_HOME = Join-Path $Work 'sweep-state'
        $ledgers = Join-Path $env:XDG_STATE_HOME 'aappacker'
        $null = New-Item -ItemType Directory -Force -Path $ledgers
        try {
            $team = Invoke-Api POST 'inventories/' @{ name = 'team-inventory'; organization = 1 }
            $old = Invoke-Api POST "inventories/$($team.id)/hosts/" @{ name = 'old-build-host'; description = 'Added by AapPacker for build old-build' }
            $new = Invoke-Api POST "inventories/$($team.id)/hosts/" @{ name = 'new-build-host'; description = 'Added by AapPacker for build new-build' }
            foreach ($entry in @(@{ Build = 'old-build'; Host = $old; Age = [TimeSpan]::FromHours(3) }, @{ Build = 'new-build'; Host = $new; Age = [TimeSpan]::FromMinutes(10) })) {
                ConvertTo-Json -Depth 3 @(@{
                        ObjectType = 'host'; Id = $entry.Host.id; Name = $entry.Host.name; BuildId = $entry.Build; ApiPath = ''; ParentId = $team.id
                        CreatedAt = [DateTimeOffset]::UtcNow - $entry.Age; Removed = $false
                    }) | Set-Content -Path (Join-Path $ledgers "$($entry.Build).json")
            }

            $result = @(Remove-AapBuildResources -OlderThan (New-TimeSpan -Hours 2) -Confirm:$false)

            @($result.Removed | Where-Object ObjectType -eq 'host').Id | Should -Be $old.id
            (Invoke-Api GET "hosts/$($old.id)/").id | Should -BeNullOrEmpty -Because 'the old build''s host is removed'
            (Invoke-Api GET "hosts/$($new.id)/").id | Should -Be $new.id -Because 'a build newer than the limit is left alone'
            Join-Path $ledgers 'old-build.json' | Should -Not -Exist
            Join-Path $ledgers 'new-build.json' | Should -Exist
        }
        finally {
            $env:XDG_STATE_HOME = $saved
            if ($team) { $null = Invoke-Api DELETE "inventories/$($team.id)/" }
        }
    }
}

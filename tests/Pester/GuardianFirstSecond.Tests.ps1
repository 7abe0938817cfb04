# Issue 15 item 2: the cleanup guardian's first second. A terminal or CI agent stops a build with a signal to its whole
# process group (Ctrl-C), then kills what is still running. 50 trials: a build runs in a process group of its own (as
# under a terminal); at a random point in the first 3 s after it connected (the earliest anything can exist in AAP:
# before it, only the module loads) the group gets SIGINT, and up to 0.6 s later the build gets SIGKILL. Nothing may be
# left in the simulator and no ledger file may stay behind: a guardian that was still starting when the SIGINT came
# must not have died of it. The trials run a few at a time; the figure line goes into the test summary.
# Synchronisation is on real events only: the child's output lines, process exits, the simulator's state.

BeforeDiscovery {
    $script:Runnable = -not $IsWindows -and (Test-Path /proc) -and (Get-Command setsid -CommandType Application -ErrorAction SilentlyContinue) -and
        (Get-Command kill -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-BuiltModulePath
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "aappacker-guardian-first-second-$PID"
    $null = New-Item -ItemType Directory -Force -Path $Work
    $script:StateHome = Join-Path $Work 'state'
    $scenario = Join-Path $Work 'scenario.json'
    # At twice real time: the job runs 10 s (so a running job is canceled), AAP's delete windows are halved.
    @{
        jobTemplates = @(@{ name = 'Interruptible'; organization = 'Default'; playbook = 'site.yml'; ask = @('inventory', 'credential', 'variables'); eventCount = 40; runSeconds = 20 })
        inventoryDeletionSeconds = 2
    } | ConvertTo-Json -Depth 5 | Set-Content -Path $scenario -Encoding utf8
    $script:Sim = if ($Runnable) { Start-TestSimulator -Layout gateway -Scenario $scenario -TimeScale 2 }
    $script:Setsid = (Get-Command setsid -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    $script:KillCommand = (Get-Command kill -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    $script:TargetPassword = 'Tgt-' + [guid]::NewGuid().ToString('N')

    # The shell-local recipe's script in a child pwsh that leads a process group of its own (setsid), as a build under a
    # terminal or CI agent does; its output is read line by line.
    function Start-Trial([int] $Number) {
        $script = New-ProvisionScript -Directory $Work -ModulePath $ModulePath -Arguments "-JobTemplate 'Interruptible' -Organization Default -PollInterval 1"
        $environment = @{
            AAP_HOSTNAME = $Sim.Uri; AAP_TOKEN = 'sim-admin-token'; AAPPACKER_HOST = '10.0.0.5'; AAPPACKER_USER = 'ec2-user'
            AAPPACKER_RUN_ID = [guid]::NewGuid().ToString(); AAPPACKER_BUILD = "first-second-$Number"
            AAPPACKER_PASSWORD_B64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($TargetPassword))
            XDG_STATE_HOME = $StateHome; NO_COLOR = '1'
        }
        $start = New-PwshStartInfo -Environment $environment -ArgumentList '-NoProfile', '-NonInteractive', '-Command', "& '$script'; exit `$LASTEXITCODE"
        # setsid execs the pwsh in place (a child of this process is no group leader): the pid is the group's id.
        $start.ArgumentList.Insert(0, $start.FileName)
        $start.FileName = $Setsid
        $process = [Diagnostics.Process]::Start($start)
        [pscustomobject]@{
            Number = $Number; Process = $process; Read = $process.StandardOutput.ReadLineAsync(); Stderr = $process.StandardError.ReadToEndAsync()
            Lines = [Collections.Generic.List[string]]::new(); Connected = $null; InterruptAt = $null; KillAt = $null
            Interrupted = $false; Killed = $false; LastLineAtInterrupt = $null; Done = $false
        }
    }

    # Guardians of this test's builds still running (their environment names this test's state folder).
    function Get-TrialGuardian {
        foreach ($directory in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue) {
            if ($directory.Name -notmatch '^\d+$') { continue }
            try {
                $commandLine = [IO.File]::ReadAllText("/proc/$($directory.Name)/cmdline")
                if ($commandLine -notmatch 'GuardianEntryPoint') { continue }
                if ([IO.File]::ReadAllText("/proc/$($directory.Name)/environ").Contains("XDG_STATE_HOME=$StateHome")) { [int]$directory.Name }
            }
            catch { continue }
        }
    }

    function Get-StaleLedger { @(Get-ChildItem (Join-Path $StateHome 'aappacker') -File -ErrorAction SilentlyContinue | Where-Object Name -Like '*.json*') }

    # The lifecycle line a build had printed last when the SIGINT came: where in its first seconds the trial hit it.
    function Get-Stage([string] $Line) {
        switch -Regex ($Line) {
            '^Connected to ' { 'preflight' }
            '^Created inventory ' { 'inventory' }
            '^Added host ' { 'host' }
            '^Created Machine credential ' { 'credential' }
            '^Launched ' { 'launched' }
            default { 'job output' }
        }
    }
}

AfterAll {
    if ($Sim) { & $Sim.Stop }
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Guardian first second: group SIGINT then SIGKILL of the build in its first 3 s' -Skip:(-not $Runnable) {
    It 'leaves no object in AAP and no ledger file in 50 trials' {
        $trials = 50
        $parallel = 4
        $random = [Random]::new()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $active = [Collections.Generic.List[object]]::new()
        $finished = [Collections.Generic.List[object]]::new()
        $next = 1
        while ($finished.Count -lt $trials) {
            while ($active.Count -lt $parallel -and $next -le $trials) { $active.Add((Start-Trial $next)); $next++ }
            $now = [DateTime]::UtcNow
            foreach ($trial in @($active)) {
                # Its output: the "Connected to" line starts the trial's clock.
                while (-not $trial.Done -and $trial.Read.IsCompleted) {
                    $line = $trial.Read.Result
                    if ($null -eq $line) { $trial.Done = $true; break }
                    $trial.Lines.Add($line)
                    if (-not $trial.Connected -and $line -match '^Connected to ') {
                        $trial.Connected = [DateTime]::UtcNow
                        $trial.InterruptAt = $trial.Connected.AddMilliseconds($random.Next(0, 3000))
                        $trial.KillAt = $trial.InterruptAt.AddMilliseconds($random.Next(0, 600))
                    }
                    $trial.Read = $trial.Process.StandardOutput.ReadLineAsync()
                }
                if ($trial.Connected -and -not $trial.Interrupted -and $now -ge $trial.InterruptAt) {
                    $trial.LastLineAtInterrupt = $trial.Lines[-1]
                    & $KillCommand -s INT -- "-$($trial.Process.Id)" 2>$null
                    $trial.Interrupted = $true
                }
                if ($trial.Interrupted -and -not $trial.Killed -and $now -ge $trial.KillAt) {
                    if (-not $trial.Process.HasExited) { $trial.Process.Kill() }   # SIGKILL, the build only
                    $trial.Killed = $true
                }
                if (-not $trial.Connected -and $trial.Done) {
                    throw "Trial $($trial.Number) ended before it connected:`n$($trial.Lines -join "`n")`n$($trial.Stderr.Result)"
                }
                if ($trial.Killed -and $trial.Process.WaitForExit(0)) {
                    $active.Remove($trial) | Out-Null
                    $finished.Add($trial)
                    $trial.Process.Dispose()
                }
                elseif (-not $trial.Connected -and ($now - $trial.Process.StartTime.ToUniversalTime()).TotalSeconds -gt 90) {
                    throw "Trial $($trial.Number) did not connect within 90 s:`n$($trial.Lines -join "`n")"
                }
            }
            # The next event: a line of any trial, or the earliest signal due.
            $due = @($active | ForEach-Object { if (-not $_.Interrupted) { $_.InterruptAt } elseif (-not $_.Killed) { $_.KillAt } } | Where-Object { $_ })
            $wait = if ($due) { [Math]::Max(0, [Math]::Min(500, (($due | Measure-Object -Minimum).Minimum - [DateTime]::UtcNow).TotalMilliseconds)) } else { 500 }
            $reads = @($active | Where-Object { -not $_.Done } | ForEach-Object { $_.Read })
            if ($reads) { $null = [Threading.Tasks.Task]::WaitAny([Threading.Tasks.Task[]]$reads, [int]$wait) }
            elseif ($active.Count -gt 0) { $null = $active[0].Process.WaitForExit([int][Math]::Max(1, $wait)) }
        }
        $killed = $watch.Elapsed

        # Settled: no guardian of these builds runs any more (each exits when its cleanup is done, within its minute),
        # no job runs, nothing is left.
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while ($true) {
            $state = Invoke-SimulatorControl -Simulator $Sim -Path state
            $running = @($state.jobs | Where-Object { $_.status -in 'new', 'pending', 'waiting', 'running' })
            $guardians = @(Get-TrialGuardian)
            if (($guardians.Count -eq 0 -and $running.Count -eq 0) -or [DateTime]::UtcNow -ge $deadline) { break }
            if ($guardians) {
                $null = Wait-CleanupGuardian -ProcessId $guardians[0] -Timeout ([TimeSpan]::FromSeconds([Math]::Max(1, ($deadline - [DateTime]::UtcNow).TotalSeconds)))
            }
            else { $null = [Threading.Tasks.Task]::Delay(200).Wait() }   # a job canceled by a guardian that already exited
        }
        $state = Invoke-SimulatorControl -Simulator $Sim -Path state
        $left = [int]$state.userObjects
        $stale = @(Get-StaleLedger)
        $stages = $finished | Group-Object { Get-Stage $_.LastLineAtInterrupt } | ForEach-Object { "$($_.Name) $($_.Count)" }
        $figure = 'Figures: guardian first-second {0} trials: {1} left, {2} stale ledgers (SIGINT after: {3}; {4:0} s)' -f
            $trials, $left, $stale.Count, ($stages -join ', '), $watch.Elapsed.TotalSeconds
        Write-Host $figure
        Write-Host ('  all {0} builds killed after {1:0.0} s; settled {2:0.0} s later' -f $trials, $killed.TotalSeconds, ($watch.Elapsed - $killed).TotalSeconds)

        $left | Should -Be 0 -Because "every object of a build stopped in its first seconds is removed ($(($state.inventories | ForEach-Object name) -join ', '))"
        $stale.Count | Should -Be 0 -Because "no ledger stays behind ($($stale.Name -join ', '))"
        @($state.jobs | Where-Object { $_.status -in 'new', 'pending', 'waiting', 'running' }).Count | Should -Be 0 -Because 'every launched job is canceled'
    }
}

# Test: build everything, run every suite in a run directory of its own, end with the totals line CI reads.
# Each suite is a function returning [pscustomobject]@{ Suite; Passed; Failed; Skipped; Note; [Figures] }
# (build/suites/*.ps1); a new suite is one file there and one line in Invoke-Test.

function Invoke-Test {
    Write-Step "Build solution ($Configuration)"
    try {
        Invoke-DotnetBuild 'AapPacker.sln'
        Build-ModuleFolder
        Invoke-Help
    }
    catch {
        # Nothing can be tested; still end with the totals line CI reads.
        Write-Host $_ -ForegroundColor Red
        Write-Summary @([pscustomobject]@{ Suite = 'Build'; Passed = 0; Failed = 1; Skipped = 0; Note = 'build failed' })
    }

    Write-Step 'Restore test tools (Pester, a second Polly.Core)'
    Invoke-Native dotnet @('restore', (Join-Path $RepoRoot 'build/Tools.csproj'), '--nologo', '-v', 'quiet')
    $packages = Get-NuGetPackagesRoot

    if (Test-Path $TestResultsDir) { Remove-Item $TestResultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $TestResultsDir

    $env:AAPPACKER_MODULE_PATH = Join-Path $ModuleDir 'AapPacker.psd1'
    $env:AAPPACKER_SIMULATOR_DLL = $SimulatorDll
    $env:AAPPACKER_NUGET_PACKAGES = $packages
    $env:AAPPACKER_TESTSECRETS_DLL = Join-Path (Get-ProjectOutput 'AapPacker.TestSecrets') 'AapPacker.TestSecrets.dll'
    Enter-TestRunDirectory

    $suites = [Collections.Generic.List[object]]::new()
    $projects = Get-ChildItem (Join-Path $RepoRoot 'tests') -Filter '*.Tests.csproj' -Recurse | Sort-Object Name
    foreach ($project in $projects | Where-Object BaseName -NE $SecretScanProject) {
        $suites.Add((Invoke-Suite $project.BaseName { Invoke-XunitSuite $project -TeeToConsoleLog }))
    }

    Write-Step 'Pester'
    $suites.Add((Invoke-Suite 'Pester' { Invoke-PesterSuite -PackagesRoot $packages }))

    Write-Step 'Install (the package: Install-PSResource, import by name, a run, update, uninstall, save)'
    $suites.Add((Invoke-Suite 'Install' { Invoke-InstallSuite -PackagesRoot $packages }))

    Write-Step 'Workflow (.github/workflows checked by action-validator)'
    $suites.Add((Invoke-Suite 'Workflow' { Invoke-WorkflowSuite }))

    Write-Step 'Architecture (issue 11 counts: AAP names only in Engine/Api, no parameter names in the engine, engine types internal unless users see them, a thin provision cmdlet)'
    $suites.Add((Invoke-Suite 'Architecture' { Invoke-ArchitectureSuite }))

    Write-Step 'Azure DevOps extension (build, then tests/AzureDevOps)'
    $suites.Add((Invoke-Suite 'AzureDevOps' { Invoke-AzureDevOpsSuite -PackagesRoot $packages }))

    Write-Step 'Interop (the awx.awx collection against the simulator)'
    $suites.Add((Invoke-Suite 'Interop' { Invoke-InteropSuite }))

    Write-Step 'Bench (short run: proves every figure can be produced; targets are not asserted)'
    $suites.Add((Invoke-Suite 'Bench (short)' { Invoke-BenchSuite }))

    # Last, when everything it reads has been written (its own output is not teed: the log is what it reads).
    Write-Step 'Secret scan'
    $scanned = @($TestRunDir, $TestResultsDir)
    # Windows keeps ledgers under %LOCALAPPDATA% (XDG_STATE_HOME is a Unix convention): scan them there.
    if ($IsWindows) { $scanned += Join-Path $env:LOCALAPPDATA 'AapPacker/ledger' }
    $env:AAPPACKER_SECRET_SCAN_PATHS = $scanned -join [IO.Path]::PathSeparator
    $suites.Add((Invoke-Suite $SecretScanProject { Invoke-XunitSuite ($projects | Where-Object BaseName -EQ $SecretScanProject) }))

    Write-Summary $suites
}

# Runs one suite; a suite that throws (its harness broke, not a test) becomes a failed row of the summary, so
# the suites after it still run and the totals line is still printed.
function Invoke-Suite([string] $Name, [scriptblock] $Run) {
    try {
        $result = & $Run
        if ($null -eq $result) { throw 'it returned no result' }
        $result
    }
    catch {
        Write-Host "The $Name suite could not run: $_" -ForegroundColor Red
        Write-Host $_.ScriptStackTrace
        [pscustomobject]@{ Suite = $Name; Passed = 0; Failed = 1; Skipped = 0; Note = "the suite threw: $($_.Exception.Message)" }
    }
}

# What tests wrote to their output (the interruption and fault suites' figures): the console logger hides it.
# The test run's own TMPDIR, XDG_STATE_HOME (ledgers) and capture directory, fresh each run, so the secret scan
# sees exactly what this run left behind (and nothing of other runs on the machine).
function Enter-TestRunDirectory {
    if (Test-Path $TestRunDir) { Remove-Item $TestRunDir -Recurse -Force }
    $temp = Join-Path $TestRunDir 'tmp'
    foreach ($directory in $temp, (Join-Path $TestRunDir 'state'), (Join-Path $TestRunDir 'captures')) {
        $null = New-Item -ItemType Directory -Force -Path $directory
    }
    $env:TMPDIR = $temp
    $env:TMP = $temp
    $env:TEMP = $temp
    $env:XDG_STATE_HOME = Join-Path $TestRunDir 'state'
    $env:AAPPACKER_CAPTURE_DIR = Join-Path $TestRunDir 'captures'
    # Secrets tests generate (Register-TestSecret), kept beside the run directory: the scan must not read its own list.
    $env:AAPPACKER_RUN_SECRETS = Join-Path $OutRoot 'test-run-secrets.tsv'
    Remove-Item $env:AAPPACKER_RUN_SECRETS -ErrorAction SilentlyContinue
    # Under a CI agent the module registers secrets with it (printing them for the agent to mask); the tests set
    # these markers themselves where they test that, so the run behaves the same on a laptop and in CI.
    foreach ($marker in 'TF_BUILD', 'GITHUB_ACTIONS') { Remove-Item "Env:$marker" -ErrorAction SilentlyContinue }
    $null = New-Item -ItemType File -Force -Path $ConsoleLog
}

function Write-Summary($Suites) {
    $figures = @($Suites | Where-Object { $_.PSObject.Properties['Figures'] } | ForEach-Object { $_.Figures })
    if ($figures) {
        Write-Host ''
        Write-Host 'Figures' -ForegroundColor Cyan
        $figures | ForEach-Object { Write-Host "  $($_.Substring('Figures: '.Length))" }
    }
    Write-Host ''
    Write-Host 'Test summary' -ForegroundColor Cyan
    $Suites | Format-Table Suite, Passed, Failed, Skipped, Note -AutoSize | Out-String -Width 200 | Write-Host
    $passed = ($Suites | Measure-Object Passed -Sum).Sum
    $failed = ($Suites | Measure-Object Failed -Sum).Sum
    $skipped = ($Suites | Measure-Object Skipped -Sum).Sum
    $line = "$passed passed, $failed failed"
    if ($skipped -gt 0) { $line += ", $skipped skipped" }
    Write-Host $line
    if ($failed -gt 0) { exit 1 }
}

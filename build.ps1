<#
.SYNOPSIS
    Builds, tests and demonstrates AapPacker. The one entry point: thin over dotnet.

.DESCRIPTION
    Build  compiles the module (net8.0 for PowerShell 7.4+, net472 for Windows PowerShell 5.1), the simulator
           and the help generator, then assembles out/AapPacker/ from an exact allowlist of files, with help.
    Test   Build, then every xunit project (TRX results in out/TestResults) and the Pester tests (tests/Pester and
           the Packer end-to-end tests in tests/E2E) in a fresh pwsh, with their own TMPDIR and XDG_STATE_HOME
           under out/test-run and their console output teed to out/test-run/console.log; last the secret-scan
           suite checks all of that, the result files and the tests' captured output for the test secrets.
           Prints a summary per suite and, last, "N passed, N failed". Exits 1 on any failure.
    Demo   Build, start the bundled AAP simulator with build/demo-scenario.json and run Invoke-AapPackerProvision
           end to end the way a Packer shell-local provisioner does; show the exit code and that nothing is left.
    Bench  Build, then the benchmark (tests/AapPacker.Bench) against the simulator: each figure of issue 6 for
           AapPacker and for a client with the original Packer plugin's algorithm, as a table; also written to
           out/bench/bench.md and bench.json. -Short runs the small version Test runs (about two minutes).
    Help   Regenerates out/AapPacker/en-US from docs/en-US (the module must be built).
    Clean  Removes out/ and artifacts/.

    Environment: AAPPACKER_ARTIFACTS moves the dotnet build outputs (as Directory.Build.props does);
    AAPPACKER_OUT moves out/ (so two builds of one tree do not collide).

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Help', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Bench: the short run (every figure, tiny sizes) instead of the full one.
    [switch] $Short
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$RepoRoot = $PSScriptRoot
$ArtifactsRoot = if ($env:AAPPACKER_ARTIFACTS) { $env:AAPPACKER_ARTIFACTS } else { Join-Path $RepoRoot 'artifacts' }
$OutRoot = if ($env:AAPPACKER_OUT) { $env:AAPPACKER_OUT } else { Join-Path $RepoRoot 'out' }
$ModuleDir = Join-Path $OutRoot 'AapPacker'
$TestResultsDir = Join-Path $OutRoot 'TestResults'
# One test run's own temp directory, ledgers, captured output and console log: what the secret scan reads.
$TestRunDir = Join-Path $OutRoot 'test-run'
$ConsoleLog = Join-Path $TestRunDir 'console.log'
$SecretScanProject = 'AapPacker.SecretScan.Tests'
$ConfigLower = $Configuration.ToLowerInvariant()
$PesterVersion = '5.7.1'

# Where the artifacts layout puts a project's output (multi-targeted projects get a _tfm suffix).
function Get-ProjectOutput([string] $Project, [string] $Framework) {
    $leaf = if ($Framework) { "${ConfigLower}_$Framework" } else { $ConfigLower }
    Join-Path $ArtifactsRoot "bin/$Project/$leaf"
}

$SimulatorDll = Join-Path (Get-ProjectOutput 'AapPacker.Simulator') 'AapPacker.Simulator.dll'
$HelpGenDll = Join-Path (Get-ProjectOutput 'AapPacker.HelpGen') 'AapPacker.HelpGen.dll'
$BenchDll = Join-Path (Get-ProjectOutput 'AapPacker.Bench') 'AapPacker.Bench.dll'

# The module, file by file: destination under out/AapPacker -> source. Nothing else is shipped; the loading
# test fails on any file missing or extra. A new dependency of the Engine must be added here on purpose.
function Get-ModuleLayout {
    $core = Get-ProjectOutput 'AapPacker' 'net8.0'
    $desktop = Get-ProjectOutput 'AapPacker' 'net472'
    $layout = [ordered]@{
        'AapPacker.psd1'          = Join-Path $RepoRoot 'AapPacker.psd1'
        'AapPacker.Format.ps1xml' = Join-Path $RepoRoot 'src/AapPacker/AapPacker.Format.ps1xml'
    }
    foreach ($name in 'AapPacker.dll', 'AapPacker.Models.dll') {
        $layout["bin/Core/$name"] = Join-Path $core $name
        $layout["bin/Desktop/$name"] = Join-Path $desktop $name
    }
    # PowerShell 7 ships System.Text.Json and TimeProvider; the Bcl facades only forward to them.
    foreach ($name in 'AapPacker.Engine.dll', 'Polly.Core.dll', 'Microsoft.Bcl.TimeProvider.dll',
        'Microsoft.Bcl.AsyncInterfaces.dll', 'YamlDotNet.dll') {
        $layout["bin/Core/deps/$name"] = Join-Path $core $name
    }
    # Windows PowerShell 5.1 needs every netstandard polyfill, resolved by simple name from deps/.
    foreach ($name in 'AapPacker.Engine.dll', 'Polly.Core.dll', 'Microsoft.Bcl.TimeProvider.dll',
        'Microsoft.Bcl.AsyncInterfaces.dll', 'YamlDotNet.dll', 'System.Text.Json.dll',
        'System.Text.Encodings.Web.dll', 'System.Memory.dll', 'System.Buffers.dll',
        'System.Numerics.Vectors.dll', 'System.Runtime.CompilerServices.Unsafe.dll',
        'System.Threading.Tasks.Extensions.dll', 'System.ValueTuple.dll',
        'System.ComponentModel.Annotations.dll') {
        $layout["bin/Desktop/deps/$name"] = Join-Path $desktop $name
    }
    $layout
}

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Write-Step([string] $Message) {
    Write-Host "==> $Message" -ForegroundColor Cyan
}

# The command line that starts another pwsh like this one (a dotnet tool runs as 'dotnet pwsh.dll').
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    @($process)
}

function Invoke-Build {
    Write-Step "Build ($Configuration)"
    foreach ($project in 'src/AapPacker/AapPacker.csproj', 'src/AapPacker.Simulator/AapPacker.Simulator.csproj',
        'src/AapPacker.HelpGen/AapPacker.HelpGen.csproj') {
        Invoke-Native dotnet @('build', (Join-Path $RepoRoot $project), '-c', $Configuration, '--nologo', '-v', 'minimal')
    }
    Build-ModuleFolder
    Invoke-Help
}

function Build-ModuleFolder {
    Write-Step "Assemble $ModuleDir"
    $layout = Get-ModuleLayout
    Assert-NoUnlistedDependency $layout
    if (Test-Path $ModuleDir) { Remove-Item $ModuleDir -Recurse -Force }
    foreach ($entry in $layout.GetEnumerator()) {
        if (-not (Test-Path -LiteralPath $entry.Value -PathType Leaf)) {
            throw "Build output missing: $($entry.Value) (for $($entry.Key))."
        }
        $destination = Join-Path $ModuleDir $entry.Key
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $destination)
        Copy-Item -LiteralPath $entry.Value -Destination $destination
    }
}

# A dll in the build output that the allowlist does not ship would be missing at run time: fail now.
function Assert-NoUnlistedDependency($Layout) {
    $shipped = @($Layout.Values | ForEach-Object { [IO.Path]::GetFullPath($_) })
    foreach ($framework in 'net8.0', 'net472') {
        $output = Get-ProjectOutput 'AapPacker' $framework
        foreach ($dll in Get-ChildItem -Path $output -Filter *.dll -File) {
            if ($dll.Name -eq 'System.Management.Automation.dll') {
                throw "System.Management.Automation.dll is in ${output}: PowerShell provides it; keep ExcludeAssets=runtime."
            }
            if ($shipped -notcontains $dll.FullName) {
                throw "$($dll.Name) ($framework) is a new dependency: add it to Get-ModuleLayout in build.ps1 and to the allowlist in tests/Pester/Loading.Tests.ps1."
            }
        }
    }
}

function Invoke-Help {
    Write-Step 'Help'
    if (-not (Test-Path (Join-Path $ModuleDir 'AapPacker.psd1'))) {
        throw "The module is not built ($ModuleDir): run 'build.ps1 -Task Build', which also generates the help."
    }
    if (-not (Test-Path $HelpGenDll)) {
        Invoke-Native dotnet @('build', (Join-Path $RepoRoot 'src/AapPacker.HelpGen/AapPacker.HelpGen.csproj'), '-c', $Configuration, '--nologo', '-v', 'minimal')
    }
    $helpOut = Join-Path $ModuleDir 'en-US'
    & dotnet $HelpGenDll --docs (Join-Path $RepoRoot 'docs/en-US') --out $helpOut
    if ($LASTEXITCODE -ne 0) {
        # Tolerated only while the generator is still the skeleton's stub.
        $program = Get-Content -Raw (Join-Path $RepoRoot 'src/AapPacker.HelpGen/Program.cs')
        if ($program -match 'not implemented') {
            Write-Warning 'The help generator is not implemented yet: the module is built without help.'
            return
        }
        throw "The help generator failed with exit code $LASTEXITCODE."
    }
}

function Get-NuGetPackagesRoot {
    $line = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw 'dotnet nuget locals failed.' }
    ($line -replace '^\s*global-packages:\s*', '').Trim()
}

function Invoke-Test {
    Write-Step "Build solution ($Configuration)"
    try {
        Invoke-Native dotnet @('build', (Join-Path $RepoRoot 'AapPacker.sln'), '-c', $Configuration, '--nologo', '-v', 'minimal')
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
        $suites.Add((Invoke-XunitSuite $project -TeeToConsoleLog))
    }

    Write-Step 'Pester'
    $suites.Add((Invoke-PesterSuite -PackagesRoot $packages))

    Write-Step 'Bench (short run: proves every figure can be produced; targets are not asserted)'
    $suites.Add((Invoke-BenchSuite))

    # Last, when everything it reads has been written (its own output is not teed: the log is what it reads).
    Write-Step 'Secret scan'
    $scanned = @($TestRunDir, $TestResultsDir)
    # Windows keeps ledgers under %LOCALAPPDATA% (XDG_STATE_HOME is a Unix convention): scan them there.
    if ($IsWindows) { $scanned += Join-Path $env:LOCALAPPDATA 'AapPacker/ledger' }
    $env:AAPPACKER_SECRET_SCAN_PATHS = $scanned -join [IO.Path]::PathSeparator
    $suites.Add((Invoke-XunitSuite ($projects | Where-Object BaseName -EQ $SecretScanProject)))

    Write-Summary $suites
}

# Runs the benchmark program; returns its exit code (1 when a figure could not be produced).
function Invoke-BenchProgram([string] $OutputDirectory, [switch] $ShortRun) {
    $pwsh = Get-PwshCommand
    $arguments = @($BenchDll, '--module', (Join-Path $ModuleDir 'AapPacker.psd1'), '--out', $OutputDirectory, '--pwsh', $pwsh[0])
    foreach ($extra in @($pwsh | Select-Object -Skip 1)) { $arguments += @('--pwsh-arg', $extra) }
    if ($ShortRun) { $arguments += '--short' }
    & dotnet @arguments | Out-Host
    $LASTEXITCODE
}

# The short bench as a suite: one test per figure it must produce (bench.json lists what is missing).
function Invoke-BenchSuite {
    $directory = Join-Path $TestResultsDir 'bench'
    $exit = Invoke-BenchProgram -OutputDirectory $directory -ShortRun
    $json = Join-Path $directory 'bench.json'
    if (-not (Test-Path $json)) {
        return [pscustomobject]@{ Suite = 'Bench (short)'; Passed = 0; Failed = 1; Skipped = 0; Note = "no bench.json (exit $exit)" }
    }
    $result = Get-Content -Raw $json | ConvertFrom-Json
    $missing = @($result.missing)
    $produced = @($result.rows | Where-Object { $null -ne $_.aapPacker } | Select-Object -ExpandProperty id -Unique)
    $note = if ($missing.Count -gt 0) { "missing: $($missing -join ', ')" } elseif ($exit -ne 0) { "exit $exit" } else { '' }
    $failed = $missing.Count + $(if ($missing.Count -eq 0 -and $exit -ne 0) { 1 } else { 0 })
    [pscustomobject]@{ Suite = 'Bench (short)'; Passed = $produced.Count; Failed = $failed; Skipped = 0; Note = $note }
}

function Invoke-Bench {
    Invoke-Build
    Invoke-Native dotnet @('build', (Join-Path $RepoRoot 'tests/AapPacker.Bench/AapPacker.Bench.csproj'), '-c', $Configuration, '--nologo', '-v', 'minimal')
    $mode = if ($Short) { 'short' } else { 'full' }
    Write-Step "Bench ($mode run; the table is also written to $(Join-Path $OutRoot 'bench'))"
    $exit = Invoke-BenchProgram -OutputDirectory (Join-Path $OutRoot 'bench') -ShortRun:$Short
    if ($exit -ne 0) { throw "The bench could not produce every figure (exit code $exit)." }
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

function Invoke-XunitSuite([Parameter(Mandatory)] [IO.FileInfo] $Project, [switch] $TeeToConsoleLog) {
    $name = $Project.BaseName
    Write-Step "xunit: $name"
    $trx = Join-Path $TestResultsDir "$name.trx"
    # A test hanging longer than the hang timeout is killed and reported (by name) instead of eating the CI budget.
    $arguments = @('test', $Project.FullName, '-c', $Configuration, '--no-build', '--nologo',
        '--logger', "trx;LogFileName=$trx", '--logger', 'console;verbosity=normal', '--results-directory', $TestResultsDir,
        '--blame-hang-timeout', '5m', '--blame-hang-dump-type', 'none')
    if ($TeeToConsoleLog) { & dotnet @arguments | Tee-Object -FilePath $ConsoleLog -Append | Out-Host }
    else { & dotnet @arguments | Out-Host }
    $exit = $LASTEXITCODE
    Read-TrxResult -Name $name -Path $trx -ExitCode $exit
}

# One pass over a suite's TRX file: prints what each test wrote to its output, and returns the suite's counts with
# the "Figures: ..." lines among that output (fault suite, secret scan, ...) for the summary.
function Read-TrxResult([string] $Name, [string] $Path, [int] $ExitCode) {
    if (-not (Test-Path $Path)) {
        # No results at all (crash, no tests discovered): count the suite as one failure.
        return [pscustomobject]@{ Suite = $Name; Passed = 0; Failed = 1; Skipped = 0; Note = "no TRX (exit $ExitCode)"; Figures = @() }
    }
    [xml] $xml = Get-Content -Raw $Path
    $ns = @{ t = $xml.DocumentElement.NamespaceURI }
    $figures = [Collections.Generic.List[string]]::new()
    foreach ($result in Select-Xml -Xml $xml -XPath '//t:UnitTestResult[t:Output/t:StdOut]' -Namespace $ns) {
        $lines = @($result.Node.Output.StdOut -split "`r?`n" | Where-Object { $_ -and $_ -notmatch '^\[xUnit\.net' })
        if ($lines.Count -eq 0) { continue }
        Write-Host "$Name output of $($result.Node.testName):"
        $lines | ForEach-Object { Write-Host "  $_" }
        $lines | Where-Object { $_ -like 'Figures: *' } | ForEach-Object { $figures.Add($_) }
    }
    $counters = $xml.TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    $note = ''
    if ($ExitCode -ne 0 -and $failed -eq 0) { $failed = 1; $note = "dotnet test exit $ExitCode" }
    [pscustomobject]@{
        Suite   = $Name
        Passed  = [int]$counters.passed
        Failed  = $failed
        Skipped = [int]$counters.notExecuted
        Note    = $note
        Figures = $figures.ToArray()
    }
}

function Invoke-PesterSuite([string] $PackagesRoot) {
    $pester = Join-Path $PackagesRoot "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $PesterVersion not found at $pester (restore build/Tools.csproj)." }
    $summaryPath = Join-Path $TestResultsDir 'pester-summary.json'
    # A child pwsh, so the tests meet the built module the way a user does: freshly imported.
    $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:AAPPACKER_PESTER_PSD1
$configuration = New-PesterConfiguration
$configuration.Run.Path = $env:AAPPACKER_PESTER_TESTS -split [IO.Path]::PathSeparator
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $env:AAPPACKER_TESTRESULTS 'Pester.xml'
$result = Invoke-Pester -Configuration $configuration
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $env:AAPPACKER_PESTER_SUMMARY
'@
    $env:AAPPACKER_PESTER_PSD1 = $pester
    # tests/E2E: Packer + sshd + ansible-playbook against the simulator's real-runner mode (skipped with the reason when
    # those tools are missing, failed under CI=true).
    $env:AAPPACKER_PESTER_TESTS = (Join-Path $RepoRoot 'tests/Pester'), (Join-Path $RepoRoot 'tests/E2E') -join [IO.Path]::PathSeparator
    $env:AAPPACKER_TESTRESULTS = $TestResultsDir
    $env:AAPPACKER_PESTER_SUMMARY = $summaryPath
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
    $pwsh = Get-PwshCommand
    $prefix = @($pwsh | Select-Object -Skip 1)
    & $pwsh[0] @prefix -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encoded 2>&1 |
        ForEach-Object { "$_" } | Tee-Object -FilePath $ConsoleLog -Append | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $summaryPath)) {
        return [pscustomobject]@{ Suite = 'Pester'; Passed = 0; Failed = 1; Skipped = 0; Note = "no summary (exit $exit)" }
    }
    $summary = Get-Content -Raw $summaryPath | ConvertFrom-Json
    [pscustomobject]@{ Suite = 'Pester'; Passed = [int]$summary.Passed; Failed = [int]$summary.Failed; Skipped = [int]$summary.Skipped; Note = '' }
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

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $RepoRoot 'tests/Pester/TestHelpers.psm1') -Force
    Write-Step 'Start the AAP simulator (gateway layout, demo scenario: job template "Install Docker", real time)'
    $scenario = Join-Path $RepoRoot 'build/demo-scenario.json'
    $simulator = Start-TestSimulator -Layout gateway -Scenario $scenario -TimeScale 1 -SimulatorPath $SimulatorDll
    $saved = @{}
    try {
        Write-Host "Simulator: $($simulator.Uri)"
        # What a Packer shell-local provisioner hands the script (packer-and-ci.md 3.2): the target in AAPPACKER_*,
        # the target's password base64-encoded, the AAP server and token from the agent's environment. The target
        # is fictional (the simulator runs no SSH); the password is random and never printed.
        $password = [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(18))
        $demoEnvironment = [ordered]@{
            AAP_HOSTNAME           = $simulator.Uri
            AAP_TOKEN              = 'sim-admin-token'
            AAPPACKER_HOST         = '10.0.0.5'
            AAPPACKER_PORT         = '22'
            AAPPACKER_USER         = 'ec2-user'
            AAPPACKER_CONNTYPE     = 'ssh'
            AAPPACKER_RUN_ID       = [guid]::NewGuid().ToString()
            AAPPACKER_BUILD        = 'demo'
            AAPPACKER_PASSWORD_B64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($password))
            PACKER_BUILDER_TYPE    = 'amazon-ebs'
        }
        foreach ($entry in $demoEnvironment.GetEnumerator()) {
            $saved[$entry.Key] = [Environment]::GetEnvironmentVariable($entry.Key)
            [Environment]::SetEnvironmentVariable($entry.Key, [string]$entry.Value)
        }

        # The provisioner's inline script, as Packer writes it to a temporary .ps1.
        $script = Join-Path ([IO.Path]::GetTempPath()) "aappacker-demo-$PID.ps1"
        $module = Join-Path $ModuleDir 'AapPacker.psd1'
        @(
            '$global:LASTEXITCODE = 4'
            "Import-Module '$module'"
            '$result = Invoke-AapPackerProvision -JobTemplate ''Install Docker'' -Organization Default -ExtraVars @{ docker_channel = ''stable'' } -Timeout 300'
            'exit $LASTEXITCODE'
        ) | Set-Content -Path $script -Encoding utf8
        Write-Step 'Invoke-AapPackerProvision, run the way Packer''s shell-local provisioner runs it'
        Write-Host "> pwsh -NoProfile -NonInteractive -Command `"& '<inline script>'; exit `$LASTEXITCODE`"" -ForegroundColor DarkGray
        Get-Content $script | ForEach-Object { Write-Host "    $_" -ForegroundColor DarkGray }
        $pwsh = Get-PwshCommand
        $prefix = @($pwsh | Select-Object -Skip 1)
        & $pwsh[0] @prefix -NoProfile -NonInteractive -Command "& '$script'; exit `$LASTEXITCODE" | Tee-Object -Variable demoOutput | Out-Host
        $exitCode = $LASTEXITCODE
        Remove-Item $script -ErrorAction SilentlyContinue
        Write-Host "Exit code handed to Packer: $exitCode"
        if (($demoOutput -join "`n") -match 'handed to the cleanup guardian \d+ \(process (\d+)\)') {
            # The run returned once the job ended; the guardian it handed the inventory to removes it and confirms.
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Wait-Process -Id ([int]$Matches[1]) -Timeout 90 -ErrorAction SilentlyContinue
            Write-Host ("The cleanup guardian (process {0}) finished {1:0.0} s after the run returned" -f $Matches[1], $clock.Elapsed.TotalSeconds)
        }

        Write-Step 'What the simulator holds now'
        $state = Invoke-SimulatorControl -Simulator $simulator -Path 'state'
        Write-Host "Jobs run: $(@($state.jobs).Count); temporary inventories, hosts and credentials left (userObjects): $($state.userObjects)"
        if ($exitCode -ne 0) { throw "The demo provisioning run ended with exit code $exitCode." }
        if ($state.userObjects -ne 0) { throw "The simulator still holds $($state.userObjects) object(s) the run created." }
        Write-Step 'Demo done: the job ran, its output streamed, and nothing was left behind'
    }
    finally {
        foreach ($entry in $saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($entry.Key, $entry.Value) }
        & $simulator.Stop
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Help' { Invoke-Help }
    'Clean' {
        foreach ($path in $OutRoot, $ArtifactsRoot) {
            if (Test-Path $path) {
                Write-Step "Remove $path"
                Remove-Item $path -Recurse -Force
            }
        }
    }
}

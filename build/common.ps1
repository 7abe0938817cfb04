# What every build task shares: the layout of the tree and of the build outputs, and small helpers.
# Dot-sourced by build.ps1 after its parameters are bound ($Configuration, $Short).

$RepoRoot = Split-Path $PSScriptRoot -Parent
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

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-DotnetBuild([Parameter(Mandatory)] [string] $Project) {
    Invoke-Native dotnet @('build', (Join-Path $RepoRoot $Project), '-c', $Configuration, '--nologo', '-v', 'minimal')
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

function Get-NuGetPackagesRoot {
    $line = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw 'dotnet nuget locals failed.' }
    ($line -replace '^\s*global-packages:\s*', '').Trim()
}

# Runs Pester on -Tests in a fresh pwsh, so the tests meet the built module the way a user does (freshly imported),
# with -Environment set for the child only; the NUnit XML goes to -ResultsPath. Every line goes to the console log.
# Returns the counts (Passed, Failed, Skipped; Summary $false when the child wrote none), its Exit code and the
# "Figures: ..." lines it printed (they go into the test summary, as the xunit suites' do).
function Invoke-PesterInChild {
    param(
        [Parameter(Mandatory)] [string] $PackagesRoot,
        [Parameter(Mandatory)] [string[]] $Tests,
        [Parameter(Mandatory)] [string] $ResultsPath,
        [System.Collections.IDictionary] $Environment = @{}
    )
    $pester = Join-Path $PackagesRoot "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $PesterVersion not found at $pester (restore build/Tools.csproj)." }
    $summaryPath = [IO.Path]::ChangeExtension($ResultsPath, '.summary.json')
    Remove-Item $summaryPath -ErrorAction SilentlyContinue
    $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:AAPPACKER_PESTER_PSD1
$configuration = New-PesterConfiguration
$configuration.Run.Path = $env:AAPPACKER_PESTER_TESTS -split [IO.Path]::PathSeparator
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $env:AAPPACKER_PESTER_RESULTS
$result = Invoke-Pester -Configuration $configuration
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $env:AAPPACKER_PESTER_SUMMARY
'@
    $childEnvironment = [ordered]@{}
    foreach ($entry in $Environment.GetEnumerator()) { $childEnvironment[$entry.Key] = $entry.Value }
    $childEnvironment['AAPPACKER_PESTER_PSD1'] = $pester
    $childEnvironment['AAPPACKER_PESTER_TESTS'] = $Tests -join [IO.Path]::PathSeparator
    $childEnvironment['AAPPACKER_PESTER_RESULTS'] = $ResultsPath
    $childEnvironment['AAPPACKER_PESTER_SUMMARY'] = $summaryPath
    $saved = @{}
    foreach ($entry in $childEnvironment.GetEnumerator()) {
        $saved[$entry.Key] = [Environment]::GetEnvironmentVariable($entry.Key)
        [Environment]::SetEnvironmentVariable($entry.Key, [string]$entry.Value)
    }
    $figures = [Collections.Generic.List[string]]::new()
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        $pwsh = Get-PwshCommand
        $prefix = @($pwsh | Select-Object -Skip 1)
        & $pwsh[0] @prefix -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encoded 2>&1 |
            ForEach-Object { "$_" } | Tee-Object -FilePath $ConsoleLog -Append |
            ForEach-Object { if ($_ -like 'Figures: *') { $figures.Add($_) }; $_ } | Out-Host
        $exit = $LASTEXITCODE
    }
    finally {
        foreach ($entry in $saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($entry.Key, $entry.Value) }
    }
    $summary = if (Test-Path $summaryPath) { Get-Content -Raw $summaryPath | ConvertFrom-Json }
    [pscustomobject]@{
        Summary = [bool]$summary
        Passed  = if ($summary) { [int]$summary.Passed } else { 0 }
        Failed  = if ($summary) { [int]$summary.Failed } else { 1 }
        Skipped = if ($summary) { [int]$summary.Skipped } else { 0 }
        Exit    = $exit
        Figures = $figures.ToArray()
    }
}

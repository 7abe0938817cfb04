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

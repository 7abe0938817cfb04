# The Windows leg of CI (windows-latest, run by pwsh): build the module, then
#   - in pwsh, the Pester tests that apply to Windows: help, loading (bin/Desktop in the PowerShell 7 engine too),
#     the provisioning lifecycle against the simulator, and the recipes;
#   - in Windows PowerShell 5.1 (powershell.exe), .github/ci/WindowsPowerShell.Tests.ps1: bin/Desktop, the cmdlets
#     and help, and the Windows recipe's shell-local block run with powershell.exe.
# Writes NUnit XML for each and out/TestResults/summary.txt (the table and "N passed, N failed"); exits 1 on a failure.
[CmdletBinding()]
param([ValidateSet('Release', 'Debug')] [string] $Configuration = 'Release')

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Short = $false
$Prerelease = ''
$repository = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
. (Join-Path $repository 'build/common.ps1')
foreach ($script in Get-ChildItem (Join-Path $repository 'build/tasks'), (Join-Path $repository 'build/suites') -Filter *.ps1) {
    . $script.FullName
}

Invoke-Build
Invoke-Native dotnet @('restore', (Join-Path $RepoRoot 'build/Tools.csproj'), '--nologo', '-v', 'quiet')
$pester = Join-Path (Get-NuGetPackagesRoot) "pester/$PesterVersion/tools/Pester.psd1"
$null = New-Item -ItemType Directory -Force -Path $TestResultsDir
$env:AAPPACKER_MODULE_PATH = Join-Path $ModuleDir 'AapPacker.psd1'
$env:AAPPACKER_SIMULATOR_DLL = $SimulatorDll
$env:AAPPACKER_NUGET_PACKAGES = Get-NuGetPackagesRoot
$env:AAPPACKER_TESTSECRETS_DLL = Join-Path (Get-ProjectOutput 'AapPacker.TestSecrets') 'AapPacker.TestSecrets.dll'
Invoke-DotnetBuild 'tests/AapPacker.TestSecrets/AapPacker.TestSecrets.csproj'
Enter-TestRunDirectory

# One Pester run in a child shell (pwsh or powershell.exe); returns a summary row.
function Invoke-PesterIn([string] $Suite, [string[]] $Shell, [string[]] $Paths) {
    $results = Join-Path $TestResultsDir "$($Suite -replace '\W', '').xml"
    $summary = Join-Path $TestResultsDir "$($Suite -replace '\W', '').json"
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = @('$($Paths -join "', '")')
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = 'Detailed'
`$configuration.TestResult.Enabled = `$true
`$configuration.TestResult.OutputFormat = 'NUnitXml'
`$configuration.TestResult.OutputPath = '$results'
`$result = Invoke-Pester -Configuration `$configuration
@{ Passed = `$result.PassedCount; Failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount
   Skipped = `$result.SkippedCount + `$result.NotRunCount } | ConvertTo-Json | Set-Content -Path '$summary'
"@
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
    $prefix = @($Shell | Select-Object -Skip 1)
    & $Shell[0] @prefix -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand $encoded | Out-Host
    if (-not (Test-Path $summary)) { return [pscustomobject]@{ Suite = $Suite; Passed = 0; Failed = 1; Skipped = 0; Note = "no summary (exit $LASTEXITCODE)" } }
    $counts = Get-Content -Raw $summary | ConvertFrom-Json
    [pscustomobject]@{ Suite = $Suite; Passed = [int]$counts.Passed; Failed = [int]$counts.Failed; Skipped = [int]$counts.Skipped; Note = '' }
}

$pesterTests = 'Help', 'Loading', 'Lifecycle.Provision', 'Recipes' | ForEach-Object { Join-Path $RepoRoot "tests/Pester/$_.Tests.ps1" }
$rows = @(
    Invoke-PesterIn -Suite 'Pester (pwsh)' -Shell (Get-PwshCommand) -Paths $pesterTests
    Invoke-PesterIn -Suite 'Windows PowerShell 5.1' -Shell @('powershell.exe') -Paths @(Join-Path $PSScriptRoot 'WindowsPowerShell.Tests.ps1')
)
$passed = ($rows | Measure-Object Passed -Sum).Sum
$failed = ($rows | Measure-Object Failed -Sum).Sum
$table = ($rows | Format-Table Suite, Passed, Failed, Skipped, Note -AutoSize | Out-String -Width 200).TrimEnd()
"$table`n`n$passed passed, $failed failed" | Tee-Object -FilePath (Join-Path $TestResultsDir 'summary.txt') | Write-Host
if ($failed -gt 0 -or $passed -eq 0) { exit 1 }

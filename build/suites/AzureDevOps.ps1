# The Azure DevOps extension: build it (build.ps1 -Task Extension: npm ci, tsc, tfx extension create), then the
# tests in tests/AzureDevOps in a fresh pwsh: the package's manifest, each task's compiled entry run as the agent runs
# it against the simulator, and AapPackerBuild@1 with real Packer (skipped when Packer, sshd or ansible are missing,
# failed under CI=true).

function Invoke-AzureDevOpsSuite([string] $PackagesRoot) {
    try {
        $null = Invoke-Extension 2>&1 | ForEach-Object { "$_" } | Tee-Object -FilePath $ConsoleLog -Append | Out-Host
    }
    catch {
        Write-Host $_ -ForegroundColor Red
        return [pscustomobject]@{ Suite = 'AzureDevOps'; Passed = 0; Failed = 1; Skipped = 0; Note = "extension build failed: $($_.Exception.Message)" }
    }
    $pester = Join-Path $PackagesRoot "pester/$PesterVersion/tools/Pester.psd1"
    $summaryPath = Join-Path $TestResultsDir 'azuredevops-summary.json'
    $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:AAPPACKER_PESTER_PSD1
$configuration = New-PesterConfiguration
$configuration.Run.Path = $env:AAPPACKER_ADO_TESTS
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $env:AAPPACKER_TESTRESULTS 'AzureDevOps.xml'
$result = Invoke-Pester -Configuration $configuration
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $env:AAPPACKER_ADO_SUMMARY
'@
    $env:AAPPACKER_PESTER_PSD1 = $pester
    $env:AAPPACKER_ADO_TESTS = Join-Path $RepoRoot 'tests/AzureDevOps'
    $env:AAPPACKER_TESTRESULTS = $TestResultsDir
    $env:AAPPACKER_ADO_SUMMARY = $summaryPath
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
    $pwsh = Get-PwshCommand
    $prefix = @($pwsh | Select-Object -Skip 1)
    $figures = [Collections.Generic.List[string]]::new()
    & $pwsh[0] @prefix -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encoded 2>&1 |
        ForEach-Object { "$_" } | Tee-Object -FilePath $ConsoleLog -Append |
        ForEach-Object { if ($_ -like 'Figures: *') { $figures.Add($_) }; $_ } | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $summaryPath)) {
        return [pscustomobject]@{ Suite = 'AzureDevOps'; Passed = 0; Failed = 1; Skipped = 0; Note = "no summary (exit $exit)"; Figures = $figures.ToArray() }
    }
    $summary = Get-Content -Raw $summaryPath | ConvertFrom-Json
    [pscustomobject]@{ Suite = 'AzureDevOps'; Passed = [int]$summary.Passed; Failed = [int]$summary.Failed; Skipped = [int]$summary.Skipped; Note = 'extension built'; Figures = $figures.ToArray() }
}

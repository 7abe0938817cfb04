# tests/Pester and tests/E2E in a fresh pwsh, so the tests meet the built module the way a user does.

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
    # "Figures: ..." lines (the guardian first-second trials, E2E) go into the summary, as the xunit suites' do.
    $figures = [Collections.Generic.List[string]]::new()
    & $pwsh[0] @prefix -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encoded 2>&1 |
        ForEach-Object { $line = "$_"; if ($line -like 'Figures: *') { $figures.Add($line) }; $line } | Tee-Object -FilePath $ConsoleLog -Append | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $summaryPath)) {
        return [pscustomobject]@{ Suite = 'Pester'; Passed = 0; Failed = 1; Skipped = 0; Note = "no summary (exit $exit)"; Figures = $figures.ToArray() }
    }
    $summary = Get-Content -Raw $summaryPath | ConvertFrom-Json
    [pscustomobject]@{ Suite = 'Pester'; Passed = [int]$summary.Passed; Failed = [int]$summary.Failed; Skipped = [int]$summary.Skipped; Note = ''; Figures = $figures.ToArray() }
}

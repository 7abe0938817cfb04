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
    $run = Invoke-PesterInChild -PackagesRoot $PackagesRoot -Tests (Join-Path $RepoRoot 'tests/AzureDevOps') `
        -ResultsPath (Join-Path $TestResultsDir 'AzureDevOps.xml')
    $note = if ($run.Summary) { 'extension built' } else { "no summary (exit $($run.Exit))" }
    [pscustomobject]@{ Suite = 'AzureDevOps'; Passed = $run.Passed; Failed = $run.Failed; Skipped = $run.Skipped; Note = $note; Figures = $run.Figures }
}

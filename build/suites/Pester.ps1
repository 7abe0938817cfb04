# tests/Pester and tests/E2E in a fresh pwsh, so the tests meet the built module the way a user does.

function Invoke-PesterSuite([string] $PackagesRoot) {
    # tests/E2E: Packer + sshd + ansible-playbook against the simulator's real-runner mode (skipped with the reason when
    # those tools are missing, failed under CI=true). "Figures: ..." lines (the guardian first-second trials, E2E) go
    # into the summary.
    $run = Invoke-PesterInChild -PackagesRoot $PackagesRoot -Tests (Join-Path $RepoRoot 'tests/Pester'), (Join-Path $RepoRoot 'tests/E2E') `
        -ResultsPath (Join-Path $TestResultsDir 'Pester.xml')
    $note = if ($run.Summary) { '' } else { "no summary (exit $($run.Exit))" }
    [pscustomobject]@{ Suite = 'Pester'; Passed = $run.Passed; Failed = $run.Failed; Skipped = $run.Skipped; Note = $note; Figures = $run.Figures }
}

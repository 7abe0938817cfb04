# The workflow suite: @action-validator/cli (build/node, installed by `npm ci` there; .ci/run does it) checks the
# project's own .github/workflows/*.yml and the GitHub Actions example users copy; a broken workflow must be rejected,
# so a validator that passes everything fails the suite.

function Invoke-WorkflowSuite {
    $validator = Join-Path $RepoRoot 'build/node/node_modules/@action-validator/cli/cli.mjs'
    if (-not (Test-Path $validator)) {
        return [pscustomobject]@{ Suite = 'Workflow'; Passed = 0; Failed = 1; Skipped = 0; Note = "action-validator missing: run 'npm ci' in build/node" }
    }
    $broken = Join-Path $TestRunDir 'broken-workflow.yml'
    "on: push`njobs:`n  test:`n    runs-on: ubuntu-latest`n    stepz:`n      - run: dotnet test`n" | Set-Content -Path $broken
    $cases = @(Get-ChildItem (Join-Path $RepoRoot '.github/workflows') -Filter *.yml | ForEach-Object { @{ Path = $_.FullName; Valid = $true } })
    $cases += @{ Path = Join-Path $RepoRoot 'docs/examples/github-actions.yml'; Valid = $true }
    $cases += @{ Path = $broken; Valid = $false }
    $passed = 0
    $failures = [Collections.Generic.List[string]]::new()
    foreach ($case in $cases) {
        $name = [IO.Path]::GetRelativePath($RepoRoot, $case.Path).Replace('\', '/')
        $output = & node $validator $case.Path 2>&1 | ForEach-Object { "$_" }
        $valid = $LASTEXITCODE -eq 0
        $verdict = if ($valid) { 'valid' } else { 'invalid' }
        Write-Host "action-validator $name -> $verdict (exit $LASTEXITCODE)"
        if ($output) { $output | Out-String | Write-Host }
        if ($valid -eq $case.Valid) { $passed++ } else { $failures.Add("$name $verdict") }
    }
    [pscustomobject]@{ Suite = 'Workflow'; Passed = $passed; Failed = $failures.Count; Skipped = 0; Note = $failures -join '; ' }
}

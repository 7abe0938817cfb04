# The xunit projects as suites: dotnet test with a TRX each, read back into counts and "Figures:" lines.

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

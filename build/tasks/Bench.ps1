# Bench: the benchmark (tests/AapPacker.Bench) against the simulator; its short run is also a suite of the Test task.

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
    Invoke-DotnetBuild 'tests/AapPacker.Bench/AapPacker.Bench.csproj'
    $mode = if ($Short) { 'short' } else { 'full' }
    Write-Step "Bench ($mode run; the table is also written to $(Join-Path $OutRoot 'bench'))"
    $exit = Invoke-BenchProgram -OutputDirectory (Join-Path $OutRoot 'bench') -ShortRun:$Short
    if ($exit -ne 0) { throw "The bench could not produce every figure (exit code $exit)." }
}

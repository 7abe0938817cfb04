using AapPacker.TestSecrets;
using Xunit.Abstractions;

namespace AapPacker.SecretScan.Tests;

/// <summary>
/// The secret scan of a whole test run: <c>build.ps1 -Task Test</c> runs this project last, with
/// <c>AAPPACKER_SECRET_SCAN_PATHS</c> listing the console log, the TRX and Pester result files, the run's TMPDIR
/// and XDG_STATE_HOME (ledgers) and the tests' captured output; any form of any catalogue secret there fails it.
/// </summary>
public class TestRunScanTests(ITestOutputHelper output)
{
    [Fact]
    public void The_test_run_left_no_secret_in_its_output_results_temp_files_or_ledgers()
    {
        var paths = ScanPaths();
        var result = new SecretChecker().CheckTrees(paths);

        var forms = TestSecretCatalog.Scanned.Sum(s => SecretForms.Of(s.Value).Count);
        output.WriteLine($"Figures: secret scan: {TestSecretCatalog.Scanned.Count} secrets in {forms} forms, {result.FilesScanned} files, {result.Findings.Count} findings, {result.Unreadable.Count} unreadable");
        foreach (var path in paths)
        {
            output.WriteLine($"  scanned: {path}");
        }

        foreach (var line in result.Findings.Select(f => f.ToString()).Concat(result.Unreadable.Select(u => "unreadable: " + u)))
        {
            output.WriteLine("  " + line);
        }

        Assert.True(result.FilesScanned > 0, "The secret scan found no files to scan: run it through 'build.ps1 -Task Test', which sets AAPPACKER_SECRET_SCAN_PATHS.");
        Assert.True(result.Findings.Count == 0, "Secrets leaked into the test run's files:\n" + string.Join("\n", result.Findings));
        Assert.True(result.Unreadable.Count == 0, "Files the scan could not read:\n" + string.Join("\n", result.Unreadable));
    }

    // Set by build.ps1; by hand, the last run's results under out/ are scanned.
    private static string[] ScanPaths()
    {
        var listed = Environment.GetEnvironmentVariable("AAPPACKER_SECRET_SCAN_PATHS");
        if (!string.IsNullOrWhiteSpace(listed))
        {
            return listed.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AapPacker.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null ? [] : [Path.Combine(directory.FullName, "out", "test-run")];
    }
}

using System.Diagnostics;

namespace AapPacker.Bench.Figures;

/// <summary>
/// Figure 6: many builds at once against one simulator — Invoke-AapPackerProvision in that many runspaces of this
/// process, all started together; then the same number of baseline lifecycles. Successes (exit code 0), what is
/// left in AAP after the asynchronous inventory deletions, refused creates (a name collision answers 400), and
/// requests per second at the server over the run. This host is not pwsh, so a lifecycle starts a cleanup guardian only
/// where a pwsh is on PATH (under build.ps1 it is: PowerShell puts $PSHOME there); the row's note says which.
/// </summary>
internal static class ConcurrencyFigure
{
    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var environment = context.Environment;
        var count = settings.ConcurrentLifecycles;
        var runspaces = await context.OpenRunspacesAsync(count);
        Measured ours;
        int guarded;
        try
        {
            environment.Reset();
            var clock = Stopwatch.StartNew();
            var runs = await Task.WhenAll(runspaces.Select(r => r.InvokeAsync(Scripts.Provision, context.ScriptParameters(BenchScenario.BuildJob))));
            var successes = runs.Count(r => r.Output.Count == 1 && (int)r.Output[0].Properties["ExitCode"].Value == 0);
            guarded = runs.Count(r => !r.Warnings.Any(w => w.StartsWith(OverheadFigure.KillProtectionOff, StringComparison.Ordinal)));
            ours = await MeasureAsync(environment, successes, clock.Elapsed);
        }
        finally
        {
            foreach (var runspace in runspaces)
            {
                runspace.Dispose();
            }
        }

        environment.Reset();
        var templateId = await context.TemplateIdAsync(BenchScenario.BuildJob);
        var baselineClock = Stopwatch.StartNew();
        var baselineRuns = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var baseline = context.NewBaseline();
            try
            {
                var run = await baseline.RunAsync(templateId, context.OrganizationId, BenchContext.NewBuildId());
                return run.Status == "successful" && run.CleanedUp;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));
        var theirs = await MeasureAsync(environment, baselineRuns.Count(ok => ok), baselineClock.Elapsed);

        var report = context.Report;
        report.Add(new BenchRow("concurrent_successes", $"6. {count} lifecycles at once: succeeded", "builds", ours.Successes, theirs.Successes, $"{count}", ours.Successes == count,
            $"all done in {ours.Wall.TotalSeconds:0.#} s (AapPacker), {theirs.Wall.TotalSeconds:0.#} s (baseline); "
            + (guarded == 0
                ? $"runspaces without cleanup guardians ({count} more pwsh on {Environment.ProcessorCount} cores would measure the machine, not AapPacker)"
                : $"{guarded} of {count} runspaces started a cleanup guardian (a pwsh on PATH)")));
        report.Add(new BenchRow("concurrent_leftovers", "6. … objects left in AAP", "objects", ours.Leftovers, theirs.Leftovers, "0", ours.Leftovers == 0,
            "after waiting up to 15 s for asynchronous inventory deletions"));
        report.Add(new BenchRow("concurrent_collisions", "6. … creates refused (name collisions)", "requests", ours.RefusedCreates, theirs.RefusedCreates, "0", ours.RefusedCreates == 0));
        report.Add(new BenchRow("concurrent_requests_per_second", "6. … requests per second at the server", "req/s", ours.RequestsPerSecond, theirs.RequestsPerSecond, "", null,
            $"{ours.Requests} requests (AapPacker), {theirs.Requests} (baseline)"));
    }

    private static async Task<Measured> MeasureAsync(BenchEnvironment environment, int successes, TimeSpan wall)
    {
        var requests = await environment.RequestsAsync();
        var refused = requests.Count(r => r.Method == "POST" && r.Status == 400
            && (r.Path.EndsWith("/inventories/", StringComparison.Ordinal) || r.Path.EndsWith("/credentials/", StringComparison.Ordinal) || r.Path.EndsWith("/hosts/", StringComparison.Ordinal)));
        var leftovers = await environment.LeftoversAfterDeletionsAsync(TimeSpan.FromSeconds(15));
        return new Measured(successes, leftovers, refused, requests.Count, wall, requests.Count / wall.TotalSeconds);
    }

    private sealed record Measured(int Successes, int Leftovers, int RefusedCreates, int Requests, TimeSpan Wall, double RequestsPerSecond);
}

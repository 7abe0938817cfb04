namespace AapPacker.Bench.Figures;

/// <summary>
/// Figure 1: what a build costs beyond the job itself. Wall time of one Invoke-AapPackerProvision (preflight,
/// temporary objects, launch, follow, cleanup) minus the job's own time in AAP (launch to terminal, as AAP
/// records it). pwsh start and the import are figure 7. The baseline's lifecycle is timed the same way.
/// The cleanup guardian runs, as in a Packer build (a pwsh is put on PATH for it), so what the cmdlet hands over
/// to it is not counted: after each lifecycle the figure waits until the build's objects are gone and reports how
/// long after the return that was.
/// </summary>
internal static class OverheadFigure
{
    /// <summary>AAPPACKER_BENCH_TRACE=1 prints each lifecycle line against the job's times (where the overhead goes).</summary>
    private static void Trace(ScriptRun run, DateTimeOffset created, DateTimeOffset finished)
    {
        if (Environment.GetEnvironmentVariable("AAPPACKER_BENCH_TRACE") != "1")
        {
            return;
        }

        Console.WriteLine($"  job created {created:HH:mm:ss.fff}, finished {finished:HH:mm:ss.fff}");
        foreach (var record in run.Information.Where(r => !r.IsJobOutput))
        {
            var text = record.Text.Length > 110 ? record.Text[..110] : record.Text;
            Console.WriteLine($"  {record.At:HH:mm:ss.fff} {text}");
        }
    }

    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var environment = context.Environment;
        var templateId = await context.TemplateIdAsync(BenchScenario.BuildJob);
        using var pwsh = PwshOnPath.Install(settings.PwshCommand);
        if (pwsh is null)
        {
            context.Report.Note("1. overhead: no pwsh launcher on Windows; the guardian needs a pwsh.exe on PATH (the figure fails without one).");
        }

        using var session = ModuleRunspace.Open(settings.ModulePath);
        using var baseline = context.NewBaseline();

        var ours = Task.Run(async () =>
        {
            var overheads = new List<double>();
            var leftAfter = new List<double>();
            for (var i = 0; i < settings.OverheadRuns; i++)
            {
                var parameters = context.ScriptParameters(BenchScenario.BuildJob);
                var run = session.Invoke(Scripts.Provision, parameters);
                var returned = DateTimeOffset.UtcNow;
                var result = run.Output.Single();
                if ((int)result.Properties["ExitCode"].Value != 0)
                {
                    throw new InvalidOperationException("Invoke-AapPackerProvision failed: " + string.Join("; ", run.Errors));
                }

                if (run.Warnings.FirstOrDefault(w => w.StartsWith(KillProtectionOff, StringComparison.Ordinal)) is { } warning)
                {
                    throw new InvalidOperationException("The cleanup guardian did not start, so this is not a build's path: " + warning);
                }

                var (created, finished) = await environment.JobTimesAsync((int)result.Properties["JobId"].Value);
                overheads.Add((double)result.Properties["Seconds"].Value - (finished - created).TotalSeconds);
                Trace(run, created, finished);
                leftAfter.Add(await NothingLeftAfterAsync(environment, (string)parameters["BuildId"]!, returned));
            }

            return (Overheads: overheads, LeftAfter: leftAfter);
        });
        var theirs = Task.Run(async () =>
        {
            var overheads = new List<double>();
            for (var i = 0; i < settings.OverheadRuns; i++)
            {
                var run = await baseline.RunAsync(templateId, context.OrganizationId, BenchContext.NewBuildId());
                var (created, finished) = await environment.JobTimesAsync(run.JobId);
                overheads.Add((run.Ended - run.Started).TotalSeconds - (finished - created).TotalSeconds);
            }

            return overheads;
        });

        var mine = await ours;
        var plugin = await theirs;
        var p50 = Percentiles.Median(mine.Overheads);
        context.Report.Add(new BenchRow("overhead", "1. Orchestration overhead per build (median)", "s", p50, Percentiles.Median(plugin), "≤ 1 s", p50 <= 1.0,
            $"{mine.Overheads.Count} lifecycles each; max {mine.Overheads.Max():0.##} s (AapPacker); {LeftAfterNote(mine.LeftAfter)}"));
    }

    /// <summary>The warning Invoke-AapPackerProvision writes when its cleanup guardian could not start.</summary>
    internal const string KillProtectionOff = "Kill protection is off";

    /// <summary>
    /// Waits (bounded) until nothing of the build is left in AAP; returns how many seconds after the cmdlet
    /// returned that was. What the cleanup guardian finishes after the return shows here, not in the overhead.
    /// </summary>
    internal static async Task<double> NothingLeftAfterAsync(BenchEnvironment environment, string buildId, DateTimeOffset returned)
    {
        var left = await environment.LeftoversAfterDeletionsAsync(BenchSettings.NothingLeftBound, buildId);
        if (left > 0)
        {
            throw new InvalidOperationException($"{left} object(s) of build {buildId} still in AAP {BenchSettings.NothingLeftBound.TotalSeconds:0} s after the lifecycle.");
        }

        return Math.Max(0, (DateTimeOffset.UtcNow - returned).TotalSeconds);
    }

    internal static string LeftAfterNote(IReadOnlyList<double> seconds)
        => $"nothing left after {Percentiles.Median(seconds):0.#} s (guardian) / max {seconds.Max():0.#} s";
}

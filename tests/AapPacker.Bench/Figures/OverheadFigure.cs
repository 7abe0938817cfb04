namespace AapPacker.Bench.Figures;

/// <summary>
/// Figure 1: what a build costs beyond the job itself. Wall time of one Invoke-AapPackerProvision (preflight,
/// temporary objects, launch, follow, cleanup) minus the job's own time in AAP (launch to terminal, as AAP
/// records it). pwsh start and the import are figure 7. The baseline's lifecycle is timed the same way.
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
        using var session = ModuleRunspace.Open(settings.ModulePath);
        using var baseline = context.NewBaseline();

        var ours = Task.Run(async () =>
        {
            var overheads = new List<double>();
            for (var i = 0; i < settings.OverheadRuns; i++)
            {
                var run = session.Invoke(Scripts.Provision, context.ScriptParameters(BenchScenario.BuildJob));
                var result = run.Output.Single();
                if ((int)result.Properties["ExitCode"].Value != 0)
                {
                    throw new InvalidOperationException("Invoke-AapPackerProvision failed: " + string.Join("; ", run.Errors));
                }

                var (created, finished) = await environment.JobTimesAsync((int)result.Properties["JobId"].Value);
                overheads.Add((double)result.Properties["Seconds"].Value - (finished - created).TotalSeconds);
                Trace(run, created, finished);
            }

            return overheads;
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
        var p50 = Percentiles.Median(mine);
        context.Report.Add(new BenchRow("overhead", "1. Orchestration overhead per build (median)", "s", p50, Percentiles.Median(plugin), "≤ 1 s", p50 <= 1.0,
            $"{mine.Count} lifecycles each; max {mine.Max():0.##} s (AapPacker)"));
    }
}

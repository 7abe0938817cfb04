using System.Runtime.CompilerServices;

namespace AapPacker.Bench.Figures;

/// <summary>
/// Figures 2 and 3 from the same runs of the build job: completion detection (the job's <c>finished</c> in AAP →
/// Wait-AapJob returns) and output lag (an event's <c>modified</c>, when it became visible in the API → its line
/// reached the Information stream). The baseline's lines are all written once, after the job ended.
/// </summary>
internal static class DetectionFigure
{
    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var templateId = await context.TemplateIdAsync(BenchScenario.BuildJob);
        var runspaces = await context.OpenRunspacesAsync(settings.DetectionParallelism);
        try
        {
            var theirs = Task.WhenAll(Enumerable.Range(0, settings.DetectionRuns).Select(_ => BaselineRunAsync(context, templateId)));
            var remaining = new StrongBox<int>(settings.DetectionRuns);
            var ours = await Task.WhenAll(runspaces.Select(r => OursAsync(context, r, remaining)));
            var mine = ours.SelectMany(o => o).ToList();
            var plugin = await theirs;

            var detection = mine.Select(m => m.Detection).ToList();
            var pluginDetection = plugin.Select(p => p.Detection).ToList();
            var p50 = Percentiles.Median(detection);
            var p95 = Percentiles.Of(detection, 95);
            context.Report.Add(new BenchRow("detection_p50", "2. Completion detection latency p50", "s", p50, Percentiles.Median(pluginDetection), "", null,
                $"{detection.Count} runs ({settings.DetectionParallelism} at a time) of a {settings.BuildJobSeconds} s job"));
            context.Report.Add(new BenchRow("detection_p95", "2. Completion detection latency p95", "s", p95, Percentiles.Of(pluginDetection, 95), "≤ 1 s", p95 <= 1.0));

            var lags = mine.SelectMany(m => m.Lags).ToList();
            var pluginLags = plugin.SelectMany(p => p.Lags).ToList();
            var lag95 = Percentiles.Of(lags, 95);
            context.Report.Add(new BenchRow("output_lag_p95", "3. Output lag p95 (event stored → line written)", "s", lag95, Percentiles.Of(pluginLags, 95), "≤ 2 s", lag95 <= 2.0,
                $"{lags.Count} lines; p50 {Percentiles.Median(lags):0.###} s (AapPacker)"));
        }
        finally
        {
            foreach (var runspace in runspaces)
            {
                runspace.Dispose();
            }
        }
    }

    /// <summary>One worker per runspace, each taking runs until <paramref name="remaining"/> is used up.</summary>
    private static async Task<List<(double Detection, List<double> Lags)>> OursAsync(BenchContext context, ModuleRunspace runspace, StrongBox<int> remaining)
    {
        var results = new List<(double, List<double>)>();
        while (Interlocked.Decrement(ref remaining.Value) >= 0)
        {
            results.Add(await OneAsync(context, runspace));
        }

        return results;
    }

    private static async Task<(double Detection, List<double> Lags)> OneAsync(BenchContext context, ModuleRunspace runspace)
    {
        var run = await runspace.InvokeAsync(Scripts.Pipeline, context.ScriptParameters(BenchScenario.BuildJob));
        if (run.Output.Count != 1 || run.Errors.Count > 0)
        {
            throw new InvalidOperationException("The pipeline run failed: " + string.Join("; ", run.Errors));
        }

        var result = run.Output[0];
        var jobId = (int)result.Properties["JobId"].Value;
        var returned = (DateTimeOffset)result.Properties["Returned"].Value;
        var (_, finished) = await context.Environment.JobTimesAsync(jobId);
        var stored = await context.Environment.LineStoredTimesAsync(jobId);
        var lines = run.JobLines().ToList();
        var lags = lines.Take(stored.Count).Select((line, index) => (line.At - stored[index]).TotalSeconds).ToList();
        return ((returned - finished).TotalSeconds, lags);
    }

    private static async Task<(double Detection, List<double> Lags)> BaselineRunAsync(BenchContext context, int templateId)
    {
        using var baseline = context.NewBaseline();
        var run = await baseline.RunAsync(templateId, context.OrganizationId, BenchContext.NewBuildId());
        var (_, finished) = await context.Environment.JobTimesAsync(run.JobId);
        var stored = await context.Environment.LineStoredTimesAsync(run.JobId);
        var lags = stored.Take(run.OutputLines).Select(s => (run.OutputWritten - s).TotalSeconds).ToList();
        return ((run.Detected - finished).TotalSeconds, lags);
    }
}

using System.Globalization;

namespace AapPacker.Bench.Figures;

/// <summary>
/// Figure 4: API requests per minute while waiting on a long job that prints little (a few events far apart).
/// Both clients follow their own launch of the quiet job at the same time; the simulator's request log is cut at
/// two instants inside the job's quiet middle and each client's requests about its job are counted in between.
/// AapPacker's detection latency on this job is reported too: the rate is only worth something with it. The log is
/// cut, never reset, so other figures may run meanwhile.
/// </summary>
internal static class QuietJobFigure
{
    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var environment = context.Environment;
        var templateId = await context.TemplateIdAsync(BenchScenario.QuietJob);
        using var session = ModuleRunspace.Open(settings.ModulePath);
        using var baseline = context.NewBaseline();

        var launched = DateTimeOffset.UtcNow;
        var ours = session.InvokeAsync(Scripts.Pipeline, context.ScriptParameters(BenchScenario.QuietJob));
        var theirs = baseline.RunAsync(templateId, context.OrganizationId, BenchContext.NewBuildId());

        // The quiet middle: past the launch and the first fast polls, before the end.
        var windowStart = launched + TimeSpan.FromSeconds(settings.Short ? 8 : 15);
        var windowEnd = launched + TimeSpan.FromSeconds(settings.QuietJobSeconds - 3);
        await Task.Delay(windowStart - DateTimeOffset.UtcNow);
        var before = (await environment.RequestsAsync()).Count;
        await Task.Delay(windowEnd - DateTimeOffset.UtcNow);
        var window = (await environment.RequestsAsync()).Skip(before).ToList();
        var minutes = (windowEnd - windowStart).TotalMinutes;

        var run = await ours;
        if (run.Output.Count != 1)
        {
            throw new InvalidOperationException("The quiet job run failed: " + string.Join("; ", run.Errors));
        }

        var jobId = (int)run.Output[0].Properties["JobId"].Value;
        var returned = (DateTimeOffset)run.Output[0].Properties["Returned"].Value;
        var plugin = await theirs;
        var (_, finished) = await environment.JobTimesAsync(jobId);

        var mine = window.Count(r => AboutJob(r.Path, jobId)) / minutes;
        var pluginRate = window.Count(r => AboutJob(r.Path, plugin.JobId)) / minutes;
        context.Report.Add(new BenchRow("quiet_requests_per_minute", "4. API requests per minute, long quiet job", "req/min", mine, pluginRate, "≤ 30", mine <= 30,
            $"{settings.QuietJobSeconds} s job, {BenchSettings.QuietJobEvents} events; counted over {minutes * 60:0} s of its middle"));
        var detection = (returned - finished).TotalSeconds;
        var pluginDetection = (plugin.Detected - (await environment.JobTimesAsync(plugin.JobId)).Finished).TotalSeconds;
        context.Report.Add(new BenchRow("quiet_detection", "4. … detection latency on that job", "s", detection, pluginDetection, "≤ 1 s", detection <= 1.0, "one run"));
    }

    private static bool AboutJob(string path, int jobId)
        => path.Contains("/jobs/" + jobId.ToString(CultureInfo.InvariantCulture) + "/", StringComparison.Ordinal);
}

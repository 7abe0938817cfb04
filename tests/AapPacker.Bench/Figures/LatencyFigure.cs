namespace AapPacker.Bench.Figures;

/// <summary>
/// Figure 1d: figure 1 under latency — the simulator's latency fault adds 100 ms to every API request, as a distant
/// or busy AAP does. AapPacker (a module runspace, as figure 1) and the baseline run the build job one after the
/// other, so each one's requests can be cut from the request log. Prints the overhead (wall time minus the job's
/// time in AAP) and the round trips on the critical path: the longest chain of requests each sent after the one
/// before it was answered, from the first request to the launch's answer, and from the job's <c>finished</c> to the
/// return. Requests sent at the same time count once: that is what concurrency buys under latency.
/// </summary>
internal static class LatencyFigure
{
    public const int LatencyMs = 100;

    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var environment = context.Environment;
        var templateId = await context.TemplateIdAsync(BenchScenario.BuildJob);
        using var pwsh = PwshOnPath.Install(settings.PwshCommand);
        using var session = ModuleRunspace.Open(settings.ModulePath);
        using var baseline = context.NewBaseline();
        var ours = new List<Measured>();
        var theirs = new List<Measured>();
        await environment.SetLatencyAsync(LatencyMs);
        try
        {
            for (var i = 0; i < settings.OverheadRuns; i++)
            {
                var parameters = context.ScriptParameters(BenchScenario.BuildJob);
                var started = DateTimeOffset.UtcNow;
                var run = await session.InvokeAsync(Scripts.Provision, parameters);
                var returned = DateTimeOffset.UtcNow;
                var result = run.Output.Single();
                if ((int)result.Properties["ExitCode"].Value != 0)
                {
                    throw new InvalidOperationException("Invoke-AapPackerProvision failed under latency: " + string.Join("; ", run.Errors));
                }

                var jobId = (int)result.Properties["JobId"].Value;
                ours.Add(await MeasureAsync(environment, jobId, started, returned, (double)result.Properties["Seconds"].Value,
                    Path.Combine(settings.OutputDirectory, "latency-trace.txt")));
                await OverheadFigure.NothingLeftAfterAsync(environment, (string)parameters["BuildId"]!, returned);

                var plugin = await baseline.RunAsync(templateId, context.OrganizationId, BenchContext.NewBuildId());
                theirs.Add(await MeasureAsync(environment, plugin.JobId, plugin.Started, plugin.Ended, (plugin.Ended - plugin.Started).TotalSeconds));
            }
        }
        finally
        {
            await environment.SetLatencyAsync(0);
        }

        var overhead = Percentiles.Median(ours.Select(m => m.Overhead).ToList());
        context.Report.Add(new BenchRow("latency_overhead", $"1d. Overhead per build with {LatencyMs} ms per request (median)", "s",
            overhead, Percentiles.Median(theirs.Select(m => m.Overhead).ToList()), "≤ 1 s", overhead <= 1.0,
            $"{ours.Count} lifecycles each, one after the other; max {ours.Max(m => m.Overhead):0.##} s (AapPacker); AAP's event lag included"));

        // The job's last output line is stored a while after finished (out-of-order events); no client can show the
        // output complete before then. This row is the overhead that is the client's: the rest minus that lag.
        var beside = Percentiles.Median(ours.Select(m => m.Overhead - m.EventLag).ToList());
        context.Report.Add(new BenchRow("latency_overhead_beside_lag", $"1d. Overhead with {LatencyMs} ms per request beside AAP's event lag (median)", "s",
            beside, Percentiles.Median(theirs.Select(m => m.Overhead - m.EventLag).ToList()), "≤ 1 s", beside <= 1.0,
            $"overhead minus the event lag (last output line stored − finished; median {Percentiles.Median(ours.Select(m => m.EventLag).ToList()):0.##} s)"));
        context.Report.Add(new BenchRow("latency_round_trips", "1d. Round trips on the critical path to the launch (first request → launch answered)", "round trips",
            Percentiles.Median(ours.Select(m => (double)m.ToLaunch).ToList()), Percentiles.Median(theirs.Select(m => (double)m.ToLaunch).ToList()), "—", null,
            $"from finished to the return: {Percentiles.Median(ours.Select(m => (double)m.AfterFinished).ToList()):0} (AapPacker), "
            + $"{Percentiles.Median(theirs.Select(m => (double)m.AfterFinished).ToList()):0} (baseline); requests to the launch: "
            + $"{Percentiles.Median(ours.Select(m => (double)m.RequestsToLaunch).ToList()):0} (AapPacker), {Percentiles.Median(theirs.Select(m => (double)m.RequestsToLaunch).ToList()):0} (baseline)"));
    }

    /// <summary>One run's figures; with <paramref name="tracePath"/>, its requests are written there too (the last run's stays).</summary>
    private static async Task<Measured> MeasureAsync(BenchEnvironment environment, int jobId, DateTimeOffset started, DateTimeOffset returned, double seconds,
        string? tracePath = null)
    {
        var (created, finished) = await environment.JobTimesAsync(jobId);
        var requests = RoundTrips.Between(await environment.RequestsAsync(), started, returned);
        var lastStored = (await environment.LineStoredTimesAsync(jobId)).Max();
        if (tracePath != null)
        {
            await WriteTraceAsync(tracePath, jobId, requests, started, created, finished, lastStored, returned);
        }

        var launch = RoundTrips.Launch(requests);

        // The cleanup guardian (another process) connects while the build runs: its discovery is not on the build's path.
        var toLaunch = requests.Where(r => r.At <= launch.At).ToList();
        toLaunch = toLaunch.Where(r => !IsDiscovery(r) || toLaunch.First(d => d.Path == r.Path) == r).ToList();
        var afterFinished = requests.Where(r => r.At >= finished).ToList();
        var eventLag = Math.Max(0, (lastStored - finished).TotalSeconds);
        return new Measured(seconds - (finished - created).TotalSeconds, eventLag, RoundTrips.OnCriticalPath(toLaunch), toLaunch.Count, RoundTrips.OnCriticalPath(afterFinished));
    }

    /// <summary>
    /// Writes a run under latency to <paramref name="path"/> (AapPacker's: <c>latency-trace.txt</c> beside the report): each request's arrival
    /// and answer in ms after the run started, so the critical path can be read request by request.
    /// </summary>
    private static async Task WriteTraceAsync(string path, int jobId, List<LoggedCall> requests, DateTimeOffset started, DateTimeOffset created,
        DateTimeOffset finished, DateTimeOffset lastStored, DateTimeOffset returned)
    {
        var lines = new List<string>
        {
            $"# AapPacker under {LatencyMs} ms per request; job {jobId} created at {Ms(created)}, finished at {Ms(finished)}, its last output line stored at {Ms(lastStored)}, returned at {Ms(returned)}",
            "# arrived answered status method path (ms after the call started)",
        };
        foreach (var request in requests.OrderBy(r => r.Started))
        {
            var query = string.IsNullOrEmpty(request.Query) ? string.Empty : request.Query.StartsWith('?') ? request.Query : "?" + request.Query;
            lines.Add($"{(request.Started - started).TotalMilliseconds,7:0} {(request.At - started).TotalMilliseconds,7:0} {request.Status} {request.Method,-6} {request.Path}{query}");
        }

        await File.WriteAllLinesAsync(path, lines);
        string Ms(DateTimeOffset at) => $"{(at - started).TotalMilliseconds:0} ms";
    }

    private static bool IsDiscovery(LoggedCall request)
        => request.Method == "GET" && (request.Path.EndsWith("/me/", StringComparison.Ordinal) || request.Path == "/api/");

    private sealed record Measured(double Overhead, double EventLag, int ToLaunch, int RequestsToLaunch, int AfterFinished);
}

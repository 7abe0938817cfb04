using System.Globalization;

namespace AapPacker.Bench.Figures;

/// <summary>
/// Figure 1b: the overhead of the first lifecycle in a fresh pwsh — what a Packer shell-local provisioner pays, since
/// it starts a new pwsh for every build: nothing is JIT-compiled yet and no connection is warm. Each run is its own
/// pwsh, which imports the module (not timed; figure 7) and then times Invoke-AapPackerProvision as figure 1 does.
/// No target: figure 1's target is for the lifecycle, this row shows readers what the cold case adds.
/// </summary>
internal static class ColdOverheadFigure
{
    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var environment = context.Environment;
        var overheads = new List<double>();
        var leftAfter = new List<double>();
        for (var i = 0; i < settings.ColdOverheadRuns; i++)
        {
            var buildId = BenchContext.NewBuildId();
            var run = await RunAsync(context, BenchScenario.BuildJob, buildId);
            var (created, finished) = await environment.JobTimesAsync(run.JobId);
            overheads.Add(run.Seconds - (finished - created).TotalSeconds);
            leftAfter.Add(await OverheadFigure.NothingLeftAfterAsync(environment, buildId, run.Returned));
        }

        context.Report.Add(new BenchRow("overhead_cold", "1b. Overhead of the first lifecycle in a fresh pwsh (cold JIT, as a Packer shell-local runs it)", "s",
            Percentiles.Median(overheads), null, "—", null,
            $"median of {overheads.Count} fresh pwsh, import not included; no target: reported to show what the cold case costs; max {overheads.Max():0.##} s; {OverheadFigure.LeftAfterNote(leftAfter)}"));
    }

    /// <summary>
    /// One lifecycle in a fresh pwsh (<see cref="Scripts.ColdProvision"/>); <paramref name="onLine"/> sees each line of
    /// its output as it is read. Throws when it failed or its guardian did not start.
    /// </summary>
    internal static async Task<ColdLifecycle> RunAsync(BenchContext context, string template, string buildId, Action<string, DateTimeOffset>? onLine = null)
    {
        var settings = context.Settings;
        DateTimeOffset? imported = null;
        var run = await ChildProcess.RunAsync(settings.PwshCommand, ChildProcess.PwshArguments(Scripts.ColdProvision), new Dictionary<string, string>
        {
            ["AAPPACKER_BENCH_MODULE"] = settings.ModulePath,
            ["AAP_HOSTNAME"] = context.Environment.BaseUri.ToString(),
            ["AAP_TOKEN"] = BenchEnvironment.Token,
            ["AAPPACKER_HOST"] = "10.0.0.5",
            ["AAPPACKER_USER"] = "ec2-user",
            ["AAPPACKER_PASSWORD_B64"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(BenchContext.TargetPassword)),
            ["AAPPACKER_BENCH_TEMPLATE"] = template,
            ["AAPPACKER_BENCH_BUILD"] = buildId,
        }, (line, at) =>
        {
            if (line.StartsWith("BENCH-IMPORTED ", StringComparison.Ordinal))
            {
                imported = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(line["BENCH-IMPORTED ".Length..], CultureInfo.InvariantCulture));
            }

            onLine?.Invoke(line, at);
        });

        // "BENCH-PROVISIONED <job id> <seconds> <exit code> <returned, Unix ms> <kill-protection-off warnings>"
        var fields = run.LastLine.Split(' ');
        if (run.ExitCode != 0 || fields.Length != 6 || fields[0] != "BENCH-PROVISIONED" || fields[3] != "0" || imported is null)
        {
            throw new InvalidOperationException($"The provisioning pwsh failed (exit {run.ExitCode}, last line '{run.LastLine}').");
        }

        if (fields[5] != "0")
        {
            throw new InvalidOperationException($"The cleanup guardian did not start in the fresh pwsh ('{OverheadFigure.KillProtectionOff}'), so this is not a build's path.");
        }

        return new ColdLifecycle(
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            double.Parse(fields[2], CultureInfo.InvariantCulture),
            imported.Value,
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields[4], CultureInfo.InvariantCulture)),
            run);
    }
}

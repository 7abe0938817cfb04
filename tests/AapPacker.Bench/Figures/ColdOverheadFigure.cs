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
            var run = await ChildProcess.RunAsync(settings.PwshCommand, ChildProcess.PwshArguments(Scripts.ColdProvision), new Dictionary<string, string>
            {
                ["AAPPACKER_BENCH_MODULE"] = settings.ModulePath,
                ["AAPPACKER_BENCH_URI"] = environment.BaseUri.ToString(),
                ["AAPPACKER_BENCH_TOKEN"] = BenchEnvironment.Token,
                ["AAPPACKER_BENCH_PASSWORD"] = BenchContext.TargetPassword,
                ["AAPPACKER_BENCH_TEMPLATE"] = BenchScenario.BuildJob,
                ["AAPPACKER_BENCH_BUILD"] = buildId,
            });

            // "BENCH-PROVISIONED <job id> <seconds> <exit code> <returned, Unix ms> <kill-protection-off warnings>"
            var fields = run.LastLine.Split(' ');
            if (run.ExitCode != 0 || fields.Length != 6 || fields[0] != "BENCH-PROVISIONED" || fields[3] != "0")
            {
                throw new InvalidOperationException($"The provisioning pwsh failed (exit {run.ExitCode}, last line '{run.LastLine}').");
            }

            if (fields[5] != "0")
            {
                throw new InvalidOperationException($"The cleanup guardian did not start in the fresh pwsh ('{OverheadFigure.KillProtectionOff}'), so this is not a build's path.");
            }

            var (created, finished) = await environment.JobTimesAsync(int.Parse(fields[1], CultureInfo.InvariantCulture));
            overheads.Add(double.Parse(fields[2], CultureInfo.InvariantCulture) - (finished - created).TotalSeconds);
            var returned = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields[4], CultureInfo.InvariantCulture));
            leftAfter.Add(await OverheadFigure.NothingLeftAfterAsync(environment, buildId, returned));
        }

        context.Report.Add(new BenchRow("overhead_cold", "1b. Overhead of the first lifecycle in a fresh pwsh (cold JIT, as a Packer shell-local runs it)", "s",
            Percentiles.Median(overheads), null, "—", null,
            $"median of {overheads.Count} fresh pwsh, import not included; no target: reported to show what the cold case costs; max {overheads.Max():0.##} s; {OverheadFigure.LeftAfterNote(leftAfter)}"));
    }
}

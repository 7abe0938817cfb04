using System.Globalization;
using System.Reflection;

namespace AapPacker.Bench.Figures;

/// <summary>
/// Figure 5: peak working-set growth of a fresh pwsh streaming a job's whole output to its stdout (read and
/// discarded by the bench, as a Packer log would take it), measured from the moment the module is imported and
/// connected. Two output sizes, a tenth and the full one: the growth must not follow the size. The baseline runs
/// as a child process of this program (<c>--baseline-build</c>) streaming its <c>stdout?format=txt</c>.
/// </summary>
internal static class MemoryFigure
{
    public const string BaselineSwitch = "--baseline-build";

    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        foreach (var (id, template, events) in new[]
        {
            ("memory_growth_small", BenchScenario.SmallFloodJob, settings.SmallFloodEvents),
            ("memory_growth_large", BenchScenario.FloodJob, settings.FloodEvents),
        })
        {
            var templateId = await context.TemplateIdAsync(template);
            var theirs = RunBaselineChildAsync(context, templateId);
            var mine = await RunPwshAsync(context, template);
            var plugin = await theirs;
            if (mine.ExitCode != 0 || !mine.LastLine.StartsWith("BENCH-DONE successful", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The streaming pwsh failed (exit {mine.ExitCode}, last line '{mine.LastLine}').");
            }

            // The figure only counts when the whole output went through: "BENCH-DONE <status> <lines> <job id>".
            var done = mine.LastLine.Split(' ');
            var expected = await context.Environment.JobLineCountAsync(int.Parse(done[3], CultureInfo.InvariantCulture));
            if (long.Parse(done[2], CultureInfo.InvariantCulture) != expected)
            {
                throw new InvalidOperationException($"Wait-AapJob streamed {done[2]} of the job's {expected} lines.");
            }

            var megabytes = mine.OutputBytes / 1024.0 / 1024.0;
            context.Report.Add(new BenchRow(id, $"5. Peak working-set growth, {events.ToString("N0", CultureInfo.InvariantCulture)} events", "MB",
                mine.GrowthMegabytes, plugin.GrowthMegabytes, "≤ 64 MB", mine.GrowthMegabytes <= 64,
                $"AapPacker wrote {megabytes:0.#} MB, {mine.OutputLines:N0} lines in {mine.Wall.TotalSeconds:0} s; the baseline printed {plugin.OutputBytes / 1024.0 / 1024.0:0.##} MB (over 1 MiB, AAP answers format=txt with a 'too large' notice)"));
        }
    }

    private static Task<ChildRun> RunPwshAsync(BenchContext context, string template)
        => ChildProcess.RunAsync(context.Settings.PwshCommand, ChildProcess.PwshArguments(Scripts.StreamJob), new Dictionary<string, string>
        {
            ["AAPPACKER_BENCH_MODULE"] = context.Settings.ModulePath,
            ["AAPPACKER_BENCH_URI"] = context.Environment.BaseUri.ToString(),
            ["AAPPACKER_BENCH_TOKEN"] = BenchEnvironment.Token,
            ["AAPPACKER_BENCH_TEMPLATE"] = template,
        });

    private static Task<ChildRun> RunBaselineChildAsync(BenchContext context, int templateId)
    {
        var self = Environment.ProcessPath!;
        var command = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new[] { self, Assembly.GetExecutingAssembly().Location }
            : new[] { self };
        return ChildProcess.RunAsync(command,
            [BaselineSwitch, context.Environment.BaseUri.ToString(), templateId.ToString(CultureInfo.InvariantCulture), context.OrganizationId.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>());
    }

    /// <summary>The child side of the baseline measurement: one build, its output to stdout.</summary>
    public static async Task<int> BaselineChildAsync(string[] args)
    {
        using var baseline = new BaselineClient(new Uri(args[1]), BenchEnvironment.Token);
        GC.Collect();
        Console.WriteLine(ChildProcess.ReadyMarker);
        var run = await baseline.RunAsync(int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture),
            BenchContext.NewBuildId(), Console.WriteLine);
        Console.WriteLine("BENCH-DONE " + run.Status + " " + run.OutputLines.ToString(CultureInfo.InvariantCulture));
        return run.Status == "successful" ? 0 : 1;
    }
}

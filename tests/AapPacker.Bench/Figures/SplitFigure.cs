using System.Text.RegularExpressions;

namespace AapPacker.Bench.Figures;

/// <summary>
/// Figure 1c: figure 1 split into its parts for AapPacker in a fresh pwsh, as Packer runs it, around a 6 s job:
/// start and import (process start to the end of Import-Module), connect (to the answer of <c>me/</c>), preflight and
/// creates (to the launch's answer), launch to <c>finished</c> (AAP's own time, mostly the job), <c>finished</c> to
/// the recap read (the recap's host line on the process's stdout), recap to process exit. The instants come from
/// the child's stdout (read by this process), the simulator's request log and the job's own times, all on this
/// machine's clock. The overhead beside start and import is the rest minus the job's time in AAP; its target
/// allows AAP's event lag (how long after <c>finished</c> the recap event became visible).
/// </summary>
internal static partial class SplitFigure
{
    private const string Title = "1c. Figure 1 in parts (fresh pwsh, 6 s job)";

    [GeneratedRegex(@"^\S+\s+:\s+ok=\d+\s+changed=\d+")]
    private static partial Regex RecapHostLine();

    public static async Task RunAsync(BenchContext context)
    {
        var environment = context.Environment;
        var runs = new List<Parts>();
        for (var i = 0; i < context.Settings.ColdOverheadRuns; i++)
        {
            var buildId = BenchContext.NewBuildId();
            DateTimeOffset? recap = null;
            var run = await ColdOverheadFigure.RunAsync(context, BenchScenario.SplitJob, buildId, (line, at) =>
            {
                if (RecapHostLine().IsMatch(line))
                {
                    recap = at;
                }
            });
            var process = run.Process;
            var requests = RoundTrips.Between(await environment.RequestsAsync(), run.Imported, run.Returned);
            var connected = requests.First(r => r.Method == "GET" && r.Path.EndsWith("/me/", StringComparison.Ordinal)).At;
            var launch = RoundTrips.Launch(requests);
            var beforeLaunch = requests.Count(r => r.At > connected && r.At <= launch.At);
            var (created, finished) = await environment.JobTimesAsync(run.JobId);
            var eventLag = ((await environment.LineStoredTimesAsync(run.JobId)).Max() - finished).TotalSeconds;
            var recapRead = recap ?? throw new InvalidOperationException("The fresh pwsh printed no recap line.");
            runs.Add(new Parts(
                (run.Imported - process.StartedAt).TotalSeconds,
                (connected - run.Imported).TotalSeconds,
                (launch.At - connected).TotalSeconds,
                (finished - launch.At).TotalSeconds,
                (recapRead - finished).TotalSeconds,
                (process.ExitedAt - recapRead).TotalSeconds,
                (process.ExitedAt - run.Returned).TotalSeconds,
                (process.ExitedAt - run.Imported).TotalSeconds - (finished - created).TotalSeconds,
                eventLag,
                beforeLaunch));
            await OverheadFigure.NothingLeftAfterAsync(environment, buildId, run.Returned);
        }

        double Median(Func<Parts, double> part) => Percentiles.Median(runs.Select(part).ToList());
        var lag = Median(p => p.EventLag);
        var note = $"median of {runs.Count} fresh pwsh";
        Add(context, "split_start_import", "start and import", Median(p => p.StartAndImport), "—", null, note);
        Add(context, "split_connect", "connect (to the answer of me/)", Median(p => p.Connect), "—", null, note);
        Add(context, "split_preflight_creates", "preflight and creates (to the launch's answer)", Median(p => p.PreflightAndCreates), "—", null,
            $"{note}; {Percentiles.Median(runs.Select(p => (double)p.RequestsToLaunch).ToList()):0} requests after me/, the launch included");
        Add(context, "split_launch_finished", "launch to finished (AAP: pending, waiting, the 6 s job)", Median(p => p.LaunchToFinished), "—", null, note);
        Add(context, "split_finished_recap", "finished to the recap read", Median(p => p.FinishedToRecap), "—", null,
            $"{note}; AAP's event lag (recap event visible after finished) {lag:0.##} s");
        var recapToExit = Median(p => p.RecapToExit);
        Add(context, "split_recap_exit", "recap read to process exit", recapToExit, "≤ 0.3 s", recapToExit <= 0.3,
            $"{note}; of which cmdlet return to process exit {Median(p => p.ReturnToExit):0.##} s");
        var overhead = Median(p => p.OverheadBesideImport);
        Add(context, "split_overhead", "overhead beside start and import (process exit − import − the job's time in AAP)", overhead,
            $"≤ 0.6 s + event lag ({0.6 + lag:0.##} s)", overhead <= 0.6 + lag, $"{note}; max {runs.Max(p => p.OverheadBesideImport):0.##} s");
    }

    private static void Add(BenchContext context, string id, string part, double value, string target, bool? met, string note)
        => context.Report.Add(new BenchRow(id, $"{Title}: {part}", "s", value, null, target, met, note));

    private sealed record Parts(
        double StartAndImport,
        double Connect,
        double PreflightAndCreates,
        double LaunchToFinished,
        double FinishedToRecap,
        double RecapToExit,
        double ReturnToExit,
        double OverheadBesideImport,
        double EventLag,
        int RequestsToLaunch);
}

using System.Diagnostics;
using AapPacker.Bench;
using AapPacker.Bench.Figures;

// AapPacker's benchmark: each figure of issue 6 for AapPacker (the built module, in runspaces and fresh pwsh
// processes) and, in the same run, for a client with the original Packer plugin's algorithm, against one simulator
// on loopback. Prints a table and writes it to <out>/bench.md and bench.json. Exit 1 when a figure could not be
// produced (targets missed do not fail the run: they are figures to read).
if (args.Length > 0 && args[0] == MemoryFigure.BaselineSwitch)
{
    return await MemoryFigure.BaselineChildAsync(args);
}

var settings = BenchCommandLine.Parse(args);
Directory.CreateDirectory(settings.OutputDirectory);
var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var report = new BenchReport();
await using var environment = await BenchEnvironment.StartAsync(BenchScenario.Write(settings, settings.OutputDirectory));
var context = new BenchContext { Settings = settings, Environment = environment, Report = report };
context.OrganizationId = await environment.IdByNameAsync("organizations", "Default");
Console.WriteLine($"AapPacker bench ({(settings.Short ? "short" : "full")}): simulator {environment.BaseUri}, module {settings.ModulePath}");

// Figures in the same group run at the same time: the quiet job mostly waits, so it shares its minutes with the
// memory figure (its request count is cut from the log by job, its detection latency sees that load).
var groups = new (string Name, Func<BenchContext, Task> Run)[][]
{
    [("7. import and pwsh start", ImportFigure.RunAsync)],
    [("1. overhead", OverheadFigure.RunAsync)],
    [("1b. overhead in a fresh pwsh", ColdOverheadFigure.RunAsync)],
    [("1c. figure 1 in parts", SplitFigure.RunAsync)],
    [("1d. overhead under latency", LatencyFigure.RunAsync)],
    [("2-3. detection and output lag", DetectionFigure.RunAsync)],
    [("4. quiet job", QuietJobFigure.RunAsync), ("5. memory", MemoryFigure.RunAsync)],
    [("6. concurrency", ConcurrencyFigure.RunAsync)],
};
foreach (var group in groups)
{
    await Task.WhenAll(group.Where(figure => settings.Selects(figure.Name.Split('.')[0])).Select(async figure =>
    {
        Console.WriteLine($"==> {figure.Name} ({clock.Elapsed.TotalSeconds:0} s)");
        try
        {
            await figure.Run(context);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Figure '{figure.Name}' could not be produced: {e}");
            report.Note($"{figure.Name}: not produced ({e.GetType().Name}: {e.Message})");
        }
    }));
}

if (!settings.Short)
{
    report.Note("AapPacker and the baseline run side by side within each figure, on a machine shared with other builds: latencies include that load.");
}

var markdown = report.ToMarkdown(settings, started, clock.Elapsed);
await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "bench.md"), markdown);
await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "bench.json"), report.ToJson(settings, started, clock.Elapsed));
Console.WriteLine();
Console.WriteLine(markdown);
IReadOnlyList<string> missing = settings.Only.Count == 0 ? report.Missing() : [];
if (missing.Count > 0)
{
    Console.Error.WriteLine("Figures missing: " + string.Join(", ", missing));
    return 1;
}

return 0;

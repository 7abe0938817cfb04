using System.Globalization;

namespace AapPacker.Bench.Figures;

/// <summary>
/// Figure 7 (and the pwsh start that figure 1 leaves out): fresh pwsh processes, one after the other. Start-up is
/// the wall time of <c>pwsh -NoProfile -Command exit</c>; the import is timed inside a fresh pwsh around
/// <c>Import-Module</c>. The baseline is a Packer plugin binary: neither applies.
/// </summary>
internal static class ImportFigure
{
    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var environment = new Dictionary<string, string> { ["AAPPACKER_BENCH_MODULE"] = settings.ModulePath };
        var starts = new List<double>();
        var imports = new List<double>();
        for (var i = 0; i < settings.ImportRuns; i++)
        {
            var start = await ChildProcess.RunAsync(settings.PwshCommand, ChildProcess.PwshArguments("exit 0"), environment);
            starts.Add(start.Wall.TotalMilliseconds);
            var import = await ChildProcess.RunAsync(settings.PwshCommand, ChildProcess.PwshArguments(Scripts.TimedImport), environment);
            if (import.ExitCode != 0 || !double.TryParse(import.LastLine, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            {
                throw new InvalidOperationException($"The timed import failed (exit {import.ExitCode}, '{import.LastLine}').");
            }

            imports.Add(milliseconds);
        }

        var command = string.Join(' ', settings.PwshCommand.Select(Path.GetFileName));
        context.Report.Add(new BenchRow("pwsh_start", "1. pwsh start (reported apart from the overhead; median)", "ms", Percentiles.Median(starts), null, "", null,
            $"{starts.Count} fresh `{command} -NoProfile` processes"));
        var median = Percentiles.Median(imports);
        context.Report.Add(new BenchRow("import", "7. Import-Module AapPacker in a fresh pwsh (median)", "ms", median, null, "≤ 300 ms", median <= 300,
            $"{imports.Count} runs; max {imports.Max():0} ms"));
    }
}

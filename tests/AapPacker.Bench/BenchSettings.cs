namespace AapPacker.Bench;

/// <summary>
/// How much the bench runs. The full run measures each figure with enough samples to quote; the short run (CI) only
/// proves every figure can be produced, with the same code paths and tiny sizes.
/// </summary>
internal sealed record BenchSettings
{
    public bool Short { get; init; }

    /// <summary>The built module's manifest (out/AapPacker/AapPacker.psd1).</summary>
    public required string ModulePath { get; init; }

    /// <summary>Where the table goes as bench.md and bench.json.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The command that starts a fresh pwsh: an executable, then any leading arguments (dotnet pwsh.dll).</summary>
    public required IReadOnlyList<string> PwshCommand { get; init; }

    /// <summary>The figures to run, by number ("1", "4", "1b"); empty runs them all (a partial table, for working on one figure).</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>
    /// Whether a figure runs, by its numbers (<c>2-3</c>, <c>1b</c>): "1" also selects 1b-1d, which measure the same
    /// lifecycle cold.
    /// </summary>
    public bool Selects(string numbers)
        => Only.Count == 0 || numbers.Split('-').Any(n => Only.Contains(n) || Only.Contains(n.TrimEnd('a', 'b', 'c', 'd')));

    /// <summary>Runs of the build job for detection latency and output lag (the issue asks for at least 20).</summary>
    public int DetectionRuns => Short ? 3 : 20;

    /// <summary>Lifecycles run at once while measuring detection (the machine has two cores).</summary>
    public int DetectionParallelism => Short ? 3 : 4;

    /// <summary>Whole Invoke-AapPackerProvision runs for the overhead figure.</summary>
    public int OverheadRuns => Short ? 1 : 5;

    /// <summary>Fresh pwsh processes, one lifecycle each, for the cold overhead (figure 1b).</summary>
    public int ColdOverheadRuns => Short ? 1 : 3;

    /// <summary>How long figure 1 waits after a lifecycle for its objects to be gone (the guardian may still be deleting).</summary>
    public static readonly TimeSpan NothingLeftBound = TimeSpan.FromSeconds(90);

    /// <summary>Simulated (= real, time scale 1) run time of the build job.</summary>
    public int BuildJobSeconds => Short ? 4 : 10;

    /// <summary>Events of the build job (one every half second at full size, as the default Baseline template).</summary>
    public const int BuildJobEvents = 20;

    /// <summary>Run time of the long quiet job; the request rate is counted over its quiet middle.</summary>
    public int QuietJobSeconds => Short ? 24 : 100;

    /// <summary>Events of the quiet job: the fewest a job has (start, play, one task, recap), far apart.</summary>
    public const int QuietJobEvents = 4;

    /// <summary>Events of the big-output job (and of the smaller one that shows memory does not follow the size).</summary>
    public int FloodEvents => Short ? 20_000 : 500_000;

    public int SmallFloodEvents => FloodEvents / 10;

    /// <summary>Bytes of stdout per host event: the 500 000-event job writes over 200 MB of lines.</summary>
    public const int FloodEventBytes = 800;

    /// <summary>Run time of the big-output job: events arrive faster than one client can page through them.</summary>
    public int FloodJobSeconds => Short ? 3 : 20;

    /// <summary>Lifecycles started at once against one simulator.</summary>
    public int ConcurrentLifecycles => Short ? 5 : 50;

    /// <summary>Fresh pwsh processes timed for start-up and Import-Module.</summary>
    public int ImportRuns => Short ? 1 : 7;
}

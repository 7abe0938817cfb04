using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AapPacker.Bench;

/// <summary>One line of the table: a figure for AapPacker and for the baseline, and its target.</summary>
internal sealed record BenchRow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("figure")] string Figure,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("aapPacker")] double? AapPacker,
    [property: JsonPropertyName("baseline")] double? Baseline,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("met")] bool? Met,
    [property: JsonPropertyName("note")] string Note = "");

/// <summary>The bench's result: printed as a table, written as Markdown and JSON under out/bench/.</summary>
internal sealed class BenchReport
{
    /// <summary>The figures every run must produce (the short CI run checks them all).</summary>
    public static readonly string[] RequiredIds =
    [
        "overhead", "pwsh_start", "overhead_cold", "split_start_import", "split_connect", "split_preflight_creates", "split_launch_finished",
        "split_finished_recap", "split_recap_exit", "split_overhead", "latency_overhead", "latency_round_trips", "import", "detection_p50", "detection_p95", "output_lag_p95", "quiet_requests_per_minute",
        "memory_growth_small", "memory_growth_large", "concurrent_successes", "concurrent_leftovers", "concurrent_collisions",
        "concurrent_requests_per_second",
    ];

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly List<BenchRow> _rows = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<BenchRow> Rows => _rows;

    public void Add(BenchRow row)
    {
        lock (_rows)
        {
            _rows.Add(row);
        }

        Console.WriteLine($"  {row.Figure}: AapPacker {Format(row.AapPacker)} {row.Unit}, baseline {Format(row.Baseline)} {row.Unit}");
    }

    public void Note(string note)
    {
        lock (_notes)
        {
            _notes.Add(note);
        }
    }

    public IReadOnlyList<string> Missing() => RequiredIds.Where(id => !_rows.Any(r => r.Id == id && r.AapPacker.HasValue)).ToList();

    public string ToMarkdown(BenchSettings settings, DateTimeOffset started, TimeSpan took)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# AapPacker bench ({(settings.Short ? "short" : "full")} run)\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Started {started:u}, took {took.TotalSeconds:0} s, {Environment.ProcessorCount} cores, simulator on loopback (time scale 1).\n\n");
        text.Append("| Figure | Unit | AapPacker | Baseline (plugin algorithm) | Target | Met | Note |\n|---|---|---:|---:|---|---|---|\n");
        foreach (var row in _rows.OrderBy(r => Array.IndexOf(RequiredIds, r.Id) is var i && i < 0 ? int.MaxValue : i))
        {
            var met = row.Met switch { true => "yes", false => "**no**", null => "" };
            text.Append(CultureInfo.InvariantCulture,
                $"| {row.Figure} | {row.Unit} | {Format(row.AapPacker)} | {Format(row.Baseline)} | {row.Target} | {met} | {row.Note} |\n");
        }

        if (_notes.Count > 0)
        {
            text.Append('\n');
            foreach (var note in _notes)
            {
                text.Append("- ").Append(note).Append('\n');
            }
        }

        return text.ToString();
    }

    public string ToJson(BenchSettings settings, DateTimeOffset started, TimeSpan took)
        => JsonSerializer.Serialize(new
        {
            mode = settings.Short ? "short" : "full",
            started,
            seconds = Math.Round(took.TotalSeconds, 1),
            processors = Environment.ProcessorCount,
            rows = _rows,
            notes = _notes,
            missing = Missing(),
        }, JsonOptions);

    public static string Format(double? value) => value switch
    {
        null => "n/a",
        { } v when double.IsNaN(v) => "n/a",
        { } v when Math.Abs(v) >= 100 => v.ToString("0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace AapPacker.Bench;

/// <summary>
/// The job templates the bench launches, written as a simulator scenario file (users, organizations, the Demo
/// Inventory and credentials come from the default scenario). Big outputs cost the simulator nothing: it computes
/// each event from its counter when asked.
/// </summary>
internal static class BenchScenario
{
    public const string BuildJob = "Bench Build";
    public const string QuietJob = "Bench Quiet";
    public const string FloodJob = "Bench Flood";
    public const string SmallFloodJob = "Bench Flood Small";

    /// <summary>The job figure 1c splits the lifecycle around: 6 s, as in issue 11's measurement.</summary>
    public const string SplitJob = "Bench Split";
    public const int SplitJobSeconds = 6;

    public static string Write(BenchSettings settings, string directory)
    {
        var templates = new JsonArray
        {
            Template(BuildJob, BenchSettings.BuildJobEvents, 0, settings.BuildJobSeconds),
            Template(QuietJob, BenchSettings.QuietJobEvents, 0, settings.QuietJobSeconds),
            Template(FloodJob, settings.FloodEvents, BenchSettings.FloodEventBytes, settings.FloodJobSeconds),
            Template(SmallFloodJob, settings.SmallFloodEvents, BenchSettings.FloodEventBytes, settings.FloodJobSeconds),
            Template(SplitJob, BenchSettings.BuildJobEvents, 0, SplitJobSeconds),
        };
        var path = Path.Combine(directory, "bench-scenario.json");
        File.WriteAllText(path, new JsonObject { ["jobTemplates"] = templates }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static JsonObject Template(string name, int events, int eventBytes, int seconds) => new()
    {
        ["name"] = name,
        ["ask"] = new JsonArray("inventory", "credential", "variables"),
        ["eventCount"] = events,
        ["eventStdoutBytes"] = eventBytes,
        ["runSeconds"] = seconds,
    };
}

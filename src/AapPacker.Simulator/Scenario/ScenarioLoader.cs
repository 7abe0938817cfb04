using System.Text.Json;

namespace AapPacker.Simulator.Scenario;

/// <summary>Reads a scenario file; lists it leaves out come from the default scenario.</summary>
internal static class ScenarioLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ScenarioDocument Load(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return DefaultScenario.Build();
        }
        var doc = JsonSerializer.Deserialize<ScenarioDocument>(File.ReadAllText(path), Json)
                  ?? throw new InvalidDataException($"Scenario file '{path}' is empty.");
        doc.Users ??= DefaultScenario.Users();
        doc.Organizations ??= DefaultScenario.Organizations();
        doc.Inventories ??= DefaultScenario.Inventories();
        doc.Credentials ??= DefaultScenario.Credentials();
        // The default workflows run default templates: keep them only when the job templates are the defaults too.
        doc.WorkflowTemplates ??= doc.JobTemplates is null ? DefaultScenario.WorkflowTemplates() : [];
        doc.JobTemplates ??= DefaultScenario.JobTemplates();
        ResolvePlaybookFiles(doc, Path.GetDirectoryName(Path.GetFullPath(path))!);
        return doc;
    }

    private static void ResolvePlaybookFiles(ScenarioDocument doc, string scenarioDirectory)
    {
        foreach (var t in doc.JobTemplates!.Where(t => !string.IsNullOrEmpty(t.PlaybookFile)))
        {
            var full = Path.GetFullPath(Path.Combine(scenarioDirectory, t.PlaybookFile!));
            if (!File.Exists(full))
            {
                throw new InvalidDataException(
                    $"Job template '{t.Name}' has playbookFile '{t.PlaybookFile}', but '{full}' does not exist. Fix the path (relative to the scenario file) or remove playbookFile.");
            }
            t.PlaybookFile = full;
        }
    }
}

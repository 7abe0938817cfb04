using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Store;

/// <summary>One survey question of a template.</summary>
internal sealed class SurveyQuestion
{
    public required string Variable { get; init; }
    public string QuestionName { get; init; } = "";
    public bool Required { get; init; }
    /// <summary>text, textarea, password, integer, float, multiplechoice, multiselect.</summary>
    public string Type { get; init; } = "text";
    public JsonNode? Default { get; init; }
    public IReadOnlyList<string> Choices { get; init; } = [];
}

/// <summary>A template's survey.</summary>
internal sealed class Survey
{
    public bool Enabled { get; set; }
    public IReadOnlyList<SurveyQuestion> Questions { get; init; } = [];
    public bool IsActive => Enabled && Questions.Count > 0;
}

using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Http;

/// <summary>
/// One writable serializer field as AWX's OPTIONS describes it (<c>Metadata.get_field_info</c> in
/// <c>awx/api/metadata.py</c>): type, required, label, help text, max length, default, choices, filterable.
/// </summary>
internal sealed record FieldSpec(string Name, string Type, string Label, string HelpText)
{
    public bool Required { get; init; }
    public int? MaxLength { get; init; }
    public JsonNode? Default { get; init; }
    public bool HasDefault { get; init; }
    public IReadOnlyList<(string? Value, string Label)>? Choices { get; init; }
    public bool Filterable { get; init; } = true;

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["type"] = Type,
            ["required"] = Required,
            ["hidden"] = false,
            ["label"] = Label,
            ["help_text"] = HelpText,
        };
        if (MaxLength is { } max)
        {
            o["max_length"] = max;
        }
        o["filterable"] = Filterable;
        if (HasDefault)
        {
            o["default"] = Default?.DeepClone();
        }
        if (Choices is { } choices)
        {
            o["choices"] = new JsonArray(choices.Select(c => (JsonNode?)new JsonArray(c.Value, c.Label)).ToArray());
        }
        return o;
    }

    public static FieldSpec Text(string name, string label, string help, bool required = false, int? maxLength = 512, string? @default = "")
        => new(name, "string", label, help) { Required = required, MaxLength = maxLength, Default = required ? null : @default, HasDefault = !required };

    public static FieldSpec Id(string name, string label, string help, bool required = false)
        => new(name, "id", label, help) { Required = required, Default = null, HasDefault = !required };

    public static FieldSpec Bool(string name, string label, string help, bool @default)
        => new(name, "boolean", label, help) { Default = @default, HasDefault = true };

    public static FieldSpec Json(string name, string label, string help, string @default = "")
        => new(name, "json", label, help) { Default = @default, HasDefault = true, MaxLength = null };
}

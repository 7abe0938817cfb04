namespace AapPacker.HelpGen;

/// <summary>The help of one cmdlet, as read from its platyPS-layout markdown page.</summary>
internal sealed class CommandHelp
{
    public required string Name { get; init; }

    /// <summary>The <c>external help file</c> from the front matter, e.g. <c>AapPacker.dll-Help.xml</c>.</summary>
    public required string ExternalHelpFile { get; init; }

    public string ModuleName { get; init; } = "";

    public string OnlineVersion { get; init; } = "";

    public required string Synopsis { get; init; }

    /// <summary>Paragraphs of the DESCRIPTION section.</summary>
    public required IReadOnlyList<string> Description { get; init; }

    public required IReadOnlyList<SyntaxHelp> Syntax { get; init; }

    public required IReadOnlyList<ExampleHelp> Examples { get; init; }

    public required IReadOnlyList<ParameterHelp> Parameters { get; init; }

    public IReadOnlyList<TypeHelp> Inputs { get; init; } = [];

    public IReadOnlyList<TypeHelp> Outputs { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<RelatedLink> RelatedLinks { get; init; } = [];

    public string Verb => Name.Split('-', 2)[0];

    public string Noun => Name.Contains('-', StringComparison.Ordinal) ? Name.Split('-', 2)[1] : "";
}

/// <summary>One parameter set as shown in SYNTAX: its name and the parameters in the order the syntax line lists them.</summary>
internal sealed record SyntaxHelp(string ParameterSetName, IReadOnlyList<string> ParameterNames);

/// <summary>One example: title (without the "Example N:" prefix), code, and the explanation after it.</summary>
internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>A parameter with its description and one metadata block per group of parameter sets.</summary>
internal sealed class ParameterHelp
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Description { get; init; }

    /// <summary>
    /// platyPS writes one yaml block per distinct combination of Required/Position across parameter sets;
    /// most parameters have exactly one.
    /// </summary>
    public required IReadOnlyList<ParameterMetadata> Metadata { get; init; }

    public string Type => Metadata[0].Type;

    public bool IsSwitch => string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase);

    /// <summary>The metadata that applies to a parameter set, or null when the parameter is not in it.</summary>
    public ParameterMetadata? For(string parameterSetName) =>
        Metadata.FirstOrDefault(m => m.AppliesTo(parameterSetName));
}

/// <summary>The fields of a parameter's yaml block.</summary>
internal sealed record ParameterMetadata(
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool Globbing)
{
    public const string AllSets = "(All)";

    public bool AppliesTo(string parameterSetName) =>
        ParameterSets.Any(s => s == AllSets || string.Equals(s, parameterSetName, StringComparison.OrdinalIgnoreCase));
}

/// <summary>An INPUTS or OUTPUTS entry.</summary>
internal sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

/// <summary>A RELATED LINKS entry; <see cref="Uri"/> is empty for a link to another help topic.</summary>
internal sealed record RelatedLink(string Text, string Uri);

using System.Text.RegularExpressions;

namespace AapPacker.HelpGen;

/// <summary>
/// Reads one cmdlet page in platyPS's markdown layout (schema 2.0.0) into a <see cref="CommandHelp"/>, and refuses a
/// page that would give incomplete help: every problem names the file, the line and what to change.
/// </summary>
internal static partial class MarkdownHelpParser
{
    private const string DefaultParameterSet = "__AllParameterSets";

    private static readonly string[] KnownSections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    private static readonly string[] RequiredSections = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS"];

    private static readonly string[] YamlKeys =
        ["Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters"];

    [GeneratedRegex(@"(?<![\w-])-([A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex SyntaxParameterPattern();

    [GeneratedRegex(@"^Example\s+\d+\s*(?::\s*(.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ExampleHeadingPattern();

    [GeneratedRegex(@"^\s*(?:[-*+]\s+)?\[([^\]]+)\]\(([^)\s]*)\)\s*$")]
    private static partial Regex RelatedLinkPattern();

    public static CommandHelp Parse(string file, string content)
    {
        MarkdownDocument document = MarkdownLexer.Lex(file, content);
        var fail = new Failer(file);

        if (document.FrontMatterLine == 0)
        {
            throw fail.At(1, "missing the YAML front matter ('---', 'external help file: ...', 'Module Name: ...', 'schema: 2.0.0', '---')");
        }

        string externalHelpFile = FrontMatterValue(document, "external help file", fail);
        string schema = FrontMatterValue(document, "schema", fail);
        if (schema != "2.0.0")
        {
            throw fail.At(document.FrontMatterLine, $"front matter 'schema' is '{schema}'; this generator reads platyPS schema 2.0.0");
        }

        document.FrontMatter.TryGetValue("Module Name", out string? moduleName);
        document.FrontMatter.TryGetValue("online version", out string? onlineVersion);

        IReadOnlyList<MarkdownNode> nodes = document.Nodes;
        int first = IndexOfFirstContent(nodes);
        if (first < 0 || nodes[first] is not HeadingNode { Level: 1 } title)
        {
            int line = first < 0 ? nodes.Count : nodes[first].Line;
            throw fail.At(line, "expected the command name as the first heading ('# Verb-Noun')");
        }

        string name = title.Text.Trim();
        string expected = Path.GetFileNameWithoutExtension(file);
        if (!string.Equals(name, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw fail.At(title.Line, $"the page is titled '{name}' but the file is named '{expected}.md'; they must match");
        }

        Dictionary<string, Section> sections = SplitSections(nodes.Skip(first + 1).ToList(), title, fail);
        foreach (string required in RequiredSections)
        {
            if (!sections.ContainsKey(required))
            {
                throw fail.At(title.Line, $"missing the '## {required}' section");
            }
        }

        string synopsis = ParseSynopsis(sections["SYNOPSIS"], fail);
        IReadOnlyList<string> description = RequireProse(sections["DESCRIPTION"], fail, "DESCRIPTION");
        IReadOnlyList<SyntaxHelp> syntax = ParseSyntax(sections["SYNTAX"], name, fail);
        IReadOnlyList<ExampleHelp> examples = ParseExamples(sections["EXAMPLES"], fail);
        IReadOnlyList<ParameterHelp> parameters = ParseParameters(sections["PARAMETERS"], fail);
        CheckSyntaxAgainstParameters(sections["SYNTAX"], syntax, parameters, fail);

        return new CommandHelp
        {
            Name = name,
            ExternalHelpFile = externalHelpFile,
            ModuleName = moduleName ?? "",
            OnlineVersion = onlineVersion ?? "",
            Synopsis = synopsis,
            Description = description,
            Syntax = syntax,
            Examples = examples,
            Parameters = parameters,
            Inputs = sections.TryGetValue("INPUTS", out Section? inputs) ? ParseTypes(inputs, fail) : [],
            Outputs = sections.TryGetValue("OUTPUTS", out Section? outputs) ? ParseTypes(outputs, fail) : [],
            Notes = sections.TryGetValue("NOTES", out Section? notes) ? MarkdownText.ToParagraphs(notes.Prose) : [],
            RelatedLinks = sections.TryGetValue("RELATED LINKS", out Section? links) ? ParseLinks(links, fail) : [],
        };
    }

    private static string FrontMatterValue(MarkdownDocument document, string key, Failer fail)
    {
        if (!document.FrontMatter.TryGetValue(key, out string? value) || value.Length == 0)
        {
            throw fail.At(document.FrontMatterLine, $"the front matter has no '{key}:' value");
        }

        return value;
    }

    private static int IndexOfFirstContent(IReadOnlyList<MarkdownNode> nodes)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is not TextNode { IsBlank: true })
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, Section> SplitSections(List<MarkdownNode> nodes, HeadingNode title, Failer fail)
    {
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        Section? current = null;
        foreach (MarkdownNode node in nodes)
        {
            switch (node)
            {
                case HeadingNode { Level: 1 } h1:
                    throw fail.At(h1.Line, $"a second top-level heading '# {h1.Text}'; a page documents one command");
                case HeadingNode { Level: 2 } h2:
                    string key = h2.Text.Trim().ToUpperInvariant();
                    if (!KnownSections.Contains(key))
                    {
                        throw fail.At(h2.Line, $"unknown section '## {h2.Text}'; expected one of {string.Join(", ", KnownSections)}");
                    }

                    if (sections.ContainsKey(key))
                    {
                        throw fail.At(h2.Line, $"the section '## {key}' appears twice");
                    }

                    current = new Section(h2);
                    sections.Add(key, current);
                    break;
                case HeadingNode { Level: 3 } h3 when current is not null:
                    current.Subsections.Add(new Subsection(h3));
                    break;
                case HeadingNode deeper when current is not null:
                    throw fail.At(deeper.Line, $"heading level {deeper.Level} is not part of the layout under '## {current.Heading.Text}'");
                case TextNode { IsBlank: true } when current is null:
                    break;
                case var other when current is null:
                    throw fail.At(other.Line, $"content before the first section; start with '## SYNOPSIS' after '# {title.Text}'");
                default:
                    if (current!.Subsections.Count > 0)
                    {
                        current.Subsections[^1].Body.Add(node);
                    }
                    else
                    {
                        current.Prose.Add(node);
                    }

                    break;
            }
        }

        return sections;
    }

    private static string ParseSynopsis(Section section, Failer fail)
    {
        RejectSubsections(section, fail);
        IReadOnlyList<string> paragraphs = RequireProse(section, fail, "SYNOPSIS");
        return string.Join(" ", paragraphs);
    }

    private static List<string> RequireProse(Section section, Failer fail, string name)
    {
        RejectSubsections(section, fail);
        List<string> paragraphs = [.. MarkdownText.ToParagraphs(section.Prose).Where(p => p.Trim().Length > 0)];
        if (paragraphs.Count == 0 || paragraphs.All(IsPlaceholder))
        {
            throw fail.At(section.Heading.Line, $"the '## {name}' section is empty; write what the command does");
        }

        return paragraphs;
    }

    /// <summary>platyPS fills new pages with '{{ Fill ... }}' placeholders; shipping one is a mistake.</summary>
    private static bool IsPlaceholder(string text) => text.Contains("{{", StringComparison.Ordinal) && text.Contains("}}", StringComparison.Ordinal);

    private static void RejectSubsections(Section section, Failer fail)
    {
        if (section.Subsections.Count > 0)
        {
            HeadingNode h = section.Subsections[0].Heading;
            throw fail.At(h.Line, $"'### {h.Text}' is not expected under '## {section.Heading.Text}'");
        }
    }

    private static List<SyntaxHelp> ParseSyntax(Section section, string commandName, Failer fail)
    {
        var sets = new List<SyntaxHelp>();
        if (section.Subsections.Count == 0)
        {
            sets.Add(ParseSyntaxBlock(DefaultParameterSet, section.Prose, section.Heading, commandName, fail));
        }
        else
        {
            RejectText(section.Prose, fail, "SYNTAX", "before the first '### ParameterSetName'");
            foreach (Subsection set in section.Subsections)
            {
                string setName = set.Heading.Text.Trim();
                if (sets.Any(s => string.Equals(s.ParameterSetName, setName, StringComparison.OrdinalIgnoreCase)))
                {
                    throw fail.At(set.Heading.Line, $"parameter set '{setName}' is listed twice under SYNTAX");
                }

                sets.Add(ParseSyntaxBlock(setName, set.Body, set.Heading, commandName, fail));
            }
        }

        return sets;
    }

    private static SyntaxHelp ParseSyntaxBlock(string setName, List<MarkdownNode> body, HeadingNode heading, string commandName, Failer fail)
    {
        RejectText(body.Where(n => n is not FenceNode), fail, "SYNTAX", "outside the syntax code block");
        List<FenceNode> fences = [.. body.OfType<FenceNode>()];
        if (fences.Count != 1)
        {
            throw fail.At(heading.Line, $"'{heading.Text}' needs exactly one fenced syntax block, found {fences.Count}");
        }

        string text = string.Join(' ', fences[0].Lines).Trim();
        if (!text.StartsWith(commandName, StringComparison.OrdinalIgnoreCase))
        {
            throw fail.At(fences[0].Line, $"the syntax block must start with the command name '{commandName}'");
        }

        var names = new List<string>();
        foreach (Match match in SyntaxParameterPattern().Matches(text[commandName.Length..]))
        {
            string parameter = match.Groups[1].Value;
            if (names.Contains(parameter, StringComparer.OrdinalIgnoreCase))
            {
                throw fail.At(fences[0].Line, $"-{parameter} appears twice in the syntax of '{setName}'");
            }

            names.Add(parameter);
        }

        return new SyntaxHelp(setName, names);
    }

    private static List<ExampleHelp> ParseExamples(Section section, Failer fail)
    {
        RejectText(section.Prose, fail, "EXAMPLES", "before the first '### Example 1: ...'");
        if (section.Subsections.Count == 0)
        {
            throw fail.At(section.Heading.Line, "the '## EXAMPLES' section has no example; add '### Example 1: <title>' with a ```powershell block");
        }

        var examples = new List<ExampleHelp>();
        foreach (Subsection example in section.Subsections)
        {
            Match heading = ExampleHeadingPattern().Match(example.Heading.Text.Trim());
            if (!heading.Success)
            {
                throw fail.At(example.Heading.Line, $"example heading '### {example.Heading.Text}' must read '### Example N: <title>'");
            }

            FenceNode? code = example.Body.OfType<FenceNode>().FirstOrDefault();
            if (code is null || code.Lines.All(string.IsNullOrWhiteSpace))
            {
                throw fail.At(example.Heading.Line, $"'{example.Heading.Text}' has no code; add a ```powershell block");
            }

            List<string> remarks = [.. MarkdownText.ToParagraphs(example.Body.Where(n => !ReferenceEquals(n, code)))];
            if (remarks.Count == 0)
            {
                throw fail.At(example.Heading.Line, $"'{example.Heading.Text}' has no explanation; say what the example does after the code");
            }

            string title = heading.Groups[1].Success ? heading.Groups[1].Value.Trim() : "";
            examples.Add(new ExampleHelp(title, string.Join('\n', MarkdownText.TrimBlankEdges(code.Lines)), remarks));
        }

        return examples;
    }

    private static List<ParameterHelp> ParseParameters(Section section, Failer fail)
    {
        RejectText(section.Prose, fail, "PARAMETERS", "before the first '### -Name'");
        var parameters = new List<ParameterHelp>();
        foreach (Subsection sub in section.Subsections)
        {
            string heading = sub.Heading.Text.Trim();
            if (string.Equals(heading, "CommonParameters", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!heading.StartsWith('-') || heading.Length < 2 || heading.Contains(' ', StringComparison.Ordinal))
            {
                throw fail.At(sub.Heading.Line, $"'### {heading}' under PARAMETERS must be '### -ParameterName' or '### CommonParameters'");
            }

            string name = heading[1..];
            if (parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw fail.At(sub.Heading.Line, $"-{name} is documented twice");
            }

            List<FenceNode> yamlBlocks = [.. sub.Body.OfType<FenceNode>().Where(f => string.Equals(f.Info, "yaml", StringComparison.OrdinalIgnoreCase))];
            if (yamlBlocks.Count == 0)
            {
                throw fail.At(sub.Heading.Line, $"-{name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters)");
            }

            List<string> description = [.. MarkdownText.ToParagraphs(sub.Body.Where(n => !yamlBlocks.Contains(n))).Where(p => p.Trim().Length > 0)];
            if (description.Count == 0 || description.All(IsPlaceholder))
            {
                throw fail.At(sub.Heading.Line, $"-{name} has no description; say what the parameter does");
            }

            List<ParameterMetadata> metadata = [.. yamlBlocks.Select(y => ParseYaml(y, name, fail))];
            if (metadata.Select(m => m.Type).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
            {
                throw fail.At(yamlBlocks[1].Line, $"-{name} has different Types in its yaml blocks");
            }

            parameters.Add(new ParameterHelp { Name = name, Description = description, Metadata = metadata });
        }

        return parameters;
    }

    private static ParameterMetadata ParseYaml(FenceNode yaml, string parameter, Failer fail)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < yaml.Lines.Count; i++)
        {
            string line = yaml.Lines[i];
            int lineNumber = yaml.Line + 1 + i;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string key = colon > 0 ? line[..colon].Trim() : "";
            if (!YamlKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw fail.At(lineNumber, $"-{parameter}: '{line.Trim()}' is not one of the yaml keys {string.Join(", ", YamlKeys)}");
            }

            if (!values.TryAdd(key, line[(colon + 1)..].Trim()))
            {
                throw fail.At(lineNumber, $"-{parameter}: '{key}' is given twice");
            }
        }

        foreach (string key in YamlKeys)
        {
            if (!values.ContainsKey(key))
            {
                throw fail.At(yaml.Line, $"-{parameter}: the yaml block has no '{key}:' line");
            }
        }

        string type = values["Type"];
        if (type.Length == 0)
        {
            throw fail.At(yaml.Line, $"-{parameter}: 'Type:' is empty");
        }

        List<string> sets = SplitList(values["Parameter Sets"]);
        if (sets.Count == 0)
        {
            throw fail.At(yaml.Line, $"-{parameter}: 'Parameter Sets:' is empty; use (All) or the set names");
        }

        List<string> aliases = SplitList(values["Aliases"]);
        if (aliases.Count == 1 && string.Equals(aliases[0], "None", StringComparison.OrdinalIgnoreCase))
        {
            aliases.Clear();
        }

        string position = values["Position"];
        if (!string.Equals(position, "Named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(position, out _))
        {
            throw fail.At(yaml.Line, $"-{parameter}: 'Position: {position}' must be Named or a number");
        }

        string pipeline = values["Accept pipeline input"];
        if (!pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase) && !string.Equals(pipeline, "False", StringComparison.OrdinalIgnoreCase))
        {
            throw fail.At(yaml.Line, $"-{parameter}: 'Accept pipeline input: {pipeline}' must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)");
        }

        return new ParameterMetadata(
            type,
            sets,
            aliases,
            ParseBool(values["Required"], "Required", yaml, parameter, fail),
            string.Equals(position, "Named", StringComparison.OrdinalIgnoreCase) ? "named" : position,
            values["Default value"].Length == 0 ? "None" : values["Default value"],
            pipeline,
            ParseBool(values["Accept wildcard characters"], "Accept wildcard characters", yaml, parameter, fail));
    }

    private static bool ParseBool(string value, string key, FenceNode yaml, string parameter, Failer fail) =>
        bool.TryParse(value, out bool result)
            ? result
            : throw fail.At(yaml.Line, $"-{parameter}: '{key}: {value}' must be True or False");

    private static List<string> SplitList(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static void CheckSyntaxAgainstParameters(Section syntaxSection, IReadOnlyList<SyntaxHelp> syntax, IReadOnlyList<ParameterHelp> parameters, Failer fail)
    {
        int line = syntaxSection.Heading.Line;
        foreach (SyntaxHelp set in syntax)
        {
            foreach (string name in set.ParameterNames)
            {
                ParameterHelp parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw fail.At(line, $"-{name} is in the syntax of '{set.ParameterSetName}' but has no '### -{name}' under PARAMETERS");
                if (set.ParameterSetName != DefaultParameterSet && parameter.For(set.ParameterSetName) is null)
                {
                    throw fail.At(line, $"-{name} is in the syntax of '{set.ParameterSetName}' but its yaml 'Parameter Sets' does not list that set");
                }
            }
        }

        foreach (ParameterHelp parameter in parameters)
        {
            foreach (ParameterMetadata metadata in parameter.Metadata)
            {
                foreach (string setName in metadata.ParameterSets.Where(s => s != ParameterMetadata.AllSets))
                {
                    if (!syntax.Any(s => string.Equals(s.ParameterSetName, setName, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw fail.At(line, $"-{parameter.Name} names parameter set '{setName}', which SYNTAX does not list");
                    }
                }
            }

            foreach (SyntaxHelp set in syntax)
            {
                bool inSet = set.ParameterSetName == DefaultParameterSet || parameter.For(set.ParameterSetName) is not null;
                if (inSet && !set.ParameterNames.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase))
                {
                    throw fail.At(line, $"-{parameter.Name} belongs to parameter set '{set.ParameterSetName}' but is missing from its syntax block");
                }
            }
        }
    }

    private static List<TypeHelp> ParseTypes(Section section, Failer fail)
    {
        RejectText(section.Prose, fail, section.Heading.Text, "before the first '### TypeName'");
        return [.. section.Subsections.Select(s => new TypeHelp(s.Heading.Text.Trim(), MarkdownText.ToParagraphs(s.Body)))];
    }

    private static List<RelatedLink> ParseLinks(Section section, Failer fail)
    {
        RejectSubsections(section, fail);
        var links = new List<RelatedLink>();
        foreach (TextNode text in section.Prose.OfType<TextNode>().Where(t => !t.IsBlank))
        {
            Match link = RelatedLinkPattern().Match(text.Text);
            if (!link.Success)
            {
                throw fail.At(text.Line, $"'{text.Text.Trim()}' under RELATED LINKS must be a link: [Text](uri) or [Get-Command]()");
            }

            links.Add(new RelatedLink(link.Groups[1].Value.Trim(), link.Groups[2].Value.Trim()));
        }

        return links;
    }

    private static void RejectText(IEnumerable<MarkdownNode> nodes, Failer fail, string section, string where)
    {
        MarkdownNode? stray = nodes.FirstOrDefault(n => n is not TextNode { IsBlank: true });
        if (stray is not null)
        {
            throw fail.At(stray.Line, $"unexpected content in '## {section}' {where}");
        }
    }

    private sealed class Section(HeadingNode heading)
    {
        public HeadingNode Heading { get; } = heading;

        public List<MarkdownNode> Prose { get; } = [];

        public List<Subsection> Subsections { get; } = [];
    }

    private sealed class Subsection(HeadingNode heading)
    {
        public HeadingNode Heading { get; } = heading;

        public List<MarkdownNode> Body { get; } = [];
    }

    private sealed class Failer(string file)
    {
        public HelpFormatException At(int line, string problem) => new(file, line, problem);
    }
}

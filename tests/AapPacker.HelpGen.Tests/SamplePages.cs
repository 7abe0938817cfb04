namespace AapPacker.HelpGen.Tests;

/// <summary>Small help pages built inline, so each test shows exactly the markdown it feeds the generator.</summary>
internal static class SamplePages
{
    public const string FrontMatter = """
        ---
        external help file: Sample.dll-Help.xml
        Module Name: Sample
        online version:
        schema: 2.0.0
        ---

        """;

    public const string Synopsis = """
        ## SYNOPSIS
        Gets a widget.

        """;

    public const string Syntax = """
        ## SYNTAX

        ```
        Get-Widget [-Name] <String> [-Force] [<CommonParameters>]
        ```

        """;

    public const string Description = """
        ## DESCRIPTION
        The `Get-Widget` cmdlet gets a widget
        by its name.

        A second paragraph.

        """;

    public const string Examples = """
        ## EXAMPLES

        ### Example 1: Get one widget
        ```powershell
        Get-Widget -Name 'w1'
        ```

        Gets the widget named w1.

        """;

    public const string NameParameter = """
        ### -Name
        The widget's name.

        ```yaml
        Type: String
        Parameter Sets: (All)
        Aliases: WidgetName, N

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: True (ByValue)
        Accept wildcard characters: False
        ```

        """;

    public const string ForceParameter = """
        ### -Force
        Gets it even when hidden.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: False
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        """;

    public const string Parameters = "## PARAMETERS\n\n" + NameParameter + ForceParameter + """
        ### CommonParameters
        This cmdlet supports the common parameters.

        """;

    public const string Tail = """
        ## INPUTS

        ### System.String
        A widget name.

        ## OUTPUTS

        ### Sample.Widget
        The widget.

        ## NOTES
        Widgets are cached.

        ## RELATED LINKS

        [Set-Widget](Set-Widget.md)

        [Online docs](https://example.org/widgets)
        """;

    public static string Page(
        string? synopsis = Synopsis,
        string? syntax = Syntax,
        string? description = Description,
        string? examples = Examples,
        string? parameters = Parameters,
        string tail = Tail) =>
        FrontMatter + "# Get-Widget\n\n" + synopsis + syntax + description + examples + parameters + tail;

    public static CommandHelp Parse(string page) => MarkdownHelpParser.Parse("Get-Widget.md", page);

    public static HelpFormatException ParseFails(string page) =>
        Assert.Throws<HelpFormatException>(() => MarkdownHelpParser.Parse("Get-Widget.md", page));

    /// <summary>1-based line number of the first line containing <paramref name="text"/>.</summary>
    public static int LineOf(string page, string text)
    {
        string[] lines = page.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new ArgumentException($"'{text}' is not in the page", nameof(text));
    }
}

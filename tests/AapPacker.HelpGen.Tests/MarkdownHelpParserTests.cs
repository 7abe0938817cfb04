namespace AapPacker.HelpGen.Tests;

public class MarkdownHelpParserTests
{
    [Fact]
    public void Reads_name_verb_noun_and_front_matter()
    {
        CommandHelp help = SamplePages.Parse(SamplePages.Page());

        Assert.Equal("Get-Widget", help.Name);
        Assert.Equal("Get", help.Verb);
        Assert.Equal("Widget", help.Noun);
        Assert.Equal("Sample.dll-Help.xml", help.ExternalHelpFile);
        Assert.Equal("Sample", help.ModuleName);
    }

    [Fact]
    public void Joins_wrapped_description_lines_and_keeps_paragraphs_apart()
    {
        CommandHelp help = SamplePages.Parse(SamplePages.Page());

        Assert.Equal("Gets a widget.", help.Synopsis);
        Assert.Equal(["The `Get-Widget` cmdlet gets a widget by its name.", "A second paragraph."], help.Description);
    }

    [Fact]
    public void Keeps_a_list_as_one_paragraph_with_an_item_per_line()
    {
        string description = """
            ## DESCRIPTION
            Sources:
            - `AAP_TOKEN`, then
              `CONTROLLER_TOKEN`.
            - `TOWER_TOKEN`.

            """;

        CommandHelp help = SamplePages.Parse(SamplePages.Page(description: description));

        Assert.Equal(["Sources:", "- `AAP_TOKEN`, then `CONTROLLER_TOKEN`.\n- `TOWER_TOKEN`."], help.Description);
    }

    [Fact]
    public void Reads_a_parameter_yaml_block()
    {
        CommandHelp help = SamplePages.Parse(SamplePages.Page());

        ParameterHelp name = Assert.Single(help.Parameters, p => p.Name == "Name");
        ParameterMetadata metadata = Assert.Single(name.Metadata);
        Assert.Equal("String", metadata.Type);
        Assert.Equal(["(All)"], metadata.ParameterSets);
        Assert.Equal(["WidgetName", "N"], metadata.Aliases);
        Assert.True(metadata.Required);
        Assert.Equal("0", metadata.Position);
        Assert.Equal("True (ByValue)", metadata.PipelineInput);
        Assert.False(metadata.Globbing);
        Assert.Equal(["The widget's name."], name.Description);
    }

    [Fact]
    public void Reads_a_switch_with_no_aliases_as_named()
    {
        CommandHelp help = SamplePages.Parse(SamplePages.Page());

        ParameterHelp force = Assert.Single(help.Parameters, p => p.Name == "Force");
        Assert.True(force.IsSwitch);
        Assert.Empty(force.Metadata[0].Aliases);
        Assert.Equal("named", force.Metadata[0].Position);
    }

    [Fact]
    public void Skips_CommonParameters()
    {
        CommandHelp help = SamplePages.Parse(SamplePages.Page());

        Assert.Equal(["Name", "Force"], help.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Reads_syntax_parameters_in_their_order()
    {
        CommandHelp help = SamplePages.Parse(SamplePages.Page());

        SyntaxHelp set = Assert.Single(help.Syntax);
        Assert.Equal(["Name", "Force"], set.ParameterNames);
    }

    [Fact]
    public void Reads_named_parameter_sets_and_per_set_metadata()
    {
        string syntax = """
            ## SYNTAX

            ### ByName (Default)
            ```
            Get-Widget [-Name] <String> [<CommonParameters>]
            ```

            ### ById
            ```
            Get-Widget -Id <Int32> [-Name <String>] [<CommonParameters>]
            ```

            """;
        string parameters = """
            ## PARAMETERS

            ### -Name
            The widget's name.

            ```yaml
            Type: String
            Parameter Sets: ByName (Default)
            Aliases:

            Required: True
            Position: 0
            Default value: None
            Accept pipeline input: False
            Accept wildcard characters: True
            ```

            ```yaml
            Type: String
            Parameter Sets: ById
            Aliases:

            Required: False
            Position: Named
            Default value: None
            Accept pipeline input: False
            Accept wildcard characters: True
            ```

            ### -Id
            The widget's id.

            ```yaml
            Type: Int32
            Parameter Sets: ById
            Aliases:

            Required: True
            Position: Named
            Default value: None
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            """;

        CommandHelp help = SamplePages.Parse(SamplePages.Page(syntax: syntax, parameters: parameters));

        Assert.Equal(["ByName (Default)", "ById"], help.Syntax.Select(s => s.ParameterSetName));
        Assert.Equal(["Id", "Name"], help.Syntax[1].ParameterNames);
        ParameterHelp name = help.Parameters[0];
        Assert.True(name.For("ByName (Default)")!.Required);
        Assert.False(name.For("ById")!.Required);
        Assert.Null(help.Parameters[1].For("ByName (Default)"));
    }

    [Fact]
    public void Reads_examples_with_code_and_remarks()
    {
        CommandHelp help = SamplePages.Parse(SamplePages.Page());

        ExampleHelp example = Assert.Single(help.Examples);
        Assert.Equal("Get one widget", example.Title);
        Assert.Equal("Get-Widget -Name 'w1'", example.Code);
        Assert.Equal(["Gets the widget named w1."], example.Remarks);
    }

    [Fact]
    public void Reads_inputs_outputs_notes_and_links()
    {
        CommandHelp help = SamplePages.Parse(SamplePages.Page());

        TypeHelp input = Assert.Single(help.Inputs);
        Assert.Equal("System.String", input.TypeName);
        Assert.Equal(["A widget name."], input.Description);
        Assert.Equal("Sample.Widget", Assert.Single(help.Outputs).TypeName);
        Assert.Equal(["Widgets are cached."], help.Notes);
        Assert.Equal([new RelatedLink("Set-Widget", "Set-Widget.md"), new RelatedLink("Online docs", "https://example.org/widgets")], help.RelatedLinks);
    }

    [Fact]
    public void Accepts_windows_line_endings()
    {
        CommandHelp help = SamplePages.Parse(SamplePages.Page().Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal("Gets a widget.", help.Synopsis);
        Assert.Equal(2, help.Parameters.Count);
    }

    [Fact]
    public void Strips_strong_emphasis_and_link_targets_to_other_pages()
    {
        string description = """
            ## DESCRIPTION
            **Never** use [Remove-Widget](Remove-Widget.md); see [the guide](https://example.org/guide).

            """;

        CommandHelp help = SamplePages.Parse(SamplePages.Page(description: description));

        Assert.Equal("Never use Remove-Widget; see the guide (https://example.org/guide).", Assert.Single(help.Description));
    }
}

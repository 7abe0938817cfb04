namespace AapPacker.HelpGen.Tests;

/// <summary>A malformed page is refused with the file, the line and what to change.</summary>
public class MalformedPageTests
{
    [Theory]
    [InlineData("SYNOPSIS")]
    [InlineData("DESCRIPTION")]
    [InlineData("EXAMPLES")]
    [InlineData("SYNTAX")]
    [InlineData("PARAMETERS")]
    public void A_missing_required_section_is_named(string section)
    {
        string page = SamplePages.Page(
            synopsis: section == "SYNOPSIS" ? "" : SamplePages.Synopsis,
            syntax: section == "SYNTAX" ? "" : SamplePages.Syntax,
            description: section == "DESCRIPTION" ? "" : SamplePages.Description,
            examples: section == "EXAMPLES" ? "" : SamplePages.Examples,
            parameters: section == "PARAMETERS" ? "" : SamplePages.Parameters);

        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains($"missing the '## {section}' section", error.Message, StringComparison.Ordinal);
        Assert.Equal("Get-Widget.md", error.File);
        Assert.Equal(SamplePages.LineOf(page, "# Get-Widget"), error.Line);
    }

    [Fact]
    public void An_empty_synopsis_is_refused()
    {
        string page = SamplePages.Page(synopsis: "## SYNOPSIS\n\n");

        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("'## SYNOPSIS' section is empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(SamplePages.LineOf(page, "## SYNOPSIS"), error.Line);
    }

    [Fact]
    public void A_platyPS_placeholder_counts_as_empty()
    {
        string page = SamplePages.Page(description: "## DESCRIPTION\n{{ Fill in the Description }}\n\n");

        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("'## DESCRIPTION' section is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_section_is_named_with_its_line()
    {
        string page = SamplePages.Page(tail: SamplePages.Tail + "\n\n## CAVEATS\nSome.\n");

        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("unknown section '## CAVEATS'", error.Message, StringComparison.Ordinal);
        Assert.Equal(SamplePages.LineOf(page, "## CAVEATS"), error.Line);
    }

    [Fact]
    public void A_parameter_without_a_yaml_block_is_refused()
    {
        string parameters = "## PARAMETERS\n\n" + SamplePages.NameParameter + "### -Force\nGets it even when hidden.\n\n";

        string page = SamplePages.Page(parameters: parameters);
        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("-Force has no ```yaml block", error.Message, StringComparison.Ordinal);
        Assert.Equal(SamplePages.LineOf(page, "### -Force"), error.Line);
    }

    [Fact]
    public void A_parameter_without_a_description_is_refused()
    {
        string parameters = "## PARAMETERS\n\n" + SamplePages.NameParameter + SamplePages.ForceParameter.Replace("Gets it even when hidden.\n", "", StringComparison.Ordinal);

        HelpFormatException error = SamplePages.ParseFails(SamplePages.Page(parameters: parameters));

        Assert.Contains("-Force has no description", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_block_missing_a_key_names_the_key()
    {
        string parameters = "## PARAMETERS\n\n" + SamplePages.NameParameter + SamplePages.ForceParameter.Replace("Position: Named\n", "", StringComparison.Ordinal);

        HelpFormatException error = SamplePages.ParseFails(SamplePages.Page(parameters: parameters));

        Assert.Contains("-Force: the yaml block has no 'Position:' line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_yaml_key_is_named_with_its_line()
    {
        string parameters = "## PARAMETERS\n\n" + SamplePages.NameParameter + SamplePages.ForceParameter.Replace("Required: False", "Mandatory: False", StringComparison.Ordinal);

        string page = SamplePages.Page(parameters: parameters);
        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("'Mandatory: False' is not one of the yaml keys", error.Message, StringComparison.Ordinal);
        Assert.Equal(SamplePages.LineOf(page, "Mandatory: False"), error.Line);
    }

    [Fact]
    public void A_non_boolean_Required_is_refused()
    {
        string parameters = "## PARAMETERS\n\n" + SamplePages.NameParameter + SamplePages.ForceParameter.Replace("Required: False", "Required: Sometimes", StringComparison.Ordinal);

        HelpFormatException error = SamplePages.ParseFails(SamplePages.Page(parameters: parameters));

        Assert.Contains("'Required: Sometimes' must be True or False", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_example_without_code_is_refused()
    {
        string examples = "## EXAMPLES\n\n### Example 1: Talk only\nNo code here.\n\n";

        string page = SamplePages.Page(examples: examples);
        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("has no code", error.Message, StringComparison.Ordinal);
        Assert.Equal(SamplePages.LineOf(page, "### Example 1"), error.Line);
    }

    [Fact]
    public void An_example_without_an_explanation_is_refused()
    {
        string examples = "## EXAMPLES\n\n### Example 1: Code only\n```powershell\nGet-Widget w\n```\n\n";

        HelpFormatException error = SamplePages.ParseFails(SamplePages.Page(examples: examples));

        Assert.Contains("has no explanation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_examples_section_without_examples_is_refused()
    {
        HelpFormatException error = SamplePages.ParseFails(SamplePages.Page(examples: "## EXAMPLES\n\n"));

        Assert.Contains("has no example", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_parameter_that_is_not_documented_is_named()
    {
        string syntax = SamplePages.Syntax.Replace("[-Force]", "[-Force] [-Colour <String>]", StringComparison.Ordinal);

        HelpFormatException error = SamplePages.ParseFails(SamplePages.Page(syntax: syntax));

        Assert.Contains("-Colour is in the syntax", error.Message, StringComparison.Ordinal);
        Assert.Contains("no '### -Colour' under PARAMETERS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_documented_parameter_missing_from_the_syntax_is_named()
    {
        string syntax = SamplePages.Syntax.Replace(" [-Force]", "", StringComparison.Ordinal);

        HelpFormatException error = SamplePages.ParseFails(SamplePages.Page(syntax: syntax));

        Assert.Contains("-Force belongs to parameter set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_that_differs_from_the_file_name_is_refused()
    {
        string page = SamplePages.Page().Replace("# Get-Widget\n", "# Get-Gadget\n", StringComparison.Ordinal);

        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("titled 'Get-Gadget' but the file is named 'Get-Widget.md'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_without_front_matter_is_refused()
    {
        string page = SamplePages.Page()[SamplePages.FrontMatter.Length..];

        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("missing the YAML front matter", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void An_unclosed_code_fence_is_reported_where_it_opens()
    {
        string examples = "## EXAMPLES\n\n### Example 1: Broken\n```powershell\nGet-Widget w\n\n";

        string page = SamplePages.Page(examples: examples, parameters: "", tail: "");
        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
        Assert.Equal(SamplePages.LineOf(page, "```powershell"), error.Line);
    }

    [Fact]
    public void A_control_character_is_reported_with_its_line()
    {
        string description = "## DESCRIPTION\nBell \u0007 here.\n\n";

        string page = SamplePages.Page(description: description);
        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.Contains("U+0007", error.Message, StringComparison.Ordinal);
        Assert.Equal(SamplePages.LineOf(page, "Bell"), error.Line);
    }

    [Fact]
    public void The_message_starts_with_file_and_line()
    {
        string page = SamplePages.Page(tail: SamplePages.Tail + "\n\n## CAVEATS\n");

        HelpFormatException error = SamplePages.ParseFails(page);

        Assert.StartsWith($"Get-Widget.md:{SamplePages.LineOf(page, "## CAVEATS")}: ", error.Message, StringComparison.Ordinal);
    }
}

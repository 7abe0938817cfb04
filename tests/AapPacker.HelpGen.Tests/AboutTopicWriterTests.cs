namespace AapPacker.HelpGen.Tests;

public class AboutTopicWriterTests
{
    private const string Page = """
        ---
        external help file:
        Module Name: Sample
        schema: 2.0.0
        ---

        # about_Sample

        ## SHORT DESCRIPTION
        Explains widgets.

        ## LONG DESCRIPTION
        Widgets are small things that do one job each and are composed into larger things by the pipeline, which is why this sentence is long enough to wrap.

        ### Lifecycle
        - Create the widget, then use it for as long as the build runs, then remove it so nothing is left behind.
        - Remove it.

        ```powershell
        Get-Widget -Name 'a very long widget name that goes past eighty columns without being wrapped at all'
        ```

        | Code | Meaning |
        |------|---------|
        | 0 | success |
        | 1 | failure |

        ## SEE ALSO
        Get-Widget
        """;

    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void Starts_with_the_topic_name()
    {
        string text = AboutTopicWriter.Convert("about_Sample.help.md", Page);

        Assert.StartsWith("TOPIC\n    about_Sample\n\nSHORT DESCRIPTION\n    Explains widgets.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Prose_is_wrapped_at_80_columns_and_indented()
    {
        string[] lines = Lines(AboutTopicWriter.Convert("about_Sample.help.md", Page));

        string[] prose = [.. lines.SkipWhile(l => l != "LONG DESCRIPTION").Skip(1).TakeWhile(l => l.Length > 0)];
        Assert.True(prose.Length >= 2);
        Assert.All(prose, l => Assert.True(l.Length <= 80 && l.StartsWith("    ", StringComparison.Ordinal), l));
        Assert.Equal(
            "Widgets are small things that do one job each and are composed into larger things by the pipeline, which is why this sentence is long enough to wrap.",
            string.Join(' ', prose.Select(l => l.Trim())));
    }

    [Fact]
    public void Sub_headings_are_indented_two_and_list_items_hang()
    {
        string[] lines = Lines(AboutTopicWriter.Convert("about_Sample.help.md", Page));

        int heading = Array.IndexOf(lines, "  Lifecycle");
        Assert.True(heading > 0);
        Assert.StartsWith("    - Create the widget", lines[heading + 1], StringComparison.Ordinal);
        Assert.StartsWith("      ", lines[heading + 2], StringComparison.Ordinal);
        Assert.Equal("    - Remove it.", lines[heading + 3]);
    }

    [Fact]
    public void Code_is_indented_eight_and_never_wrapped()
    {
        string[] lines = Lines(AboutTopicWriter.Convert("about_Sample.help.md", Page));

        Assert.Contains("        Get-Widget -Name 'a very long widget name that goes past eighty columns without being wrapped at all'", lines);
    }

    [Fact]
    public void Tables_become_aligned_columns_without_pipes()
    {
        string[] lines = Lines(AboutTopicWriter.Convert("about_Sample.help.md", Page));

        int header = Array.IndexOf(lines, "    Code  Meaning");
        Assert.True(header > 0);
        Assert.Equal("    ----  -------", lines[header + 1]);
        Assert.Equal("    0     success", lines[header + 2]);
    }

    [Fact]
    public void Missing_long_description_is_refused()
    {
        string page = "# about_Sample\n\n## SHORT DESCRIPTION\nExplains widgets.\n";

        HelpFormatException error = Assert.Throws<HelpFormatException>(() => AboutTopicWriter.Convert("about_Sample.help.md", page));

        Assert.Contains("'## LONG DESCRIPTION'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_that_differs_from_the_file_name_is_refused()
    {
        HelpFormatException error = Assert.Throws<HelpFormatException>(() => AboutTopicWriter.Convert("about_Other.help.md", Page));

        Assert.Contains("titled 'about_Sample'", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, error.Line);
    }
}

namespace AapPacker.HelpGen.Tests;

public class HelpGeneratorTests
{
    private const string About = "# about_Sample\n\n## SHORT DESCRIPTION\nExplains widgets.\n\n## LONG DESCRIPTION\nMore.\n";

    [Fact]
    public void Writes_one_maml_file_per_external_help_file_and_the_about_topic()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("Get-Widget.md", SamplePages.Page());
        docs.Write("about_Sample.help.md", About);

        GenerationResult result = HelpGenerator.Generate(docs.Path, output.Path, "Sample");

        Assert.True(result.Succeeded);
        Assert.Equal(
            ["Sample.dll-Help.xml", "about_Sample.help.txt"],
            Directory.GetFiles(output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_about_topic_is_utf8_with_a_byte_order_mark_for_Windows_PowerShell()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("about_Sample.help.md", About.Replace("More.", "Naïve café.", StringComparison.Ordinal));

        Assert.True(HelpGenerator.Generate(docs.Path, output.Path, null).Succeeded);

        byte[] bytes = File.ReadAllBytes(Path.Combine(output.Path, "about_Sample.help.txt"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        Assert.Contains("Naïve café.", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_page_writes_nothing_and_reports_every_problem()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        string target = Path.Combine(output.Path, "en-US");
        docs.Write("Get-Widget.md", SamplePages.Page(examples: ""));
        docs.Write("Set-Widget.md", SamplePages.Page().Replace("Get-Widget", "Set-Widget", StringComparison.Ordinal).Replace("## NOTES", "## REMARKS", StringComparison.Ordinal));

        GenerationResult result = HelpGenerator.Generate(docs.Path, target, "Sample");

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Problems.Count);
        Assert.EndsWith("Get-Widget.md", result.Problems[0].File, StringComparison.Ordinal);
        Assert.Contains("EXAMPLES", result.Problems[0].Problem, StringComparison.Ordinal);
        Assert.Contains("unknown section '## REMARKS'", result.Problems[1].Problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void A_page_of_another_module_is_refused()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("Get-Widget.md", SamplePages.Page());

        GenerationResult result = HelpGenerator.Generate(docs.Path, output.Path, "AapPacker");

        Assert.Contains("'Module Name' is 'Sample', expected 'AapPacker'", Assert.Single(result.Problems).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_about_page_must_be_named_help_md()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("about_Sample.md", About);

        GenerationResult result = HelpGenerator.Generate(docs.Path, output.Path, null);

        Assert.Contains("about_<Topic>.help.md", Assert.Single(result.Problems).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_docs_folder_is_an_error()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();

        GenerationResult result = HelpGenerator.Generate(docs.Path, output.Path, null);

        Assert.False(result.Succeeded);
    }
}

namespace AapPacker.HelpGen.Tests;

/// <summary>Exit codes of the command line: 0 written, 1 malformed docs, 2 bad arguments.</summary>
public class ProgramTests
{
    [Fact]
    public void Missing_arguments_exit_2()
    {
        Assert.Equal(2, Program.Main(["--docs"]));
    }

    [Fact]
    public void An_unknown_argument_exits_2()
    {
        Assert.Equal(2, Program.Main(["--docs", ".", "--out", ".", "--colour", "red"]));
    }

    [Fact]
    public void A_docs_folder_that_does_not_exist_exits_2()
    {
        Assert.Equal(2, Program.Main(["--docs", Path.Combine(Path.GetTempPath(), $"nope-{Guid.NewGuid():N}"), "--out", "."]));
    }

    [Fact]
    public void Malformed_docs_exit_1()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("Get-Widget.md", SamplePages.Page(synopsis: ""));

        Assert.Equal(1, Program.Main(["--docs", docs.Path, "--out", output.Path]));
    }

    [Fact]
    public void Good_docs_exit_0_and_write_the_help()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("Get-Widget.md", SamplePages.Page());

        Assert.Equal(0, Program.Main(["--docs", docs.Path, "--out", output.Path, "--module-name", "Sample"]));
        Assert.True(File.Exists(Path.Combine(output.Path, "Sample.dll-Help.xml")));
    }
}

using System.Xml.Linq;

namespace AapPacker.HelpGen.Tests;

/// <summary>The module's real help pages (docs/en-US) turn into complete, well-formed MAML.</summary>
public sealed class RepositoryDocsTests : IDisposable
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";

    private readonly TempDirectory _output = new();
    private readonly string _docs = Path.Combine(FindRepositoryRoot(), "docs", "en-US");

    public void Dispose() => _output.Dispose();

    /// <summary>The tree the tests were built from (stamped by the project file), since artifacts may live elsewhere.</summary>
    private static string FindRepositoryRoot()
    {
        string root = typeof(RepositoryDocsTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        Assert.True(File.Exists(Path.Combine(root, "AapPacker.sln")), $"AapPacker.sln not found in {root}");
        return root;
    }

    private XDocument Generate()
    {
        GenerationResult result = HelpGenerator.Generate(_docs, _output.Path, "AapPacker");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems.Select(p => p.Message)));
        return XDocument.Load(Path.Combine(_output.Path, "AapPacker.dll-Help.xml"));
    }

    private string[] CommandPages() =>
        [.. Directory.GetFiles(_docs, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => !n!.StartsWith("about_", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!];

    [Fact]
    public void There_is_one_command_per_page()
    {
        XDocument maml = Generate();

        string[] commands = [.. maml.Root!.Elements(Command + "command").Select(c => (string)c.Element(Command + "details")!.Element(Command + "name")!).Order(StringComparer.Ordinal)];
        Assert.NotEmpty(commands);
        Assert.Equal(CommandPages(), commands);
    }

    [Fact]
    public void Every_command_has_a_synopsis_a_description_and_an_example()
    {
        XDocument maml = Generate();

        Assert.All(maml.Root!.Elements(Command + "command"), command =>
        {
            string name = (string)command.Element(Command + "details")!.Element(Command + "name")!;
            string synopsis = command.Element(Command + "details")!.Element(Maml + "description")!.Value.Trim();
            Assert.True(synopsis.Length > 20, $"{name}: synopsis too short");
            Assert.True(command.Element(Maml + "description")!.Value.Trim().Length > 80, $"{name}: description too short");
            Assert.True(command.Descendants(Command + "example").Any(), $"{name}: no example");
            Assert.All(command.Descendants(Command + "example"), e => Assert.True(e.Element("{http://schemas.microsoft.com/maml/dev/2004/10}code")!.Value.Contains(name.Split('-')[0], StringComparison.Ordinal) || e.Value.Contains("Aap", StringComparison.Ordinal), $"{name}: example does not use the module"));
        });
    }

    [Fact]
    public void Every_parameter_is_described_and_every_command_takes_a_connection_except_the_connection_cmdlets()
    {
        XDocument maml = Generate();
        string[] connectionCmdlets = ["Connect-Aap", "Disconnect-Aap", "Get-AapConnection"];

        Assert.All(maml.Root!.Elements(Command + "command"), command =>
        {
            string name = (string)command.Element(Command + "details")!.Element(Command + "name")!;
            XElement[] parameters = [.. command.Element(Command + "parameters")!.Elements(Command + "parameter")];
            Assert.All(parameters, p => Assert.True(p.Element(Maml + "description")!.Value.Trim().Length > 10, $"{name} -{(string)p.Element(Maml + "name")!}: no description"));
            if (!connectionCmdlets.Contains(name))
            {
                Assert.Contains(parameters, p => (string)p.Element(Maml + "name")! == "Connection");
            }
        });
    }

    [Fact]
    public void Every_command_names_its_output_type()
    {
        XDocument maml = Generate();

        Assert.All(maml.Root!.Elements(Command + "command"), command =>
            Assert.True(command.Descendants(Command + "returnValue").Any(), $"{(string)command.Element(Command + "details")!.Element(Command + "name")!}: no OUTPUTS"));
    }

    [Fact]
    public void The_about_topic_is_generated_and_wrapped()
    {
        Generate();

        string[] lines = File.ReadAllLines(Path.Combine(_output.Path, "about_AapPacker.help.txt"));
        Assert.Equal("TOPIC", lines[0]);
        Assert.Contains("SHORT DESCRIPTION", lines);
        Assert.Contains("LONG DESCRIPTION", lines);
        // Prose wraps at 80; only code lines (indented 8) and unbreakable words may run longer.
        Assert.All(lines.Where(l => l.Length > 80), l => Assert.True(l.StartsWith("        ", StringComparison.Ordinal) || !l.Trim().Contains(' ', StringComparison.Ordinal), l));
    }
}

using System.Text;

namespace AapPacker.HelpGen;

/// <summary>What a generation run produced, or the problems that stopped it.</summary>
internal sealed record GenerationResult(IReadOnlyList<string> WrittenFiles, IReadOnlyList<HelpFormatException> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Reads a docs folder (cmdlet pages plus <c>about_*.help.md</c>) and writes the module's help folder: one MAML file per
/// <c>external help file</c> named in the pages, one <c>about_*.help.txt</c> per about page. Every page is checked before
/// anything is written, so a bad page never leaves half-updated help behind.
/// </summary>
internal static class HelpGenerator
{
    /// <summary>Windows PowerShell 5.1 reads a text help file without a BOM in the ANSI code page; the BOM keeps it UTF-8.</summary>
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static GenerationResult Generate(string docsDirectory, string outputDirectory, string? moduleName)
    {
        var problems = new List<HelpFormatException>();
        var commands = new List<CommandHelp>();
        var abouts = new List<(string Name, string Text)>();

        List<string> files = [.. Directory.EnumerateFiles(docsDirectory, "*.md").Order(StringComparer.Ordinal)];
        foreach (string path in files)
        {
            string fileName = Path.GetFileName(path);
            try
            {
                string content = File.ReadAllText(path);
                if (fileName.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                {
                    string txtName = fileName.EndsWith(".help.md", StringComparison.OrdinalIgnoreCase)
                        ? fileName[..^".md".Length] + ".txt"
                        : throw new HelpFormatException(path, 1, $"an about topic page must be named about_<Topic>.help.md, not '{fileName}'");
                    abouts.Add((txtName, AboutTopicWriter.Convert(path, content)));
                }
                else
                {
                    CommandHelp command = MarkdownHelpParser.Parse(path, content);
                    if (!string.IsNullOrEmpty(moduleName) && !string.Equals(command.ModuleName, moduleName, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new HelpFormatException(path, 1, $"front matter 'Module Name' is '{command.ModuleName}', expected '{moduleName}'");
                    }

                    commands.Add(command);
                }
            }
            catch (HelpFormatException problem)
            {
                problems.Add(problem);
            }
        }

        if (files.Count == 0)
        {
            problems.Add(new HelpFormatException(docsDirectory, 0, "no .md help pages found"));
        }

        if (problems.Count > 0)
        {
            return new GenerationResult([], problems);
        }

        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        foreach (IGrouping<string, CommandHelp> helpFile in commands.GroupBy(c => c.ExternalHelpFile, StringComparer.OrdinalIgnoreCase))
        {
            string target = Path.Combine(outputDirectory, helpFile.Key);
            MamlWriter.Write(helpFile, target);
            written.Add(target);
        }

        foreach ((string name, string text) in abouts)
        {
            string target = Path.Combine(outputDirectory, name);
            File.WriteAllText(target, text, Utf8WithBom);
            written.Add(target);
        }

        return new GenerationResult(written, []);
    }
}

using System.Text;

namespace AapPacker.HelpGen;

/// <summary>
/// Turns an <c>about_*.help.md</c> page into the plain-text <c>about_*.help.txt</c> Get-Help shows: section titles in
/// capitals at the margin, sub-headings indented two spaces, prose wrapped at 80 columns and indented four,
/// code indented eight and never wrapped.
/// </summary>
internal static class AboutTopicWriter
{
    public const int Width = 80;

    private static readonly string[] RequiredSections = ["SHORT DESCRIPTION", "LONG DESCRIPTION"];

    public static string Convert(string file, string content)
    {
        MarkdownDocument document = MarkdownLexer.Lex(file, content);
        string expected = Path.GetFileName(file);
        expected = expected.EndsWith(".help.md", StringComparison.OrdinalIgnoreCase) ? expected[..^".help.md".Length] : Path.GetFileNameWithoutExtension(expected);

        var output = new StringBuilder();
        var pending = new List<MarkdownNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? topic = null;
        string bodyIndent = "    ";

        void FlushProse()
        {
            foreach (TextBlock block in MarkdownText.ToBlocks(pending))
            {
                foreach (string line in Render(block, bodyIndent))
                {
                    output.Append(line).Append('\n');
                }

                output.Append('\n');
            }

            pending.Clear();
        }

        foreach (MarkdownNode node in document.Nodes)
        {
            if (node is not HeadingNode heading)
            {
                if (topic is null)
                {
                    if (node is TextNode { IsBlank: true })
                    {
                        continue;
                    }

                    throw new HelpFormatException(file, node.Line, $"expected the topic title '# {expected}' first");
                }

                if (seen.Count == 0 && node is not TextNode { IsBlank: true })
                {
                    throw new HelpFormatException(file, node.Line, "content before the first section; start with '## SHORT DESCRIPTION'");
                }

                pending.Add(node);
                continue;
            }

            FlushProse();
            switch (heading.Level)
            {
                case 1 when topic is null:
                    topic = heading.Text.Trim();
                    if (!string.Equals(topic, expected, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new HelpFormatException(file, heading.Line, $"the topic is titled '{topic}' but the file is named '{expected}.help.md'; they must match");
                    }

                    output.Append("TOPIC\n    ").Append(topic).Append("\n\n");
                    break;
                case 1:
                    throw new HelpFormatException(file, heading.Line, $"a second top-level heading '# {heading.Text}'");
                case 2:
                    string title = heading.Text.Trim().ToUpperInvariant();
                    if (!seen.Add(title))
                    {
                        throw new HelpFormatException(file, heading.Line, $"the section '## {heading.Text}' appears twice");
                    }

                    output.Append(title).Append('\n');
                    bodyIndent = "    ";
                    break;
                case 3 when seen.Count > 0:
                    output.Append("  ").Append(heading.Text.Trim()).Append('\n');
                    bodyIndent = "    ";
                    break;
                case 4 when seen.Count > 0:
                    output.Append("    ").Append(heading.Text.Trim()).Append('\n');
                    bodyIndent = "    ";
                    break;
                default:
                    throw new HelpFormatException(file, heading.Line, $"heading '{new string('#', heading.Level)} {heading.Text}' is not expected here");
            }
        }

        FlushProse();

        if (topic is null)
        {
            throw new HelpFormatException(file, 1, $"missing the topic title '# {expected}'");
        }

        foreach (string required in RequiredSections)
        {
            if (!seen.Contains(required))
            {
                throw new HelpFormatException(file, 1, $"missing the '## {required}' section");
            }
        }

        return output.ToString().TrimEnd('\n') + "\n";
    }

    private static IEnumerable<string> Render(TextBlock block, string indent) => block switch
    {
        ParagraphBlock p => TextWrapper.Wrap(p.Text, Width, indent, indent),
        ListBlock l => l.Items.SelectMany((item, i) =>
            TextWrapper.Wrap(item, Width, $"{indent}{l.Markers[i]} ", indent + new string(' ', l.Markers[i].Length + 1))),
        CodeBlock c => c.Lines.Select(line => line.Length == 0 ? "" : indent + "    " + line),
        TableBlock t => TableLayout.Render(t.Rows, Width - indent.Length).Select(line => indent + line),
        _ => throw new ArgumentOutOfRangeException(nameof(block)),
    };
}

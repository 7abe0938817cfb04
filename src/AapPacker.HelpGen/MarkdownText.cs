using System.Text;
using System.Text.RegularExpressions;

namespace AapPacker.HelpGen;

/// <summary>Turns the text lines and fences of a section into blocks, and strips inline markup help readers do not render.</summary>
internal static partial class MarkdownText
{
    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+(.*)$")]
    private static partial Regex ListItemPattern();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex TableSeparatorPattern();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]*)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex StrongPattern();

    public static IReadOnlyList<TextBlock> ToBlocks(IEnumerable<MarkdownNode> nodes)
    {
        var blocks = new List<TextBlock>();
        var paragraph = new List<string>();
        var markers = new List<string>();
        var items = new List<StringBuilder>();
        var table = new List<IReadOnlyList<string>>();

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new ParagraphBlock(Inline(string.Join(' ', paragraph))));
                paragraph.Clear();
            }

            if (items.Count > 0)
            {
                blocks.Add(new ListBlock([.. markers], [.. items.Select(i => Inline(i.ToString()))]));
                markers.Clear();
                items.Clear();
            }

            if (table.Count > 0)
            {
                blocks.Add(new TableBlock([.. table]));
                table.Clear();
            }
        }

        foreach (MarkdownNode node in nodes)
        {
            switch (node)
            {
                case FenceNode fence:
                    Flush();
                    blocks.Add(new CodeBlock(TrimBlankEdges(fence.Lines)));
                    break;
                case TextNode text when text.IsBlank:
                    Flush();
                    break;
                case TextNode text when text.Text.TrimStart().StartsWith('|'):
                    if (paragraph.Count > 0 || items.Count > 0)
                    {
                        Flush();
                    }

                    if (!TableSeparatorPattern().IsMatch(text.Text))
                    {
                        table.Add(SplitRow(text.Text));
                    }

                    break;
                case TextNode text:
                    Match item = ListItemPattern().Match(text.Text);
                    if (item.Success)
                    {
                        // As in CommonMark, a list item may start right after a paragraph line.
                        if (paragraph.Count > 0)
                        {
                            Flush();
                        }

                        markers.Add(item.Groups[1].Value);
                        items.Add(new StringBuilder(item.Groups[2].Value.Trim()));
                    }
                    else if (items.Count > 0)
                    {
                        // A continuation line of the current list item.
                        items[^1].Append(' ').Append(text.Text.Trim());
                    }
                    else
                    {
                        paragraph.Add(text.Text.Trim());
                    }

                    break;
                case HeadingNode:
                    throw new InvalidOperationException("Headings are split off before prose is collected.");
            }
        }

        Flush();
        return blocks;
    }

    /// <summary>
    /// Blocks flattened to the paragraphs MAML holds: a list becomes one paragraph with an item per line,
    /// code and tables keep their lines.
    /// </summary>
    public static IReadOnlyList<string> ToParagraphs(IEnumerable<MarkdownNode> nodes) =>
        [.. ToBlocks(nodes).Select(FlattenBlock)];

    public static string FlattenBlock(TextBlock block) => block switch
    {
        ParagraphBlock p => p.Text,
        ListBlock l => string.Join('\n', l.Items.Select((item, i) => $"{l.Markers[i]} {item}")),
        CodeBlock c => string.Join('\n', c.Lines),
        TableBlock t => string.Join('\n', TableLayout.Render(t.Rows)),
        _ => throw new ArgumentOutOfRangeException(nameof(block)),
    };

    /// <summary>Drops markup Get-Help would print literally: strong emphasis and link targets.</summary>
    public static string Inline(string text)
    {
        text = LinkPattern().Replace(text, m =>
            m.Groups[2].Value.Length == 0 || m.Groups[2].Value.StartsWith('#') || m.Groups[2].Value.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                ? m.Groups[1].Value
                : $"{m.Groups[1].Value} ({m.Groups[2].Value})");
        text = StrongPattern().Replace(text, "$2");
        return text;
    }

    private static List<string> SplitRow(string row)
    {
        string trimmed = row.Trim();
        if (trimmed.StartsWith('|'))
        {
            trimmed = trimmed[1..];
        }

        if (trimmed.EndsWith('|'))
        {
            trimmed = trimmed[..^1];
        }

        return [.. trimmed.Split('|').Select(cell => Inline(cell.Trim()))];
    }

    public static List<string> TrimBlankEdges(IReadOnlyList<string> lines)
    {
        int start = 0;
        int end = lines.Count;
        while (start < end && string.IsNullOrWhiteSpace(lines[start]))
        {
            start++;
        }

        while (end > start && string.IsNullOrWhiteSpace(lines[end - 1]))
        {
            end--;
        }

        return [.. lines.Skip(start).Take(end - start).Select(l => l.TrimEnd())];
    }
}

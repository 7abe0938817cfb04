using System.Text.RegularExpressions;

namespace AapPacker.HelpGen;

/// <summary>One structural piece of a markdown page: a heading, a fenced block, or a line of text.</summary>
internal abstract record MarkdownNode(int Line);

internal sealed record HeadingNode(int Line, int Level, string Text) : MarkdownNode(Line);

/// <summary>A fenced block; <see cref="Info"/> is the language tag (<c>powershell</c>, <c>yaml</c>, ...).</summary>
internal sealed record FenceNode(int Line, string Info, IReadOnlyList<string> Lines) : MarkdownNode(Line);

/// <summary>A line outside any fence that is not a heading (may be blank).</summary>
internal sealed record TextNode(int Line, string Text) : MarkdownNode(Line)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>A lexed page: its YAML front matter (if any) and its nodes in order.</summary>
internal sealed record MarkdownDocument(
    string File,
    IReadOnlyDictionary<string, string> FrontMatter,
    int FrontMatterLine,
    IReadOnlyList<MarkdownNode> Nodes);

/// <summary>
/// Splits a page into headings, fences and text lines. Only what the platyPS layout uses is recognised:
/// ATX headings and backtick/tilde fences; a heading inside a fence is code, not a heading.
/// </summary>
internal static partial class MarkdownLexer
{
    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^(\s{0,3})(`{3,}|~{3,})\s*([^`\s]*)")]
    private static partial Regex FenceOpenPattern();

    public static MarkdownDocument Lex(string file, string content)
    {
        string[] lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        RejectControlCharacters(file, lines);
        var frontMatter = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int index = 0;
        int frontMatterLine = 0;

        if (lines.Length > 0 && lines[0].TrimEnd() == "---")
        {
            frontMatterLine = 1;
            index = 1;
            while (true)
            {
                if (index >= lines.Length)
                {
                    throw new HelpFormatException(file, 1, "the front matter opened with '---' is never closed by a '---' line");
                }

                string line = lines[index];
                index++;
                if (line.TrimEnd() == "---")
                {
                    break;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new HelpFormatException(file, index, $"front matter line '{line.Trim()}' is not 'key: value'");
                }

                frontMatter[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var nodes = new List<MarkdownNode>();
        while (index < lines.Length)
        {
            string line = lines[index];
            int lineNumber = index + 1;
            index++;

            Match fence = FenceOpenPattern().Match(line);
            if (fence.Success)
            {
                string marker = fence.Groups[2].Value;
                var body = new List<string>();
                bool closed = false;
                while (index < lines.Length)
                {
                    string inner = lines[index];
                    index++;
                    string trimmed = inner.Trim();
                    if (trimmed.StartsWith(marker, StringComparison.Ordinal) && trimmed.TrimStart(marker[0]).Length == 0)
                    {
                        closed = true;
                        break;
                    }

                    body.Add(inner);
                }

                if (!closed)
                {
                    throw new HelpFormatException(file, lineNumber, $"the code fence opened here ({marker}) is never closed");
                }

                nodes.Add(new FenceNode(lineNumber, fence.Groups[3].Value, body));
                continue;
            }

            Match heading = HeadingPattern().Match(line);
            if (heading.Success)
            {
                nodes.Add(new HeadingNode(lineNumber, heading.Groups[1].Value.Length, heading.Groups[2].Value));
                continue;
            }

            nodes.Add(new TextNode(lineNumber, line.TrimEnd()));
        }

        return new MarkdownDocument(file, frontMatter, frontMatterLine, nodes);
    }

    /// <summary>XML cannot carry most control characters; name the line instead of failing inside the writer.</summary>
    private static void RejectControlCharacters(string file, string[] lines)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            foreach (char c in lines[i])
            {
                if (char.IsControl(c) && c != '\t')
                {
                    throw new HelpFormatException(file, i + 1, $"control character U+{(int)c:X4} in the text; remove it");
                }
            }
        }
    }
}

using System.Text;

namespace AapPacker.HelpGen;

/// <summary>Greedy word wrap for plain-text help; a word longer than the line (a URL) is kept whole.</summary>
internal static class TextWrapper
{
    public static IReadOnlyList<string> Wrap(string text, int width, string firstIndent, string restIndent)
    {
        var lines = new List<string>();
        var line = new StringBuilder(firstIndent);
        int lineStart = firstIndent.Length;
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            bool empty = line.Length == lineStart;
            if (!empty && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(restIndent);
                lineStart = restIndent.Length;
                empty = true;
            }

            if (!empty)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > lineStart || lines.Count == 0)
        {
            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }
}

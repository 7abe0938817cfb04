namespace AapPacker.HelpGen;

/// <summary>Lays a table out as plain text columns: readers of help have no renderer for pipes.</summary>
internal static class TableLayout
{
    private const string Gap = "  ";

    /// <summary>
    /// Renders the rows as aligned columns, the header underlined. With <paramref name="width"/>, the last column
    /// is word-wrapped under itself so that no line is longer (unless the other columns alone already are).
    /// </summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<IReadOnlyList<string>> rows, int? width = null)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        int columns = rows.Max(r => r.Count);
        int[] widths = new int[columns];
        foreach (IReadOnlyList<string> row in rows)
        {
            for (int c = 0; c < row.Count; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        int lastStart = widths.Take(columns - 1).Sum() + (Gap.Length * (columns - 1));
        if (width is int limit && lastStart + widths[^1] > limit)
        {
            // Wrap the last column into what is left, but never below a readable minimum.
            widths[^1] = Math.Max(limit - lastStart, 12);
        }

        var lines = new List<string>();
        for (int r = 0; r < rows.Count; r++)
        {
            IReadOnlyList<string> row = rows[r];
            string lead = string.Join(Gap, Enumerable.Range(0, columns - 1).Select(c => Cell(row, c).PadRight(widths[c])));
            string prefix = columns > 1 ? lead + Gap : "";
            string last = Cell(row, columns - 1);
            IReadOnlyList<string> wrapped = last.Length <= widths[^1]
                ? [prefix + last]
                : TextWrapper.Wrap(last, prefix.Length + widths[^1], prefix, new string(' ', prefix.Length));
            lines.AddRange(wrapped.Select(l => l.TrimEnd()));

            if (r == 0 && rows.Count > 1)
            {
                // Underline the header row, as about_ topics shipped with PowerShell do.
                lines.Add(string.Join(Gap, widths.Select(w => new string('-', w))));
            }
        }

        return lines;
    }

    private static string Cell(IReadOnlyList<string> row, int column) => column < row.Count ? row[column] : "";
}

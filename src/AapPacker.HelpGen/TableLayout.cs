namespace AapPacker.HelpGen;

/// <summary>Lays a table out as plain text columns: readers of help have no renderer for pipes.</summary>
internal static class TableLayout
{
    public static IReadOnlyList<string> Render(IReadOnlyList<IReadOnlyList<string>> rows)
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

        var lines = new List<string>();
        for (int r = 0; r < rows.Count; r++)
        {
            IReadOnlyList<string> row = rows[r];
            lines.Add(string.Join("  ", Enumerable.Range(0, columns).Select(c => (c < row.Count ? row[c] : "").PadRight(widths[c]))).TrimEnd());
            if (r == 0 && rows.Count > 1)
            {
                // Underline the header row, as about_ topics shipped with PowerShell do.
                lines.Add(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }

        return lines;
    }
}

namespace AapPacker.HelpGen.Tests;

public class TableLayoutTests
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> Rows =
    [
        ["Code", "Meaning"],
        ["0", "The job succeeded and everything it created was removed again."],
    ];

    [Fact]
    public void Aligns_columns_and_underlines_the_header()
    {
        IReadOnlyList<string> lines = TableLayout.Render(Rows);

        Assert.Equal("Code  Meaning", lines[0]);
        Assert.Equal("----  " + new string('-', Rows[1][1].Length), lines[1]);
        Assert.Equal("0     " + Rows[1][1], lines[2]);
    }

    [Fact]
    public void Wraps_the_last_column_under_itself_within_the_width()
    {
        IReadOnlyList<string> lines = TableLayout.Render(Rows, width: 30);

        Assert.All(lines, l => Assert.True(l.Length <= 30, l));
        Assert.Equal("0     The job succeeded and", lines[2]);
        Assert.StartsWith("      everything", lines[3], StringComparison.Ordinal);
    }
}

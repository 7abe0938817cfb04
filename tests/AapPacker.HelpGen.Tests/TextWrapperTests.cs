namespace AapPacker.HelpGen.Tests;

public class TextWrapperTests
{
    [Fact]
    public void Breaks_between_words_before_the_width()
    {
        IReadOnlyList<string> lines = TextWrapper.Wrap("aaa bbb ccc ddd", 9, "  ", "  ");

        Assert.Equal(["  aaa bbb", "  ccc ddd"], lines);
    }

    [Fact]
    public void Keeps_a_word_longer_than_the_line_whole()
    {
        IReadOnlyList<string> lines = TextWrapper.Wrap("see https://example.org/a/very/long/path ok", 20, "", "");

        Assert.Equal(["see", "https://example.org/a/very/long/path", "ok"], lines);
    }

    [Fact]
    public void Uses_the_hanging_indent_after_the_first_line()
    {
        IReadOnlyList<string> lines = TextWrapper.Wrap("one two three", 9, "- ", "  ");

        Assert.Equal(["- one two", "  three"], lines);
    }
}

namespace AapPacker.HelpGen;

/// <summary>A help page that does not follow the layout; carries the file and line so an author can fix it.</summary>
internal sealed class HelpFormatException : Exception
{
    public HelpFormatException(string file, int line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line number the problem was found at.</summary>
    public int Line { get; }

    public string Problem { get; }
}

namespace AapPacker.HelpGen;

/// <summary>A block of prose in a help section, kept structured so each output format can lay it out its own way.</summary>
internal abstract record TextBlock;

/// <summary>A paragraph; its source lines are joined with single spaces.</summary>
internal sealed record ParagraphBlock(string Text) : TextBlock;

/// <summary>A bulleted or numbered list; <see cref="Markers"/> holds each item's marker (<c>-</c>, <c>1.</c>).</summary>
internal sealed record ListBlock(IReadOnlyList<string> Markers, IReadOnlyList<string> Items) : TextBlock;

/// <summary>Verbatim lines: a fenced code block.</summary>
internal sealed record CodeBlock(IReadOnlyList<string> Lines) : TextBlock;

/// <summary>A pipe table, as cells (the separator row dropped).</summary>
internal sealed record TableBlock(IReadOnlyList<IReadOnlyList<string>> Rows) : TextBlock;

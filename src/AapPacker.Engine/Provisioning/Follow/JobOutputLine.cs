namespace AapPacker.Engine.Provisioning;

/// <summary>One line of job output for the sink (the cmdlet writes it to the Information stream).</summary>
internal sealed class JobOutputLine
{
    /// <summary>Creates a line.</summary>
    public JobOutputLine(int jobId, long lineNumber, string text, JobOutputLineKind kind = JobOutputLineKind.Output)
    {
        JobId = jobId;
        LineNumber = lineNumber;
        Text = text;
        Kind = kind;
    }

    /// <summary>The job the line belongs to.</summary>
    public int JobId { get; }

    /// <summary>0-based line number in the job's output (-1 for headers and notices).</summary>
    public long LineNumber { get; }

    /// <summary>The text, ANSI colour codes removed.</summary>
    public string Text { get; }

    /// <summary>Output, header or notice.</summary>
    public JobOutputLineKind Kind { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}

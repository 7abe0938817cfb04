using System;
using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Holds lifecycle lines and warnings written while a job's output is still streaming (a cleanup started at the job's
/// end), so they follow the output instead of splitting it; <see cref="WriteTo"/> passes them on in order.
/// </summary>
internal sealed class DeferredReporter : IProvisionReporter
{
    private readonly List<(bool IsWarning, string Text)> _lines = new List<(bool IsWarning, string Text)>();

    /// <inheritdoc />
    public void Lifecycle(string message) => Add(false, message);

    /// <inheritdoc />
    public void Warning(string message) => Add(true, message);

    /// <summary>Not expected here: a cleanup writes no output.</summary>
    public void OnOutput(JobOutputLine line) => throw new NotSupportedException("A deferred report holds lifecycle lines and warnings only.");

    /// <summary>Not expected here: a cleanup writes no job status.</summary>
    public void OnStatus(JobStatusUpdate update) => throw new NotSupportedException("A deferred report holds lifecycle lines and warnings only.");

    /// <summary>Writes what was held, in order, and forgets it.</summary>
    public void WriteTo(IProvisionReporter reporter)
    {
        if (reporter is null)
        {
            throw new ArgumentNullException(nameof(reporter));
        }

        List<(bool IsWarning, string Text)> lines;
        lock (_lines)
        {
            lines = new List<(bool IsWarning, string Text)>(_lines);
            _lines.Clear();
        }

        foreach (var (isWarning, text) in lines)
        {
            if (isWarning)
            {
                reporter.Warning(text);
            }
            else
            {
                reporter.Lifecycle(text);
            }
        }
    }

    private void Add(bool isWarning, string text)
    {
        lock (_lines)
        {
            _lines.Add((isWarning, text));
        }
    }
}

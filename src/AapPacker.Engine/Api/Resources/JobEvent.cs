using System.Collections.Generic;

namespace AapPacker.Engine.Api.Resources;

/// <summary>One job event as the output stream needs it: where its output lines sit, and the text.</summary>
internal sealed class JobEvent
{
    /// <summary>Creates one.</summary>
    public JobEvent(long startLine, long endLine, int counter, string stdout, bool isRecap = false, IReadOnlyList<JobHostSummary>? recapHosts = null)
    {
        StartLine = startLine;
        EndLine = endLine;
        Counter = counter;
        Stdout = stdout ?? "";
        IsRecap = isRecap;
        RecapHosts = recapHosts;
    }

    /// <summary>The first output line (0-based); -1 when AAP gave none.</summary>
    public long StartLine { get; }

    /// <summary>The line after the last (equal to <see cref="StartLine"/> for an event without output).</summary>
    public long EndLine { get; }

    /// <summary>AAP's event counter (orders events that start on one line).</summary>
    public int Counter { get; }

    /// <summary>The output text (ANSI colours included).</summary>
    public string Stdout { get; }

    /// <summary>True for <c>playbook_on_stats</c>, the recap: a playbook's last event.</summary>
    public bool IsRecap { get; }

    /// <summary>
    /// The recap's counts per host, read from its <c>event_data</c> (what AAP builds <c>job_host_summaries/</c> from);
    /// null for other events and when AAP sent no counts.
    /// </summary>
    public IReadOnlyList<JobHostSummary>? RecapHosts { get; }
}

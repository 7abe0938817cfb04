using AapPacker.Simulator.Jobs;

namespace AapPacker.Simulator.Runner;

/// <summary>One event of a real run, with when it was recorded and the task start it belongs to.</summary>
internal sealed record RecordedEvent(JobEvent Event, DateTimeOffset At, int TaskStartCounter);

/// <summary>One host's line of the PLAY RECAP.</summary>
internal sealed record RecapLine(string Host, int Ok, int Changed, int Unreachable, int Failures, int Skipped);

/// <summary>
/// An immutable snapshot of a real <c>ansible-playbook</c> run: the events recorded so far, the recap and the
/// run's state. Readers take one per request, so a view never sees a run change under it.
/// </summary>
internal sealed class RecordedOutput(
    IReadOnlyList<RecordedEvent> events,
    IReadOnlyList<RecapLine> recap,
    DateTimeOffset? startedAt,
    DateTimeOffset? finishedAt,
    string? finalStatus) : IJobOutput
{
    public DateTimeOffset? StartedAt => startedAt;

    public DateTimeOffset? FinishedAt => finishedAt;

    /// <summary>successful, failed, error or canceled once finished; null before.</summary>
    public string? FinalStatus => finalStatus;

    public int Count => events.Count;

    public IReadOnlyList<string> Hosts { get; } = recap.Select(r => r.Host).ToList();

    public IReadOnlyList<RecapLine> Recap => recap;

    public DateTimeOffset RecordedAt(int counter) => events[counter - 1].At;

    public JobEvent Get(int counter)
        => counter >= 1 && counter <= events.Count ? events[counter - 1].Event : throw new ArgumentOutOfRangeException(nameof(counter));

    public int LineCount(int counter) => Get(counter).EndLine - Get(counter).StartLine;

    public int StdoutLength(int counter) => System.Text.Encoding.UTF8.GetByteCount(Get(counter).Stdout);

    public int FirstCounterAtOrAfterLine(int line)
    {
        for (var c = 1; c <= events.Count; c++)
        {
            if (events[c - 1].Event.StartLine >= line)
            {
                return c;
            }
        }
        return events.Count + 1;
    }

    public int TaskStartCounter(int counter) => events[counter - 1].TaskStartCounter;

    public (int Ok, int Changed, int Failures) HostCounts(int hostIndex)
    {
        var r = recap[hostIndex];
        return (r.Ok, r.Changed, r.Failures + r.Unreachable);
    }
}

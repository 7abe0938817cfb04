namespace AapPacker.Simulator.Jobs;

/// <summary>
/// A job's events as the API views read them: the scripted <see cref="EventPlan"/> (computed on demand) or the
/// recorded output of a real <c>ansible-playbook</c> run (<see cref="Runner.RecordedOutput"/>). Counters are 1-based;
/// lines are 0-based, end exclusive, contiguous.
/// </summary>
internal interface IJobOutput
{
    /// <summary>Number of events (for a run still going: recorded so far).</summary>
    int Count { get; }

    /// <summary>The hosts the recap names, in order.</summary>
    IReadOnlyList<string> Hosts { get; }

    JobEvent Get(int counter);

    int LineCount(int counter);

    /// <summary>Byte length of the event's stdout (UTF-8).</summary>
    int StdoutLength(int counter);

    /// <summary>The smallest counter whose start line is at least <paramref name="line"/> (Count + 1 if none).</summary>
    int FirstCounterAtOrAfterLine(int line);

    /// <summary>The counter of the task start a host event belongs to (its parent).</summary>
    int TaskStartCounter(int counter);

    /// <summary>Per host: tasks ok, changed, failed (the recap and job_host_summaries).</summary>
    (int Ok, int Changed, int Failures) HostCounts(int hostIndex);
}

/// <summary>Picks a job's output source.</summary>
internal static class JobOutput
{
    /// <summary>The recorded output of a real run, else the scripted plan.</summary>
    public static IJobOutput Of(Store.Job job) => (IJobOutput?)job.Run?.Snapshot() ?? new EventPlan(job);
}

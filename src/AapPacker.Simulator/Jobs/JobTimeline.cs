using AapPacker.Simulator.Runner;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Jobs;

/// <summary>
/// When a job passes each status, derived only from its launch time, script and cancel request, so that
/// every reader at the same simulated instant sees the same job (no timers, works with a manual clock).
/// pending (launch) → waiting (+1 s) → running (+2 s) → terminal (+run seconds); events appear while running,
/// some late (out of order), and event processing finishes a few seconds after <c>finished</c>.
/// A real run (<see cref="Job.Run"/>) is read from its recorded snapshot instead: its status, times and events
/// are facts, visible as soon as they are recorded.
/// </summary>
internal sealed class JobTimeline
{
    public static readonly TimeSpan PendingFor = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan WaitingFor = TimeSpan.FromSeconds(1);
    /// <summary>A running job takes this long to stop after a cancel request.</summary>
    public static readonly TimeSpan CancelDelay = TimeSpan.FromSeconds(2);
    /// <summary>Events keep arriving this long after <c>finished</c> (AAP: up to a minute).</summary>
    public static readonly TimeSpan EventProcessingLag = TimeSpan.FromSeconds(3);

    private readonly Job _job;
    private readonly RecordedOutput? _recorded;

    public JobTimeline(Job job)
        : this(job, job.Run?.Snapshot())
    {
    }

    public JobTimeline(Job job, RecordedOutput? recorded)
    {
        _job = job;
        if (recorded is not null)
        {
            _recorded = recorded;
            WaitingAt = job.Created;
            RunningAt = recorded.StartedAt ?? DateTimeOffset.MaxValue;
            FinishAt = recorded.FinishedAt ?? DateTimeOffset.MaxValue;
            EventsDoneAt = FinishAt;
            FinalStatus = recorded.FinalStatus ?? "running";
            EventCount = FinalEventCount = recorded.Count;
            Run = recorded.StartedAt is { } s && recorded.FinishedAt is { } f ? f - s : TimeSpan.Zero;
            CanceledBeforeStart = recorded.StartedAt is null && recorded.FinishedAt is not null;
            return;
        }
        WaitingAt = job.Created + PendingFor;
        RunningAt = WaitingAt + WaitingFor;
        var run = TimeSpan.FromSeconds(Math.Max(0.1, job.Script.RunSeconds));
        var n = Math.Max(EventPlan.MinimumEvents, job.Script.EventCount);
        var isError = job.Script.Outcome == "error";
        var naturalFinish = RunningAt + (isError ? run / 2 : run);
        FinishAt = naturalFinish;
        FinalStatus = job.Script.Outcome;
        FinalEventCount = isError ? n / 2 : n;
        if (job.CancelRequested is { } tc)
        {
            if (tc < RunningAt)
            {
                FinishAt = tc;
                FinalStatus = "canceled";
                FinalEventCount = 0;
                CanceledBeforeStart = true;
            }
            else if (tc + CancelDelay < naturalFinish)
            {
                FinishAt = tc + CancelDelay;
                FinalStatus = "canceled";
                FinalEventCount = Math.Min(n - 1, EmittedBy(FinishAt, n, run));
            }
        }
        EventCount = n;
        Run = run;
        EventsDoneAt = FinishAt + EventProcessingLag;
    }

    public DateTimeOffset WaitingAt { get; }
    public DateTimeOffset RunningAt { get; }
    public DateTimeOffset FinishAt { get; }
    public DateTimeOffset EventsDoneAt { get; }
    public string FinalStatus { get; }
    public int FinalEventCount { get; }
    public int EventCount { get; }
    public TimeSpan Run { get; }
    public bool CanceledBeforeStart { get; }

    public static bool IsActive(string status) => status is "new" or "pending" or "waiting" or "running";

    /// <summary>True for a real run (events recorded, not planned).</summary>
    public bool IsRecorded => _recorded is not null;

    public string Status(DateTimeOffset now)
    {
        if (_recorded is { } r)
        {
            return r.FinalStatus ?? (r.StartedAt is null ? "waiting" : "running");
        }
        if (now >= FinishAt)
        {
            return FinalStatus;
        }
        return now < WaitingAt ? "pending" : now < RunningAt ? "waiting" : "running";
    }

    public DateTimeOffset? Started(DateTimeOffset now) => _recorded is { } r ? r.StartedAt : CanceledBeforeStart || now < RunningAt ? null : RunningAt;
    public DateTimeOffset? Finished(DateTimeOffset now) => _recorded is { } r ? r.FinishedAt : now >= FinishAt ? FinishAt : null;
    public DateTimeOffset? CanceledOn(DateTimeOffset now) => _job.CancelRequested is { } tc && now >= tc ? tc : null;
    public bool EventProcessingFinished(DateTimeOffset now) => _recorded is { } r ? r.FinishedAt is not null : now >= EventsDoneAt;

    public double Elapsed(DateTimeOffset now)
    {
        if (Started(now) is not { } s)
        {
            return 0.0;
        }
        var end = Finished(now) ?? now;
        return Math.Round((end - s).TotalSeconds, 3);
    }

    /// <summary>When event <paramref name="counter"/> (1-based) leaves the runner.</summary>
    public DateTimeOffset EmitTime(int counter) => _recorded is { } r ? r.RecordedAt(counter) : RunningAt + (Run * counter / EventCount);

    /// <summary>When the event becomes visible in the API: a little later, and some much later (out of order).</summary>
    public DateTimeOffset VisibleAt(int counter) => _recorded is { } r ? r.RecordedAt(counter) : EmitTime(counter) + EventPlan.StorageLag(counter, EventCount);

    /// <summary>Events emitted by <paramref name="now"/> (a prefix of the plan).</summary>
    public int EmittedCount(DateTimeOffset now) => _recorded is { } r ? r.Count : Math.Min(FinalEventCount, EmittedBy(now, EventCount, Run, RunningAt));

    private int EmittedBy(DateTimeOffset t, int n, TimeSpan run) => EmittedBy(t, n, run, RunningAt);

    private static int EmittedBy(DateTimeOffset t, int n, TimeSpan run, DateTimeOffset runningAt)
    {
        if (t < runningAt)
        {
            return 0;
        }
        var c = (int)Math.Floor((t - runningAt).Ticks / (double)run.Ticks * n);
        return Math.Clamp(c, 0, n);
    }
}

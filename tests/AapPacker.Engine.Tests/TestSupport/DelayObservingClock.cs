using Microsoft.Extensions.Time.Testing;

namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>
/// A fake clock that tells when a delay has actually been scheduled on it. Advancing a fake clock before the code
/// under test has created its timer moves time past a timer that does not exist yet, and the later delay then waits
/// for ever; tests await <see cref="DelayScheduled"/> before advancing instead.
/// </summary>
public sealed class DelayObservingClock : FakeTimeProvider
{
    private readonly TaskCompletionSource<TimeSpan> _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DelayObservingClock()
        : base(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>Completes with the due time of the first finite, non-zero timer created on this clock.</summary>
    public Task<TimeSpan> DelayScheduled => _scheduled.Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            _scheduled.TrySetResult(dueTime);
        }

        return timer;
    }
}

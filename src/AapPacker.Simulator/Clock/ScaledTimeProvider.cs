namespace AapPacker.Simulator.Clock;

/// <summary>
/// Simulated time running <c>scale</c> times faster than real time (so a 60 s job takes 1.2 s at scale 50).
/// <c>/_sim/clock/advance</c> still works: it adds an offset.
/// </summary>
internal sealed class ScaledTimeProvider : TimeProvider, ISimClock
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _realStart;
    private readonly double _scale;
    private long _offsetTicks;

    public ScaledTimeProvider(TimeProvider real, double scale)
    {
        _real = real;
        _scale = scale <= 0 ? 1 : scale;
        _realStart = real.GetUtcNow();
    }

    public override DateTimeOffset GetUtcNow()
    {
        var elapsed = _real.GetUtcNow() - _realStart;
        return _realStart + TimeSpan.FromTicks((long)(elapsed.Ticks * _scale)) + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

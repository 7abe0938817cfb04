namespace AapPacker.Simulator.Clock;

/// <summary>Simulated time that only moves when told to (<c>--manual-clock</c>, <c>POST /_sim/clock/advance</c>).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider, ISimClock
{
    private readonly object _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "Time only moves forward.");
        }
        lock (_gate)
        {
            _now += by;
        }
    }
}

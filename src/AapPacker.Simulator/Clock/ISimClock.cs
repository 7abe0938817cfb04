namespace AapPacker.Simulator.Clock;

/// <summary>A simulated clock that tests can push forward.</summary>
internal interface ISimClock
{
    void Advance(TimeSpan by);
}

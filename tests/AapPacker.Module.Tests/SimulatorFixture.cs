using AapPacker.Simulator;

namespace AapPacker.Module.Tests;

/// <summary>One simulator (gateway layout) over loopback HTTP for a test class; reset before each use.</summary>
public class SimulatorFixture : IAsyncLifetime
{
    private RunningSimulator? _simulator;

    /// <summary>Simulated seconds per real second.</summary>
    protected virtual double TimeScale => 1;

    /// <summary>The control endpoints (<c>/_sim/</c>): reset (back to the seed, with no faults), faults, state, requests.</summary>
    public SimulatorControl Control { get; private set; } = null!;

    public Uri BaseUri => _simulator?.BaseUri ?? throw new InvalidOperationException("The _simulator is not started.");

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Layout = "gateway", Port = 0, TimeScale = TimeScale });
        Control = new SimulatorControl(_simulator.BaseUri);
    }

    public async Task DisposeAsync()
    {
        Control?.Dispose();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}

/// <summary>The simulator at five times real time: a Baseline job runs two seconds and AAP's after-job windows shrink alike.</summary>
public sealed class FiveTimesSimulatorFixture : SimulatorFixture
{
    protected override double TimeScale => 5;
}

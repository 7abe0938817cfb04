using AapPacker.Simulator;

namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>
/// One in-process simulator (real HTTP on loopback) shared by the tests of a class. Tests that change its state
/// (faults, objects) call <see cref="ResetAsync"/> first; xunit runs the tests of one class one after another.
/// </summary>
public abstract class SimulatorFixture : IAsyncLifetime
{
    private RunningSimulator? _simulator;

    /// <summary><c>gateway</c> or <c>awx</c>.</summary>
    public abstract string Layout { get; }

    /// <summary>The started simulator.</summary>
    public RunningSimulator Simulator => _simulator ?? throw new InvalidOperationException("The _simulator is not started.");

    /// <summary>e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUri => Simulator.BaseUri;

    /// <summary>The control endpoints (<c>/_sim/</c>).</summary>
    public SimulatorControl Control { get; private set; } = null!;

    /// <summary>The controller API root this layout serves.</summary>
    public string ExpectedApiRoot => Layout == "gateway" ? "/api/controller/v2/" : "/api/v2/";

    /// <summary>Simulated seconds per real second.</summary>
    protected virtual double TimeScale => 50;

    /// <summary>Options for this simulator; override to serve HTTPS or change the clock.</summary>
    protected virtual SimulatorOptions CreateOptions() => new() { Layout = Layout, TimeScale = TimeScale };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _simulator = await SimulatorHost.StartAsync(CreateOptions());
        Control = new SimulatorControl(_simulator.BaseUri, CreateControlHandler());
    }

    /// <summary>The handler the control client uses (HTTPS fixtures trust their own certificate).</summary>
    protected virtual HttpMessageHandler CreateControlHandler() => new HttpClientHandler { UseProxy = false };

    /// <summary>Back to the seed: objects, faults, request log and launches.</summary>
    public Task ResetAsync() => Control.ResetAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Control?.Dispose();
        if (_simulator != null)
        {
            await _simulator.DisposeAsync();
        }

        OnDisposed();
    }

    /// <summary>Releases what a derived fixture holds, after the simulator stopped.</summary>
    protected virtual void OnDisposed()
    {
    }
}

/// <summary>An AAP 2.5+ style simulator: gateway <c>/api/</c> with <c>apis</c>, controller at <c>/api/controller/v2/</c>.</summary>
public sealed class GatewaySimulatorFixture : SimulatorFixture
{
    /// <inheritdoc />
    public override string Layout => "gateway";
}

/// <summary>An AWX style simulator: <c>/api/</c> with <c>current_version</c> <c>/api/v2/</c>.</summary>
public sealed class AwxSimulatorFixture : SimulatorFixture
{
    /// <inheritdoc />
    public override string Layout => "awx";
}

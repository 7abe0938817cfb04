using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.Provisioning;

namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>A test class that starts each test on a reset simulator with a connected client and its API.</summary>
public abstract class SimulatorApiTest(SimulatorFixture fixture) : IAsyncLifetime
{
    private AapClient? _client;

    protected SimulatorFixture Fixture { get; } = fixture;

    private protected IAapApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        (_client, Api) = await LifecycleHarness.ConnectAsync(Fixture);
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }
}

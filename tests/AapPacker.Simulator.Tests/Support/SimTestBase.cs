namespace AapPacker.Simulator.Tests.Support;

/// <summary>Each test gets its own simulator (AWX layout, manual clock unless a test class says otherwise).</summary>
public abstract class SimTestBase : IAsyncLifetime
{
    protected SimHarness S { get; private set; } = null!;

    protected virtual string Layout => "awx";

    public async Task InitializeAsync() => S = await SimHarness.StartAsync(Layout);

    public async Task DisposeAsync() => await S.DisposeAsync();
}

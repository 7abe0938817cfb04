using AapPacker.Simulator.Control;
using Microsoft.AspNetCore.Builder;

namespace AapPacker.Simulator;

/// <summary>A started simulator. Dispose to stop it.</summary>
public sealed class RunningSimulator : IAsyncDisposable
{
    private readonly WebApplication? _app;

    internal RunningSimulator(WebApplication app, SimulatorContext context)
    {
        _app = app;
        Context = context;
    }

    /// <summary>e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUri { get; init; } = new("http://127.0.0.1/");

    /// <summary>The options it was started with.</summary>
    public SimulatorOptions Options => Context.Options;

    /// <summary>The controller API root of its layout, e.g. <c>/api/controller/v2/</c>.</summary>
    public string ApiRoot => Context.Layout.ControllerPrefix;

    internal SimulatorContext Context { get; }

    /// <summary>The live store (hold <c>lock (State.Sync)</c> while reading it).</summary>
    internal Store.SimStore State => Context.Store;

    /// <summary>The same document as <c>GET /_sim/state</c>.</summary>
    public System.Text.Json.Nodes.JsonObject GetState() => StateSnapshot.Build(Context);

    /// <summary>Move simulated time forward (what <c>POST /_sim/clock/advance</c> does).</summary>
    public void AdvanceClock(TimeSpan by) => Context.Clock.Advance(by);

    /// <summary>Back to the seed (what <c>POST /_sim/reset</c> does).</summary>
    public void Reset() => Context.Reset();

    /// <summary>Stop listening.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        await Context.Runner.StopAllAsync().ConfigureAwait(false);
    }
}

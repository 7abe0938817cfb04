using System.Net;
using System.Security.Cryptography.X509Certificates;
using AapPacker.Simulator.Api;
using AapPacker.Simulator.Control;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Scenario;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AapPacker.Simulator;

/// <summary>How to run the simulator.</summary>
public sealed class SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary><c>gateway</c> (AAP 2.5+: /api/ with apis + /api/controller/v2/) or <c>awx</c> (/api/v2/).</summary>
    public string Layout { get; set; } = "gateway";

    /// <summary>Scenario JSON file (templates, prompts, outcomes, users). Null = the built-in default scenario.</summary>
    public string? ScenarioPath { get; set; }

    /// <summary>When set, serve HTTPS with this certificate (must have a private key).</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>Simulated seconds per real second for job progression (1 = real time; 10 = ten times faster).</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>When true, simulated time only moves through <c>POST /_sim/clock/advance</c>.</summary>
    public bool ManualClock { get; set; }

    /// <summary>
    /// Real-runner mode: a job template whose <c>playbook</c> names a file in this directory runs it with
    /// ansible-playbook (as does any template with <c>playbookFile</c> in the scenario).
    /// </summary>
    public string? PlaybookDirectory { get; set; }

    /// <summary>The ansible-playbook executable real runs use (a name on PATH or a path).</summary>
    public string AnsiblePlaybookPath { get; set; } = "ansible-playbook";
}

/// <summary>Starts the simulator in-process on loopback (real HTTP).</summary>
public static class SimulatorHost
{
    /// <summary>Start listening; returns once the server accepts connections.</summary>
    public static async Task<RunningSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sim = new SimulatorContext(options, ScenarioLoader.Load(options.ScenarioPath));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (options.ServerCertificate is not null)
                {
                    listen.UseHttps(options.ServerCertificate);
                }
            });
        });
        var app = builder.Build();
        ControlEndpoints.Map(app, sim);
        var pipeline = new ApiPipeline(sim, ApiRoutes.Build(sim.Layout));
        app.MapFallback(pipeline.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var scheme = options.ServerCertificate is null ? "http" : "https";
        return new RunningSimulator(app, sim) { BaseUri = new Uri($"{scheme}://127.0.0.1:{port}/") };
    }
}

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

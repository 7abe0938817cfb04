using System.Net;
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

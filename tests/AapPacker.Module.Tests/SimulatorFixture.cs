using System.Net.Http;
using System.Text;
using AapPacker.Simulator;

namespace AapPacker.Module.Tests;

/// <summary>One simulator (gateway layout) over loopback HTTP for a test class; reset before each use.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private RunningSimulator? simulator;
    private readonly HttpClient control = new();

    public Uri BaseUri => simulator?.BaseUri ?? throw new InvalidOperationException("The simulator is not started.");

    public async Task InitializeAsync()
    {
        simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Layout = "gateway", Port = 0 });
    }

    public async Task DisposeAsync()
    {
        control.Dispose();
        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }
    }

    /// <summary>Back to the seed, with no faults.</summary>
    public async Task ResetAsync()
    {
        using var response = await control.PostAsync(new Uri(BaseUri, "_sim/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Adds fault rules (the simulator's JSON shape).</summary>
    public async Task AddFaultsAsync(string rulesJson)
    {
        using var content = new StringContent(rulesJson, Encoding.UTF8, "application/json");
        using var response = await control.PostAsync(new Uri(BaseUri, "_sim/faults"), content);
        response.EnsureSuccessStatusCode();
    }
}

using System.Net.Http;
using System.Text;
using AapPacker.Simulator;

namespace AapPacker.Module.Tests;

/// <summary>One simulator (gateway layout) over loopback HTTP for a test class; reset before each use.</summary>
public class SimulatorFixture : IAsyncLifetime
{
    private RunningSimulator? _simulator;
    private readonly HttpClient _control = new();

    /// <summary>Simulated seconds per real second.</summary>
    protected virtual double TimeScale => 1;

    public Uri BaseUri => _simulator?.BaseUri ?? throw new InvalidOperationException("The _simulator is not started.");

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Layout = "gateway", Port = 0, TimeScale = TimeScale });
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    /// <summary>Back to the seed, with no faults.</summary>
    public async Task ResetAsync()
    {
        using var response = await _control.PostAsync(new Uri(BaseUri, "_sim/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>GET /_sim/{path}</c> as JSON (state, requests).</summary>
    public async Task<System.Text.Json.JsonElement> GetAsync(string path)
    {
        using var response = await _control.GetAsync(new Uri(BaseUri, "_sim/" + path));
        response.EnsureSuccessStatusCode();
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Adds fault rules (the simulator's JSON shape).</summary>
    public async Task AddFaultsAsync(string rulesJson)
    {
        using var content = new StringContent(rulesJson, Encoding.UTF8, "application/json");
        using var response = await _control.PostAsync(new Uri(BaseUri, "_sim/faults"), content);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>The simulator at five times real time: a Baseline job runs two seconds and AAP's after-job windows shrink alike.</summary>
public sealed class FiveTimesSimulatorFixture : SimulatorFixture
{
    protected override double TimeScale => 5;
}

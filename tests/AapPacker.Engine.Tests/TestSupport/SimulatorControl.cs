using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>Talks to the simulator's unauthenticated control endpoints (<c>/_sim/</c>): reset, faults, request log, state.</summary>
public sealed class SimulatorControl : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;

    public SimulatorControl(Uri baseUri, HttpMessageHandler handler)
    {
        _http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary><c>POST /_sim/reset</c>.</summary>
    public async Task ResetAsync()
    {
        using var response = await _http.PostAsync("_sim/reset", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>POST /_sim/faults</c> with the given rules.</summary>
    public async Task AddFaultsAsync(params FaultSpec[] rules)
    {
        using var response = await _http.PostAsJsonAsync("_sim/faults", new { rules }, Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>DELETE /_sim/faults</c>.</summary>
    public async Task ClearFaultsAsync()
    {
        using var response = await _http.DeleteAsync("_sim/faults");
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>GET /_sim/requests</c>: what reached the server (never a secret).</summary>
    public async Task<IReadOnlyList<LoggedRequest>> GetRequestsAsync()
        => await _http.GetFromJsonAsync<List<LoggedRequest>>("_sim/requests", Json) ?? [];

    /// <summary><c>DELETE /_sim/requests</c>.</summary>
    public async Task ClearRequestsAsync()
    {
        using var response = await _http.DeleteAsync("_sim/requests");
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>GET /_sim/state</c>.</summary>
    public async Task<JsonElement> GetStateAsync()
        => await _http.GetFromJsonAsync<JsonElement>("_sim/state", Json);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

/// <summary>A fault rule for <c>POST /_sim/faults</c>.</summary>
public sealed record FaultSpec(string Method, string Path, string Kind)
{
    public int? Status { get; init; }
    public double? Rate { get; init; }
    public int? Count { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public int? LatencyMs { get; init; }
}

/// <summary>One entry of <c>GET /_sim/requests</c>.</summary>
public sealed record LoggedRequest(string Method, string Path, string? Query, int Status, string Auth)
{
    /// <summary>Real time of the answer.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Real time the request arrived, before any injected latency.</summary>
    public DateTimeOffset? Started { get; init; }
}
